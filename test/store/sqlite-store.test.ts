// The fleet store on SQLite: migrations from v1, the generated fleet's
// answers, re-recording without duplicates, "seen before", file modes.
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open.js';
import { openSqlite } from '../../src/store/sqlite-driver.js';
import { FleetStore } from '../../src/store/store.js';
import { checkGeneratedFleet } from './fleet-checks.js';
import { generatedFleet } from './generated-fleet.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kdview-store-'));

test('migrations: a v1 database with a v1 row is brought to the latest version, the row intact', async () => {
  const path = join(tmp(), 'old.sqlite');
  const v1 = new FleetStore(openSqlite(path));
  assert.equal(await v1.migrate(1), 1);
  await v1.driver.run(
    `INSERT INTO crashes (dump_key, signature, title, dump_path, kdview_version, recorded_at, release, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ['/d/vmcore@2026-01-01T00:00:00.000Z', '0123456789abcdef', 'BUG in old', '/d/vmcore', '0.0.9', '2026-01-01T00:00:00.000Z', '6.1.9', 'h1'],
  );
  await v1.close();
  for (let v = 1; v <= LATEST_VERSION; v++) {
    // Every intermediate version also migrates on to the latest.
    const p = join(tmp(), `v${v}.sqlite`);
    const s = new FleetStore(openSqlite(p));
    assert.equal(await s.migrate(v), v);
    await s.close();
    const up = await openStore(p);
    assert.equal(await up.version(), LATEST_VERSION);
    await up.close();
  }
  const store = await openStore(path);
  assert.equal(await store.version(), LATEST_VERSION);
  assert.equal(LATEST_VERSION, MIGRATIONS.length);
  const [r] = await store.all();
  assert.equal(r?.title, 'BUG in old');
  assert.equal(r?.mce, false, 'v2 column with its default');
  assert.deepEqual(r?.known, []);
  await store.setMeta('k', 'v'); // v3 table
  assert.equal(await store.getMeta('k'), 'v');
  // Opening again applies nothing twice.
  await store.close();
  const again = await openStore(path);
  const versions = await again.driver.all('SELECT version FROM kdview_schema ORDER BY version');
  assert.deepEqual(versions.map((v) => Number(v.version)), MIGRATIONS.map((m) => m.version));
  await again.close();
});

test('a database from a newer kdview is refused with a clear message', async () => {
  const path = join(tmp(), 'new.sqlite');
  const s = await openStore(path);
  await s.driver.run('INSERT INTO kdview_schema (version, applied_at) VALUES (?, ?)', [LATEST_VERSION + 1, 'x']);
  await s.close();
  await assert.rejects(openStore(path), /newer than this kdview knows/);
});

test('generated fleet on SQLite: matrix, regressions, fixed candidates, hardware suspects', async () => {
  const store = await openStore(join(tmp(), 'fleet.sqlite'));
  await store.insert(generatedFleet());
  await checkGeneratedFleet(store);
  // Recording the same dumps again adds nothing.
  await store.insert(generatedFleet());
  assert.equal(await store.count(), 230);
  await store.close();
});

test('seen before: other dumps with the signature, not this one', async () => {
  const store = await openStore(join(tmp(), 'seen.sqlite'));
  const [a, b] = generatedFleet().filter((r) => r.host === 'host-13' && r.title === 'BUG in flaky13_0');
  assert.ok(a && b);
  assert.equal(await store.seenBefore(a.signature, a.dumpKey, a.dumpPath), null);
  await store.insert([a]);
  assert.equal(await store.seenBefore(a.signature, a.dumpKey, a.dumpPath), null, 'the same dump again is not "seen before"');
  await store.insert([b]);
  const seen = await store.seenBefore(a.signature, a.dumpKey, a.dumpPath);
  assert.deepEqual(seen, { count: 1, lastAt: b.dumpDate, lastDump: b.dumpPath });
  await store.close();
});

test('the database file is 0600 in a 0700 folder; a file that is not a database is refused and left alone', async () => {
  const dir = join(tmp(), 'state', 'kdview');
  const path = join(dir, 'fleet.sqlite');
  const s = await openStore(path);
  await s.insert(generatedFleet().slice(0, 3));
  await s.close();
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  const other = join(tmp(), 'notes.txt');
  writeFileSync(other, 'not a database at all\n');
  chmodSync(other, 0o644);
  await assert.rejects(openStore(other), (err: Error) => /^database .*notes\.txt: is not a SQLite database$/.test(err.message));
  assert.equal(statSync(other).mode & 0o777, 0o644, 'a foreign file keeps its mode');
  await assert.rejects(openStore(tmp()), /is a folder/);
});

test('SQLite: two writer processes at once, nothing lost, no duplicates', async () => {
  const { twoWritersAtOnce } = await import('./concurrency.js');
  await twoWritersAtOnce(join(tmp(), 'shared.sqlite'));
});

test('a report becomes a record: culprit, type, trigger, taint, hardware, MCE lines, the hang root blocker', async () => {
  const { fixtureReport } = await import('../report/fixture-report.js');
  const { recordFromReport } = await import('../../src/store/from-report.js');
  const r = fixtureReport('bug');
  const plain = recordFromReport(r, { reportPath: '/r/bug.json', dump: { buildId: 'ab'.repeat(20), date: '2026-11-26T04:57:28.000Z', hostname: 'h' } });
  assert.equal(plain.culpritFunction, 'lkdtm_BUG');
  assert.equal(plain.release, '6.1.192-kdview');
  assert.equal(plain.dumpKey, `${r.input.dump}@2026-11-26T04:57:28.000Z`);
  assert.match(plain.hardware ?? '', /^QEMU Standard PC/);
  assert.equal(plain.mce, false);
  assert.equal(plain.hangBlocker, null);
  const root = { pid: 145, comm: 'compactor', state: 'IN', waitsIn: 'handle_userfault', since: null, activity: 'userfault', doing: 'sleeps in handle_userfault' };
  const lock = { kind: 'rwsem' as const, address: null, name: null };
  const hang = { root: null, lock, owner: null, waiters: [], chain: [], cycle: false, readers: [], blocked: 1, summary: 'x' };
  const withHang = { ...r, hangs: [hang, { ...hang, root, blocked: 4 }], log: { ...r.log, excerpt: `${r.log.excerpt}\n[ 9.0] mce: [Hardware Error]: Machine check events logged` } };
  const rec = recordFromReport(withHang, { reportPath: null });
  assert.equal(rec.hangBlocker, '145 compactor');
  assert.equal(rec.mce, true);
});
