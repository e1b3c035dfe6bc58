// The controller drives the core session on a real recording (ReplayClient
// over the sysrq session): the TUI gets only parsed models, the task table is
// recovered by the session's walk, and Enter on a task crash cannot unwind
// shows its scanned stack.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayClient } from '../../src/protocol/replay-client.js';
import { readSession } from '../../src/session/reader.js';
import type { Action } from '../../src/tui/actions.js';
import { Controller } from '../../src/tui/controller.js';
import { initialState, type AppState } from '../../src/tui/state.js';
import { createStore } from '../../src/tui/store.js';

function until(store: ReturnType<typeof createStore>, pred: (s: AppState) => boolean, what: string, ms = 10_000): Promise<AppState> {
  return new Promise((resolve, reject) => {
    if (pred(store.get())) return resolve(store.get());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const off = store.subscribe(() => {
      if (!pred(store.get())) return;
      clearTimeout(timer);
      off();
      resolve(store.get());
    });
  });
}

test('the controller dispatches models from the core session; recovery and the stack scan come with them', async () => {
  const session = await readSession('sessions/sysrq-demo.kdview.jsonl');
  const store = createStore(initialState({ mode: 'replay', backendName: 'crash', dump: 'vmcore' }));
  const actions: Action['type'][] = [];
  const recorded: string[] = [];
  const dispatch = (a: Action) => {
    actions.push(a.type);
    store.dispatch(a);
  };
  let exited = false;
  const ctl = new Controller(dispatch, store.get, { start: () => new ReplayClient(session), onExchange: (e) => recorded.push(e.command) }, () => {
    exited = true;
  });
  await ctl.start();
  const s = await until(store, (s) => s.tasksFromWalk && s.memory !== undefined && s.btAll !== undefined, 'the walked task list');
  assert.equal(s.tasks?.length, 69);
  assert.equal(s.taskTableIncomplete, true);
  assert.match(s.banner?.text ?? '', /task table is incomplete/);
  assert.ok(!actions.includes('exchange' as Action['type']), 'no raw exchanges reach the reducer');
  assert.deepEqual(s.exchanges.map((e) => e.command), recorded, 'each exchange recorded once and applied once');

  const dbwriter = s.tasks!.find((t) => t.pid === 125)!;
  assert.equal(dbwriter.recovered, true);
  await ctl.showTaskBacktrace(dbwriter);
  const after = store.get();
  assert.equal(after.pane, 'backtrace');
  assert.equal(after.btPid, 125);
  assert.equal(after.taskBts[125]?.recovered, true);
  assert.match(after.banner?.text ?? '', /scanned its stack/);
  assert.ok(!recorded.includes('bt 125'), 'a task only the walk found goes straight to the scan');

  await ctl.quit();
  assert.equal(exited, true);
});
