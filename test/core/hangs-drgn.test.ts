// The hang analysis with the real drgn on the shared dumps: lockchain's four
// writers wait on the i_rwsem of /data/db.log held by compactor (in
// handle_userfault); bug's flusher sleeps in its module with no lock.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { buildHangs } from '../../src/core/analysis/hangs-graph.js';
import { stuckOnLine } from '../../src/core/analysis/hangs-text.js';
import { spawnDrgn } from '../../src/backend/drgn.js';
import { findDrgn } from '../../src/backend/drgn-probe.js';
import { decodeDrgnHangs } from '../../src/parsers/drgn-hangs.js';
import { DrgnClient } from '../../src/protocol/drgn-client.js';
import { randomNonce } from '../../src/protocol/sentinel.js';
import { needDump, type SharedDump } from '../helpers/dumps.js';

const clients: DrgnClient[] = [];

async function hangsOf(d: SharedDump) {
  const drgnPath = findDrgn();
  assert.ok(drgnPath, 'drgn is installed');
  const nonce = randomNonce();
  const client = new DrgnClient(spawnDrgn({ drgnPath, vmlinux: d.vmlinux, dump: d.vmcore, nonce }), { nonce });
  clients.push(client);
  await client.ready();
  const ex = await client.run('kdview:hangs');
  assert.equal(ex.status, 'ok', ex.error);
  const facts = decodeDrgnHangs(ex.output);
  assert.deepEqual(facts.diagnostics, []);
  return { facts: facts.value, hangs: buildHangs(facts.value) };
}

describe('kdview:hangs with the real drgn', () => {
  after(async () => {
    for (const c of clients) await c.quit();
  });

  test('lockchain: every UN task under the i_rwsem of /data/db.log, owned by compactor in handle_userfault', async (t) => {
    const d = needDump(t, 'lockchain');
    if (!d) return;
    const { facts, hangs } = await hangsOf(d);
    const un = facts.filter((f) => f.state === 'UN').map((f) => f.pid).sort((a, b) => a - b);
    assert.deepEqual(un, [125, 147, 148, 149]);
    const h = hangs[0];
    assert.ok(h);
    assert.equal(hangs.length, 1, 'one group: every UN task waits on the same lock');
    assert.deepEqual(h.waiters.map((w) => w.comm), ['dbwriter', 'ingest-1', 'ingest-2', 'ingest-3']);
    assert.ok(h.waiters.every((w) => w.state === 'UN' && w.waitsIn === 'rwsem_down_write_slowpath'));
    assert.deepEqual(h.lock, { kind: 'rwsem', address: 'ffff8a0301457500', name: 'i_rwsem of /data/db.log on vdb' });
    assert.deepEqual(h.owner, { pid: 145, comm: 'compactor' });
    assert.equal(h.root?.pid, 145);
    assert.equal(h.root?.state, 'IN');
    assert.equal(h.root?.waitsIn, 'handle_userfault');
    assert.equal(h.cycle, false);
    assert.ok((h.root?.since ?? 0) > 10, `compactor has slept more than the 10 s hung-task timeout (${h.root?.since})`);
    assert.match(h.summary, /^4 tasks \(dbwriter, ingest-1, ingest-2, ingest-3\) wait for the i_rwsem of \/data\/db\.log on vdb \(rw_semaphore ffff8a0301457500\), held by compactor \(PID 145\), which sleeps in handle_userfault \(a userfaultfd fault nobody serves\) since \d+ s$/);
    assert.match(stuckOnLine(hangs) ?? '', /^compactor \(PID 145\) sleeps in handle_userfault/);
  });

  test('bug: flusher in D state with no lock gets an honest answer', async (t) => {
    const d = needDump(t, 'bug');
    if (!d) return;
    const { hangs } = await hangsOf(d);
    const h = hangs.find((x) => x.waiters.some((w) => w.comm === 'flusher'));
    assert.ok(h, 'flusher is among the hangs');
    assert.equal(h.lock.kind, 'none');
    assert.equal(h.owner, null);
    assert.match(h.summary, /^flusher \(PID 106\) waits in schedule( \(called from [\w.]+\))?, no lock found$/);
  });
});
