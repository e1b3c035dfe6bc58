// Hand-made wait-for graphs: the analysis groups waiters by lock, follows the
// owner chain, names the root and detects deadlocks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildHangs } from '../../src/core/analysis/hangs-graph.js';
import { decodeOwner, parseWord } from '../../src/core/analysis/hangs-owner.js';
import { stuckOnLine } from '../../src/core/analysis/hangs-text.js';
import type { LockFacts, WaitFacts } from '../../src/model/hang.js';

const RWSEM_DOWN = ['context_switch', '__schedule', 'schedule', 'rwsem_down_write_slowpath', 'down_write', 'inode_lock'];
const MUTEX = ['__schedule', 'schedule', 'schedule_preempt_disabled', '__mutex_lock.constprop.0', '__mutex_lock_slowpath', 'mutex_lock'];

function task(pid: number, comm: string, state: string, stack: string[], lock?: LockFacts, sinceMs?: number): WaitFacts {
  return { pid, comm, state, task: addr(pid), stack, lock, sinceMs };
}
function addr(pid: number): string {
  return (0xffff8a0300000000n + BigInt(pid) * 0x1800n).toString(16);
}

describe('hang graph', () => {
  test('writers on an i_rwsem held by a task in handle_userfault (the lockchain shape)', () => {
    const sem: LockFacts = { kind: 'rwsem', address: 'ffff8a0301457500', name: 'i_rwsem of /data/db.log on vdb', owner: addr(145), count: '3' };
    const facts = [
      task(125, 'dbwriter', 'UN', RWSEM_DOWN, sem, 15_000),
      task(147, 'ingest-1', 'UN', RWSEM_DOWN, sem, 14_000),
      task(148, 'ingest-2', 'UN', RWSEM_DOWN, sem),
      task(149, 'ingest-3', 'UN', RWSEM_DOWN, sem),
      task(145, 'compactor', 'IN', ['__schedule', 'schedule', 'handle_userfault', 'do_anonymous_page'], undefined, 12_300),
    ];
    const [h, ...rest] = buildHangs(facts);
    assert.equal(rest.length, 0);
    assert.ok(h);
    assert.deepEqual(h.waiters.map((w) => w.pid), [125, 147, 148, 149]);
    assert.deepEqual(h.owner, { pid: 145, comm: 'compactor' });
    assert.equal(h.root?.pid, 145);
    assert.equal(h.root?.activity, 'userfault');
    assert.equal(h.root?.waitsIn, 'handle_userfault');
    assert.equal(h.cycle, false);
    assert.equal(h.waiters[0]?.since, 15);
    assert.equal(
      h.summary,
      '4 tasks (dbwriter, ingest-1, ingest-2, ingest-3) wait for the i_rwsem of /data/db.log on vdb (rw_semaphore ffff8a0301457500), held by compactor (PID 145), which sleeps in handle_userfault (a userfaultfd fault nobody serves) since 12 s',
    );
    assert.match(stuckOnLine([h]) ?? '', /^compactor \(PID 145\) sleeps in handle_userfault .* holding up 4 tasks on the i_rwsem/);
  });

  test('a two-lock chain: A waits for L1 held by B, B waits for L2 held by C (in I/O)', () => {
    const l1: LockFacts = { kind: 'mutex', address: 'ffff8a0000001000', owner: (BigInt(`0x${addr(2)}`) | 1n).toString(16) };
    const l2: LockFacts = { kind: 'rwsem', address: 'ffff8a0000002000', owner: addr(3), count: '1' };
    const hangs = buildHangs([
      task(1, 'a', 'UN', MUTEX, l1),
      task(2, 'b', 'UN', RWSEM_DOWN, l2),
      task(3, 'c', 'UN', ['__schedule', 'schedule', 'io_schedule', 'folio_wait_bit_common', 'filemap_fault']),
    ]);
    const h = hangs[0];
    assert.ok(h);
    assert.equal(h.lock.address, 'ffff8a0000001000');
    assert.deepEqual(h.owner, { pid: 2, comm: 'b' }, 'the MUTEX_FLAGS bit is masked off the owner');
    assert.deepEqual(h.chain.map((l) => [l.lock.address, l.owner?.pid]), [['ffff8a0000001000', 2], ['ffff8a0000002000', 3]]);
    assert.equal(h.root?.pid, 3);
    assert.equal(h.root?.activity, 'io');
    assert.equal(h.blocked, 2);
    assert.match(h.summary, /a \(PID 1\) waits for the mutex ffff8a0000001000, held by b \(PID 2\), which waits for the rw_semaphore ffff8a0000002000, held by c \(PID 3\), which waits for I\/O in folio_wait_bit_common/);
    // b's own group, and c alone (in D state with no lock found)
    assert.deepEqual(hangs.map((x) => x.waiters.map((w) => w.pid)), [[1], [2], [3]]);
    assert.equal(hangs[2]?.lock.kind, 'none');
    assert.equal(hangs[2]?.summary, 'c (PID 3) waits in io_schedule (called from folio_wait_bit_common), no lock found');
  });

  test('a deadlock: A holds L1 and waits for L2, B holds L2 and waits for L1', () => {
    const l1: LockFacts = { kind: 'mutex', address: 'ffff8a0000001000', owner: addr(1) };
    const l2: LockFacts = { kind: 'mutex', address: 'ffff8a0000002000', owner: addr(2) };
    const hangs = buildHangs([task(1, 'a', 'UN', MUTEX, l2), task(2, 'b', 'UN', MUTEX, l1)]);
    assert.equal(hangs.length, 2);
    for (const h of hangs) {
      assert.equal(h.cycle, true);
      assert.match(h.summary, /a deadlock/);
      assert.equal(h.chain.length, 2);
    }
    assert.match(stuckOnLine(hangs) ?? '', /^deadlock: /);
  });

  test('readers on an rwsem: the owner word names the last reader, flagged reader-owned', () => {
    const owner = (BigInt(`0x${addr(7)}`) | 1n | 2n).toString(16);
    const sem: LockFacts = { kind: 'rwsem', address: 'ffff8a0000003000', owner, count: (0x300n | 2n).toString(16), name: 'mmap_lock of mm ffff8a0000009000' };
    const d = decodeOwner(sem);
    assert.equal(d.readerOwned, true);
    assert.equal(d.readers, 3);
    assert.equal(d.task, addr(7));
    const [h] = buildHangs([task(5, 'writer', 'UN', RWSEM_DOWN, sem), task(7, 'reader', 'IN', ['__schedule', 'schedule', 'pipe_read'])]);
    assert.ok(h);
    assert.equal(h.owner, null);
    assert.deepEqual(h.readers, [{ pid: 7, comm: 'reader' }]);
    assert.equal(h.root?.pid, 7);
    assert.equal(h.root?.activity, 'pipe');
    assert.match(h.summary, /held for read \(last recorded reader: reader \(PID 7\)\)/);
    assert.match(h.chain[0]?.note ?? '', /may have released it/);
  });

  test('a percpu rwsem records no owner: the evidence is shown instead', () => {
    const s: LockFacts = { kind: 'percpu-rwsem', address: 'ffff8a0000004000', name: 's_writers of vdb', evidence: 'vdb is frozen (SB_FREEZE_COMPLETE): fsfreeze (PID 90) froze it' };
    const [h] = buildHangs([
      task(10, 'w1', 'UN', ['__schedule', 'schedule', 'percpu_rwsem_wait', '__percpu_down_read', 'mnt_want_write'], s),
      task(11, 'w2', 'UN', ['__schedule', 'schedule', 'percpu_rwsem_wait', '__percpu_down_read', 'mnt_want_write'], s),
    ]);
    assert.ok(h);
    assert.equal(h.owner, null);
    assert.equal(h.root, null);
    assert.equal(h.chain[0]?.owner, null);
    assert.match(h.chain[0]?.note ?? '', /^no owner recorded .*; vdb is frozen/);
    assert.match(h.summary, /^2 tasks \(w1, w2\) wait for the s_writers of vdb \(percpu rw_semaphore ffff8a0000004000\) \(no owner recorded/);
  });

  test('a completion: no owner, waits in wait_for_completion', () => {
    const c: LockFacts = { kind: 'completion', address: 'ffffc90000123e00' };
    const [h] = buildHangs([task(20, 'kworker/0:1', 'UN', ['__schedule', 'schedule', 'schedule_timeout', 'do_wait_for_common', '__wait_for_common', 'wait_for_completion', 'flush_work'], c)]);
    assert.ok(h);
    assert.equal(h.waiters[0]?.waitsIn, 'wait_for_completion');
    assert.equal(h.owner, null);
    assert.match(h.summary, /waits for the completion ffffc90000123e00 \(no owner recorded \(a completion is signalled by whoever calls complete\(\)\)\)/);
  });

  test('owner words: mutex flags masked, unlocked mutex, negative decimal and hex forms', () => {
    assert.equal(parseWord('-0x75fcef3ce800'), 0xffff8a0310c31800n);
    assert.equal(decodeOwner({ kind: 'mutex', owner: 'ffff8a0310c31807' }).task, 'ffff8a0310c31800');
    assert.match(decodeOwner({ kind: 'mutex', owner: '0' }).note ?? '', /unlocked/);
    assert.equal(decodeOwner({ kind: 'rwsem', owner: 'ffff8a0310c31800', count: '3' }).readerOwned, false);
    assert.match(decodeOwner({ kind: 'semaphore', owner: 'ffff8a0310c31800' }).note ?? '', /no owner recorded/);
  });

  test('a task in D state with no lock found, its stack unknown above schedule: an honest answer', () => {
    const [h] = buildHangs([task(106, 'flusher', 'UN', ['context_switch', '__schedule', 'schedule', '?', '?'])]);
    assert.equal(h?.summary, 'flusher (PID 106) waits in schedule, no lock found');
    assert.equal(h?.root, null);
    assert.equal(h?.lock.kind, 'none');
  });

  test('an owner that was not examined is still named from the task list', () => {
    const l: LockFacts = { kind: 'mutex', address: 'ffff8a0000001000', owner: addr(9) };
    const [h] = buildHangs([task(1, 'a', 'UN', MUTEX, l)], { taskNames: new Map([[addr(9), { pid: 9, comm: 'nine', state: 'RU' }]]) });
    assert.deepEqual(h?.owner, { pid: 9, comm: 'nine' });
    assert.equal(h?.root?.activity, 'unknown');
  });
});
