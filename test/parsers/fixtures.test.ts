// One test per fixture transcript under fixtures/crash: the parser named by the
// manifest (via parserFor(command) or an explicit kind) must reproduce the
// hand-checked expected JSON exactly. Skipped cases are listed with reasons.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAs } from '../../src/parsers/index.js';
import { CRASH_DIR, crashCases, DMESG_DIR, plain, readJson, walkFiles } from './fixture-cases.js';

const cases = crashCases();

test('the fixture folder has cases for every parser kind on both dumps', () => {
  const kinds = new Set(cases.filter((c) => c.skip === undefined).map((c) => c.kind));
  for (const k of ['sys', 'bt', 'log', 'ps', 'kmem-i', 'mod', 'runq']) assert.ok(kinds.has(k as never), `no fixture for ${k}`);
  for (const dump of ['bug/', 'sysrq/', 'edge/']) assert.ok(cases.some((c) => c.name.startsWith(dump)), `no fixtures in ${dump}`);
  assert.ok(cases.length >= 60, `only ${cases.length} fixtures`);
});

test('skipped fixture cases (listed with their reasons)', () => {
  const skipped = cases.filter((c) => c.skip !== undefined);
  for (const c of skipped) {
    console.log(`  skipped ${c.name}: ${c.skip}`);
    assert.ok((c.skip ?? '').length > 10, `${c.name} is skipped without a real reason`);
  }
  assert.ok(skipped.length < cases.length / 10, 'too many skipped fixtures');
});

for (const c of cases) {
  test(`fixture ${c.name}${c.command ? ` (${c.command})` : ''}`, (t) => {
    if (c.skip !== undefined || c.kind === undefined) {
      t.skip(c.skip);
      return;
    }
    assert.ok(existsSync(c.expected), `missing ${c.expected}`);
    const got = plain(parseAs(c.kind, readFileSync(c.file, 'utf8')));
    assert.deepEqual(got, readJson(c.expected));
  });
}

test('every expected JSON has its transcript next to it (a transcript git ignores would vanish from CI)', () => {
  const expected = [CRASH_DIR, DMESG_DIR].flatMap((dir) => walkFiles(dir)).filter((f) => f.endsWith('.expected.json'));
  assert.ok(expected.length > 50, `${expected.length} expected JSON files`);
  for (const e of expected) {
    const base = e.slice(0, -'.expected.json'.length);
    assert.ok(['.txt', '.log', ''].some((ext) => existsSync(base + ext)), `${e} has no transcript`);
    // (status 0: ignored; 1: not ignored; 128: not a git checkout.)
    assert.notEqual(spawnSync('git', ['check-ignore', '-q', base + (existsSync(`${base}.txt`) ? '.txt' : '.log')]).status, 0, `git ignores the transcript of ${e}`);
  }
});
