// Two real `kdview report --all` processes at once, each on its own folder of
// dumps, recording into one fleet database (SQLite file, then PostgreSQL):
// every report is recorded once, nothing lost, no duplicates.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';
import { needDump } from '../helpers/dumps.js';
import { freshDatabase, pgUrl } from './pg-helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdview-all-concurrent-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Two folders of two dumps each (links to the bug dump: four dumps by path), reported by two processes at once. */
async function twoRuns(t: TestContext, db: string, label: string): Promise<void> {
  const d = needDump(t, 'bug');
  if (!d) return;
  const runs = ['a', 'b'].map((side) => {
    const root = join(tmp, label, side);
    for (const host of ['h1', 'h2']) {
      mkdirSync(join(root, host), { recursive: true });
      symlinkSync(d.vmcore, join(root, host, 'vmcore'));
    }
    const args = ['report', '--all', root, '--vmlinux', d.vmlinux, '--backend', 'crash', '--jobs', '2', '-o', join(tmp, label, `out-${side}`), '--db', db];
    return runCli([...args, '--sessions-dir', join(tmp, label, `sessions-${side}`)], { timeoutMs: 600_000 });
  });
  for (const r of await Promise.all(runs)) assert.equal(r.code, 0, r.stderr);
  const store = await openStore(db);
  try {
    const rows = await store.all();
    const paths = rows.map((r) => r.dumpPath).sort();
    assert.deepEqual(paths, ['a/h1', 'a/h2', 'b/h1', 'b/h2'].map((p) => join(tmp, label, p, 'vmcore')), 'four reports, each once');
    assert.ok(rows.every((r) => r.title === 'kernel BUG in lkdtm_BUG'));
  } finally {
    await store.close();
  }
}

test('two report --all processes into one SQLite file', async (t) => {
  await twoRuns(t, join(tmp, 'fleet.sqlite'), 'sqlite');
});

test('two report --all processes into one PostgreSQL database', async (t) => {
  const base = pgUrl(t);
  if (!base) return;
  await twoRuns(t, await freshDatabase(base), 'pg');
});
