// The fleet store on a real PostgreSQL (KDVIEW_TEST_PG_URL, started by
// scripts/pg-test-server.sh in .ci/run): migrations, the generated fleet's
// answers, two concurrent writer processes, and the CLI on --db postgres://.
// Each test gets a database of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LATEST_VERSION } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open.js';
import { openPostgres } from '../../src/store/pg-driver.js';
import { FleetStore } from '../../src/store/store.js';
import { runCli } from '../helpers/cli.js';
import { twoWritersAtOnce } from './concurrency.js';
import { freshDatabase, pgUrl } from './pg-helpers.js';
import { checkGeneratedFleet } from './fleet-checks.js';
import { generatedFleet, SIG } from './generated-fleet.js';

test('PostgreSQL: migrations from v1, a v1 row kept', async (t) => {
  const base = pgUrl(t);
  if (!base) return;
  const url = await freshDatabase(base);
  const v1 = new FleetStore(await openPostgres(url));
  assert.equal(await v1.migrate(1), 1);
  await v1.driver.run(
    'INSERT INTO crashes (dump_key, signature, title, dump_path, kdview_version, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
    ['/d/vmcore', '0123456789abcdef', 'BUG in old', '/d/vmcore', '0.0.9', '2026-01-01T00:00:00.000Z'],
  );
  await v1.close();
  const store = await openStore(url);
  assert.equal(await store.version(), LATEST_VERSION);
  const [r] = await store.all();
  assert.equal(r?.title, 'BUG in old');
  assert.equal(r?.mce, false);
  await store.close();
});

test('PostgreSQL: the generated fleet gives the same answers as on SQLite', async (t) => {
  const base = pgUrl(t);
  if (!base) return;
  const store = await openStore(await freshDatabase(base));
  await store.insert(generatedFleet());
  await checkGeneratedFleet(store);
  await store.insert(generatedFleet());
  assert.equal(await store.count(), 230, 're-recording adds nothing');
  await store.close();
});

test('PostgreSQL: two writer processes at once, nothing lost, no duplicates', async (t) => {
  const base = pgUrl(t);
  if (!base) return;
  await twoWritersAtOnce(await freshDatabase(base));
});

test('PostgreSQL: kdview fleet --db postgres://… and a bad URL', async (t) => {
  const base = pgUrl(t);
  if (!base) return;
  const url = await freshDatabase(base);
  const store = await openStore(url);
  await store.insert(generatedFleet());
  await store.close();
  const r = await runCli(['fleet', '--db', url, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.records, 230);
  assert.doesNotMatch(doc.database, new RegExp(new URL(base).password), 'the password is not shown');
  assert.deepEqual(doc.fixedCandidates.map((f: { signature: string }) => f.signature), [SIG.fixedAfter515, SIG.fixedAfter610]);
  const bad = new URL(base);
  bad.password = 'wrong';
  const denied = await runCli(['fleet', '--db', bad.toString(), '--json']);
  assert.equal(denied.code, 2);
  assert.match(denied.stderr, /^kdview: database postgres:\/\/kdview:\*\*\*@.*: password authentication failed/);
  assert.equal(denied.stderr.trim().split('\n').length, 1);
});
