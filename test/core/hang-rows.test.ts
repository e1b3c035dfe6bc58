// The Hangs pane's tree rows for a chain and a deadlock (pure).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildHangs } from '../../src/core/analysis/hangs-graph.js';
import type { LockFacts, WaitFacts } from '../../src/model/hang.js';
import { hangRowsOf } from '../../src/tui/hang-rows.js';

const addr = (pid: number) => (0xffff8a0300000000n + BigInt(pid) * 0x1800n).toString(16);
const MUTEX = ['__schedule', 'schedule', '__mutex_lock', 'mutex_lock'];
const task = (pid: number, comm: string, state: string, stack: string[], lock?: LockFacts): WaitFacts => ({ pid, comm, state, task: addr(pid), stack, lock, sinceMs: 2000 });

test('a chain: root, the lock it holds and who waits for it, then the first lock and its waiters', () => {
  const hangs = buildHangs([
    task(1, 'a', 'UN', MUTEX, { kind: 'mutex', address: 'ffff8a0000001000', owner: addr(2), name: 'pipe mutex' }),
    task(2, 'b', 'UN', MUTEX, { kind: 'mutex', address: 'ffff8a0000002000', owner: addr(3) }),
    task(3, 'c', 'IN', ['__schedule', 'schedule', 'do_nanosleep', 'hrtimer_nanosleep']),
  ]);
  const rows = hangRowsOf(hangs.slice(0, 1));
  assert.deepEqual(rows.map((r) => [r.depth, r.kind, r.pid]), [[0, 'root', 3], [1, 'link', undefined], [2, 'waiter', 2], [3, 'lock', undefined], [4, 'waiter', 1]]);
  assert.match(rows[0]?.text ?? '', /^c \(PID 3\) sleeps on a timer \(do_nanosleep\) since 2 s$/);
  assert.match(rows[1]?.text ?? '', /^holds the mutex ffff8a0000002000, which b \(PID 2\) waits for$/);
  assert.match(rows[3]?.text ?? '', /^holds the pipe mutex \(mutex ffff8a0000001000\)$/);
  assert.match(rows[4]?.text ?? '', /^\s+1 {2}a\s+2\.0 s {2}in __mutex_lock$/);
});

test('a deadlock is marked on its root row', () => {
  const hangs = buildHangs([
    task(1, 'a', 'UN', MUTEX, { kind: 'mutex', address: 'ffff8a0000002000', owner: addr(2) }),
    task(2, 'b', 'UN', MUTEX, { kind: 'mutex', address: 'ffff8a0000001000', owner: addr(1) }),
  ]);
  const rows = hangRowsOf(hangs);
  assert.ok(rows.filter((r) => r.kind === 'root').every((r) => r.text.startsWith('DEADLOCK ')));
});
