// `kdview rules test|check|list` and the known issues in reports, on the built CLI.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { dumpsDir } from '../helpers/dumps.js';

function sharedLog(t: TestContext, name: string, file: string): string | undefined {
  const p = join(dumpsDir(), name, file);
  if (existsSync(p)) return p;
  if (process.env.CI === 'true') throw new Error(`CI=true: ${p} missing`);
  t.skip(`*** SKIP: ${p} missing ***`);
  return undefined;
}

test('rules test: per-condition reasons on a saved log; exit 0 on a match, 1 on none', async (t) => {
  const log = sharedLog(t, 'bug', 'dmesg.txt');
  if (!log) return;
  const hit = await runCli(['rules', 'test', 'known-issues/deliberate.yml', log]);
  assert.equal(hit.code, 0, hit.stderr);
  assert.match(hit.stdout, /^MATCH {4}lkdtm-deliberate-crash {2}\(.*deliberate\.yml:3\)$/m);
  assert.match(hit.stdout, /yes {2}log {7}\/lkdtm: Performing direct entry \\w\+\/ matched "lkdtm: Performing direct entry [A-Z_]+"/);
  assert.match(hit.stdout, /^NO MATCH sysrq-triggered-crash/m);
  assert.match(hit.stdout, /no {3}title {5}\/sysrq triggered crash\/ matches none/);
  const miss = await runCli(['rules', 'test', 'known-issues/kernel-bugs.yml', log, '--json']);
  assert.equal(miss.code, 1, miss.stderr);
  const doc = JSON.parse(miss.stdout);
  assert.ok(doc.results.length >= 4 && doc.results.every((r: { matched: boolean }) => !r.matched));
  assert.equal(doc.signature.title, 'kernel BUG in lkdtm_BUG');
  // The lockchain dump's log: the hung-task panic, from the trigger the log analysis found.
  const lock = sharedLog(t, 'lockchain', 'dmesg');
  if (!lock) return;
  const hung = await runCli(['rules', 'test', 'known-issues/panics.yml', lock]);
  assert.equal(hung.code, 0, hung.stderr);
  assert.match(hung.stdout, /^MATCH {4}hung-task-panic/m);
  assert.match(hung.stdout, /yes {2}trigger {3}hung-task-panic/);
});

test('rules check: the shipped set is valid; a broken file is exit 2 with file:line', async () => {
  const ok = await runCli(['rules', 'check', 'known-issues']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^\d+ rules valid/);
  const dir = mkdtempSync(join(tmpdir(), 'kdview-rules-cli-'));
  writeFileSync(join(dir, 'bad.yml'), 'rules:\n  - id: Bad Id\n    summary: x\n    link: https://example.org\n    match: { title: x }\n');
  const bad = await runCli(['rules', 'check', dir]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^kdview: .*bad\.yml:2: rules\.0\.id: lower-case letters/m);
  const test2 = await runCli(['rules', 'test', join(dir, 'bad.yml'), 'README.md']);
  assert.equal(test2.code, 2);
  assert.match(test2.stderr, /bad\.yml:2: /);
  assert.doesNotMatch(test2.stderr, /\n\s+at /, 'no stack trace');
});

test('report --log: the known field, the Known issues section, and --rules DIR adds rules', async (t) => {
  const log = sharedLog(t, 'sysrq', 'dmesg');
  if (!log) return;
  const dir = mkdtempSync(join(tmpdir(), 'kdview-rules-report-'));
  writeFileSync(join(dir, 'site.yml'), 'rules:\n  - id: site-sysrq-drill\n    summary: our monthly kdump drill\n    link: https://example.org/runbook\n    advice: nothing to do\n    match:\n      function: sysrq_handle_crash\n');
  const j = await runCli(['report', '--no-record', '--log', log, '--format', 'json', '--rules', dir]);
  assert.equal(j.code, 3, j.stderr);
  const r = JSON.parse(j.stdout);
  assert.deepEqual(r.known.map((k: { id: string }) => k.id), ['site-sysrq-drill', 'sysrq-triggered-crash']);
  assert.match(r.known[0].source, /site\.yml:2$/);
  const md = await runCli(['report', '--no-record', '--log', log]);
  assert.match(md.stdout, /## Known issues\n\n- \*\*sysrq-triggered-crash\*\*: /);
  const html = await runCli(['report', '--no-record', '--log', log, '--format', 'html']);
  assert.match(html.stdout, /<h2>Known issues<\/h2>\s*<ul><li><b>sysrq-triggered-crash<\/b>/);
});
