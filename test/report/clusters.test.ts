// Stack clusters on the real `foreach bt` transcripts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBt, parsePs } from '../../src/parsers/index.js';
import { clusterBacktraces } from '../../src/report/clusters.js';
import { fixture } from './fixture-report.js';

const states = (dump: 'bug' | 'sysrq') => new Map(parsePs(fixture(dump, 'ps')).value.tasks.map((t) => [t.pid, t.state]));

test('bug: 82 tasks fall into clusters; the biggest are the sleepers, the waiters and the kworkers', () => {
  const tasks = parseBt(fixture('bug', 'foreach-bt')).value.tasks;
  assert.equal(tasks.length, 82);
  const clusters = clusterBacktraces(tasks, states('bug'));
  assert.equal(clusters.reduce((n, c) => n + c.count, 0), 82, 'every task is in exactly one cluster');
  assert.deepEqual(clusters.slice(0, 6).map((c) => c.count), [17, 16, 12, 11, 6, 4]);
  const [sleep, wait, kworker] = clusters;
  assert.ok(sleep && wait && kworker);
  assert.deepEqual(sleep.states, { IN: 17 });
  assert.ok(sleep.members.every((m) => m.comm === 'sleep'));
  assert.deepEqual(sleep.frames.map((f) => f.function).slice(0, 3), ['__schedule', 'schedule', 'do_nanosleep.constprop.0']);
  assert.deepEqual(kworker.states, { ID: 12 });
  assert.ok(wait.members.some((m) => m.pid === 1 && m.comm === 'init'));
  const pids = wait.members.map((m) => m.pid);
  assert.deepEqual(pids, [...pids].sort((a, b) => a - b), 'members sorted by PID');
  for (let i = 1; i < clusters.length; i++) assert.ok((clusters[i - 1]?.count ?? 0) >= (clusters[i]?.count ?? 0), 'biggest first');
});

test('identical means same functions in the same order; addresses and stack pointers do not matter', () => {
  const tasks = parseBt(fixture('bug', 'foreach-bt')).value.tasks;
  const moved = tasks.map((t) => ({ ...t, frames: t.frames.map((f) => ({ ...f, sp: '0', address: 'ffffffff00000000' })) }));
  assert.deepEqual(
    clusterBacktraces(moved).map((c) => c.count),
    clusterBacktraces(tasks).map((c) => c.count),
  );
});

test('without states every member counts as "??" but the idle tasks (RU); tasks without frames are left out', () => {
  const tasks = parseBt(fixture('sysrq', 'foreach-bt')).value.tasks;
  const clusters = clusterBacktraces([...tasks, { pid: 9999, task: 'ff', command: 'empty', frames: [], line: 1 }]);
  assert.equal(clusters.reduce((n, c) => n + c.count, 0), tasks.filter((t) => t.frames.length > 0).length);
  assert.ok(tasks.some((t) => t.pid === 0), 'the transcript has idle tasks');
  for (const c of clusters) assert.deepEqual(Object.keys(c.states), c.members.every((m) => m.pid === 0) ? ['RU'] : ['??']);
  assert.ok(!clusters.some((c) => c.members.some((m) => m.pid === 9999)));
});
