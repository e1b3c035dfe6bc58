// The TUI's reducer and store: view state only; models arrive parsed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyModels, type Models } from '../../src/core/models.js';
import type { Exchange } from '../../src/model/exchange.js';
import type { Task } from '../../src/model/task.js';
import { reducer } from '../../src/tui/reducer.js';
import { initialState, type AppState } from '../../src/tui/state.js';
import { createStore } from '../../src/tui/store.js';

const init = (): AppState => initialState({ mode: 'replay', backendName: 'crash', dump: 'vmcore' });
const task = (pid: number, state = 'IN'): Task => ({ pid, ppid: 1, cpu: 0, task: `ffff${pid}`, state, mem: 0, vsz: 0, rss: 0, comm: `t${pid}`, active: false, kernelThread: false });
const ex = (command: string, status: Exchange['status'] = 'ok', error?: string): Exchange => ({ command, output: 'raw text the reducer never reads', startedAt: '', ms: 1, status, ...(error ? { error } : {}) });

test('models: the reducer takes the parsed models as they are (no parsing, same objects)', () => {
  const tasks = [task(1), task(2, 'UN')];
  const models: Models = { ...emptyModels(), tasks, exchanges: [ex('ps')] };
  const s = reducer(init(), { type: 'models', models, exchange: models.exchanges[0] });
  assert.equal(s.tasks, tasks);
  assert.equal(s.exchanges, models.exchanges);
  assert.equal(s.banner, undefined);
  assert.equal(s.pane, 'summary', 'view state is kept');
});

test('models: a failed or timed-out exchange raises a banner, unless the backend is already dead', () => {
  const failed = ex('bt 99999', 'error', 'bt: invalid task or pid value: 99999');
  const s = reducer(init(), { type: 'models', models: { ...emptyModels(), exchanges: [failed] }, exchange: failed });
  assert.deepEqual(s.banner, { level: 'error', text: 'bt 99999: bt: invalid task or pid value: 99999' });
  const timeout = ex('foreach bt', 'timeout', 'timed out');
  assert.equal(reducer(init(), { type: 'models', models: emptyModels(), exchange: timeout }).banner?.level, 'error');
  const dead = { ...init(), status: 'dead' as const };
  assert.equal(reducer(dead, { type: 'models', models: emptyModels(), exchange: failed }).banner, undefined);
});

test('ready: the banner says the task table is incomplete when the core session found it so', () => {
  const incomplete = reducer(init(), { type: 'models', models: { ...emptyModels(), taskTableIncomplete: true } });
  const s = reducer(incomplete, { type: 'ready', ms: 10, warnings: ['WARNING: active task x on cpu 0 not found in PID hash'], startupText: '' });
  assert.equal(s.status, 'ready');
  assert.match(s.banner?.text ?? '', /task table is incomplete/);
  assert.equal(reducer(init(), { type: 'ready', ms: 10, warnings: [], startupText: '' }).banner, undefined);
});

test('cursor moves are clamped to the pane, filters reset the cursor, an unchanged status is the same state', () => {
  let s = reducer(init(), { type: 'models', models: { ...emptyModels(), tasks: [task(1), task(2, 'UN'), task(3)] } });
  s = reducer(s, { type: 'pane', pane: 'tasks' });
  s = reducer(s, { type: 'move', delta: 10, size: 0 });
  assert.equal(s.cursor.tasks, 2);
  s = reducer(s, { type: 'move', delta: -10, size: 0 });
  assert.equal(s.cursor.tasks, 0);
  s = reducer(s, { type: 'move-to', index: 2 });
  s = reducer(s, { type: 'task-state-filter', state: 'UN' });
  assert.equal(s.cursor.tasks, 0);
  const busy = reducer(s, { type: 'status', status: 'busy', running: 'ps' });
  assert.equal(reducer(busy, { type: 'status', status: 'busy', running: 'ps' }), busy);
});

test('the store runs the reducer once per action and notifies only on a change', () => {
  const store = createStore(init());
  let calls = 0;
  store.subscribe(() => calls++);
  store.dispatch({ type: 'pane', pane: 'log' });
  assert.equal(store.get().pane, 'log');
  assert.equal(calls, 1);
  store.dispatch({ type: 'status', status: 'loading' }); // unchanged
  assert.equal(calls, 1);
});
