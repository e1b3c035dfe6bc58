// What the Backtrace pane says about where its stack came from with two
// engines (tui/bt-source.ts), and when the controller asks drgn for a task.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BacktraceTask } from '../../src/model/backtrace.js';
import type { Exchange } from '../../src/model/exchange.js';
import { btSource, clusterSource, drgnStackWanted } from '../../src/tui/bt-source.js';
import { clusterRows } from '../../src/tui/selectors.js';
import { initialState, type AppState } from '../../src/tui/state.js';

const base = initialState({ mode: 'live', backendName: 'both', dump: 'vmcore' });
const stack = (more: Partial<BacktraceTask>): BacktraceTask => ({
  pid: 106,
  task: 'ffff966481bab700',
  command: 'flusher',
  line: 1,
  frames: [{ index: 0, sp: '', function: '__schedule', address: '' }, { index: 1, sp: '', function: 'schedule', address: '' }],
  ...more,
});
const showing = (t: BacktraceTask): AppState => ({ ...base, btPid: t.pid, taskBts: { [t.pid]: t } });
const ok = (command: string): Exchange => ({ command, output: '', startedAt: '', ms: 1, status: 'ok' });

test('the header names the engine; the label says why drgn’s stack is shown', () => {
  assert.deepEqual(btSource(showing(stack({}))), {}, 'one engine: nothing to say');
  assert.deepEqual(btSource(showing(stack({ engine: 'crash' }))), { engine: "crash's unwind" });
  const why = "crash's unwind stops at schedule after 2 frames; drgn unwinds 3";
  assert.deepEqual(btSource(showing(stack({ engine: 'drgn', insteadOfCrash: why }))), { engine: "drgn's unwind", label: `drgn's unwind: ${why}` });
  assert.deepEqual(btSource({ ...showing(stack({ engine: 'crash' })), btView: 'all' }), {}, 'bt -a: no single task');
});

test('drgn is asked once for a task whose shown stack is crash’s and ends at the scheduler', () => {
  const s = showing(stack({ engine: 'crash' }));
  assert.equal(drgnStackWanted(s, new Set()), 106);
  assert.equal(drgnStackWanted(s, new Set([106])), undefined, 'asked already');
  assert.equal(drgnStackWanted(showing(stack({ engine: 'drgn' })), new Set()), undefined);
  assert.equal(drgnStackWanted(showing(stack({ engine: 'crash', frames: [{ index: 0, sp: '', function: 'do_nanosleep', address: '' }] })), new Set()), undefined);
});

test('the cluster view names who read every stack', () => {
  assert.equal(clusterSource({ ...base, exchanges: [ok('kdview:bt 1 2 3'), ok('kdview:bt 106')] }), "drgn's unwind of every task");
  assert.equal(clusterSource({ ...base, exchanges: [ok('kdview:bt 1 2 3'), ok('foreach bt'), ok('kdview:bt 106')] }), 'foreach bt');
});

test('the cluster view takes drgn’s stack of a task where crash’s stopped short', () => {
  const crash = stack({ engine: 'crash' });
  const drgn = stack({ engine: 'drgn', insteadOfCrash: 'why', frames: [...crash.frames, { index: 2, sp: '', function: 'direct_entry.cold', address: '' }] });
  const s: AppState = { ...base, foreachBt: { tasks: [crash] }, taskBts: { 106: crash } };
  assert.deepEqual(clusterRows(s).map((c) => c.frames.map((f) => f.function)), [['__schedule', 'schedule']]);
  assert.deepEqual(clusterRows({ ...s, taskBts: { 106: drgn } }).map((c) => c.frames.map((f) => f.function)), [['__schedule', 'schedule', 'direct_entry.cold']]);
});
