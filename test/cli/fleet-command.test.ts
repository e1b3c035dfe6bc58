// `kdview fleet` on the built CLI: JSON, text, one signature, HTML, bad input;
// and `kdview report --log` recording into the database (with the one-time
// import of signatures.jsonl).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';
import { dumpsDir } from '../helpers/dumps.js';
import { generatedFleet, SIG } from '../store/generated-fleet.js';

async function seeded(): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kdview-fleet-cli-'));
  const db = join(dir, 'fleet.sqlite');
  const store = await openStore(db);
  await store.insert(generatedFleet());
  await store.close();
  return { dir, db };
}

test('kdview fleet --json / --text / SIGNATURE / --html on a generated fleet', async () => {
  const { dir, db } = await seeded();
  const j = await runCli(['fleet', '--db', db, '--json']);
  assert.equal(j.code, 0, j.stderr);
  assert.equal(j.stderr, '', 'no warning (ExperimentalWarning or other) on stderr');
  const doc = JSON.parse(j.stdout);
  assert.equal(doc.format, 'kdview-fleet');
  assert.equal(doc.records, 230);
  assert.equal(doc.hosts, 30);
  assert.deepEqual(doc.regressions.map((r: { release: string }) => r.release), ['6.6.2', '6.6.0-rc7']);
  // Not a terminal: JSON is the default.
  assert.equal(JSON.parse((await runCli(['fleet', '--db', db])).stdout).records, 230);

  const t = await runCli(['fleet', '--db', db, '--text']);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /MATRIX/);
  assert.match(t.stdout, new RegExp(`new in 6\\.6\\.2\\s+${SIG.newIn662}`));
  assert.match(t.stdout, new RegExp(`not seen since 6\\.1\\.10\\s+${SIG.fixedAfter610}`));
  assert.match(t.stdout, /MCE host-27/);
  assert.match(t.stdout, new RegExp(`^${SIG.newIn662} .*KNOWN example-known-rule$`, 'm'));
  const header = t.stdout.split('\n').find((l) => l.startsWith('SIGNATURE'))!;
  assert.ok(header.indexOf('6.1.9') < header.indexOf('6.1.10') && header.indexOf('6.1.10') < header.indexOf('6.6.0-rc7'), header);

  const one = await runCli(['fleet', '--db', db, '--text', SIG.host27[0]!.slice(0, 8)]);
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, /5 dumps on 1 hosts, 5 releases/);
  assert.match(one.stdout, /report: \/reports\/\d+\.json/);
  const oneJson = JSON.parse((await runCli(['fleet', '--db', db, '--json', SIG.newIn662])).stdout);
  assert.equal(oneJson.dumps.length, 15);
  assert.equal(oneJson.hosts.length, 15);

  const html = join(dir, 'fleet.html');
  const h = await runCli(['fleet', '--db', db, '--html', '-o', html]);
  assert.equal(h.code, 0, h.stderr);
  const page = readFileSync(html, 'utf8');
  assert.equal(statSync(html).mode & 0o777, 0o600);
  assert.ok(page.includes('<svg') && page.includes(SIG.fixedAfter610));
  assert.ok(!/<script/i.test(page), 'no scripts');
  assert.ok(!/(src|href)=["']?https?:/i.test(page), 'no network references');
  assert.match(page, /Content-Security-Policy/);
  const one1 = join(dir, 'one.html');
  const h1 = await runCli(['fleet', '--db', db, '--html', '-o', one1, SIG.host27[1]!.slice(0, 10)]);
  assert.equal(h1.code, 0, h1.stderr);
  const p1 = readFileSync(one1, 'utf8');
  assert.ok(p1.includes('BUG in flaky27_1') && p1.includes('host-27') && p1.includes('/reports/') && p1.includes('<svg'));
  assert.ok(!/<script/i.test(p1));
});

test('kdview fleet: bad input is one line and exit 2; an unknown signature exits 1', async () => {
  const { dir, db } = await seeded();
  for (const args of [['fleet', '--db', db, 'not-hex'], ['fleet', '--db', db, '--html'], ['fleet', '--db', join(dir), '--json'], ['fleet', '--db', db, '--json', '--text']]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^kdview: /);
  }
  const none = await runCli(['fleet', '--db', db, 'ffffffffffff']);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no recorded crash/);
});

test('report --log records into the default database next to the sessions folder; signatures.jsonl is imported once', async (t) => {
  const log = join(dumpsDir(), 'bug', 'dmesg.txt');
  if (!existsSync(log)) {
    if (process.env.CI === 'true') throw new Error(`CI=true: ${log} missing`);
    t.skip(`*** SKIP: ${log} missing ***`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kdview-fleet-rec-'));
  const state = join(dir, 'state', 'kdview');
  mkdirSync(state, { recursive: true });
  const old = { hash: '0123456789abcdef', title: 'BUG in older', dump: '/old/vmcore', at: '2026-01-01T00:00:00.000Z', session: null };
  writeFileSync(join(state, 'signatures.jsonl'), `${JSON.stringify(old)}\n{torn\n`);
  const sessions = join(state, 'sessions');
  const out = join(dir, 'r.json');
  const r1 = await runCli(['report', '--sessions-dir', sessions, '--log', log, '--format', 'json', '-o', out]);
  assert.equal(r1.code, 3, r1.stderr);
  assert.match(r1.stderr, /imported 1 signatures from .*signatures\.jsonl/);
  assert.ok(!existsSync(join(state, 'signatures.jsonl')) && existsSync(join(state, 'signatures.jsonl.imported')));
  const db = join(state, 'fleet.sqlite');
  assert.equal(statSync(db).mode & 0o777, 0o600);
  const store = await openStore(db);
  const rows = await store.all();
  await store.close();
  assert.deepEqual(rows.map((x) => x.title).sort(), ['BUG in older', 'kernel BUG in lkdtm_BUG']);
  const bug = rows.find((x) => x.title === 'kernel BUG in lkdtm_BUG')!;
  assert.equal(bug.release, '6.1.192-kdview');
  assert.equal(bug.reportPath, out);
  assert.equal(bug.culpritFunction, 'lkdtm_BUG');
  assert.equal(bug.taint, '');
  // A second run on the same log: still one record for it, and no second import.
  writeFileSync(join(state, 'signatures.jsonl'), `${JSON.stringify({ ...old, hash: 'fedcba9876543210' })}\n`);
  const r2 = await runCli(['report', '--sessions-dir', sessions, '--log', log, '--format', 'json', '-o', out]);
  assert.equal(r2.code, 3, r2.stderr);
  assert.doesNotMatch(r2.stderr, /imported/);
  const again = await openStore(db);
  assert.equal(await again.count(), 2);
  await again.close();
  // --no-record leaves the database alone.
  const r3 = await runCli(['report', '--no-record', '--db', join(dir, 'none.sqlite'), '--log', log, '--format', 'json']);
  assert.equal(r3.code, 3, r3.stderr);
  assert.ok(!existsSync(join(dir, 'none.sqlite')));
});
