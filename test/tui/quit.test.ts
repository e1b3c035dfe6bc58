// Quitting asks only about a command you typed on a live backend; kdview's own
// background work and replays quit at once. In a replay, the panes' own
// requests that the recording lacks raise no banner.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyModels } from '../../src/core/models.js';
import type { Exchange } from '../../src/model/exchange.js';
import type { Controller } from '../../src/tui/controller.js';
import type { Action } from '../../src/tui/actions.js';
import { reducer } from '../../src/tui/reducer.js';
import { initialState, type AppState } from '../../src/tui/state.js';
import { handleCommand } from '../../src/ui/handle-command.js';

function press(s: AppState): { actions: Action[]; quits: number } {
  const actions: Action[] = [];
  let quits = 0;
  const ctl = { quit: async () => void quits++ } as unknown as Controller;
  handleCommand('quit', s, (a) => actions.push(a), ctl, 20);
  return { actions, quits };
}

const live = (): AppState => ({ ...initialState({ mode: 'live', backendName: 'crash', dump: 'vmcore' }), status: 'busy', running: 'foreach 106 bt' });

test('busy with kdview’s own background command: q quits at once', () => {
  const r = press(live());
  assert.equal(r.quits, 1);
  assert.deepEqual(r.actions, []);
});

test('a command typed in the Console still running: q asks first; once it answered, q quits', () => {
  let s = reducer(live(), { type: 'user-command', delta: 1 });
  let r = press(s);
  assert.equal(r.quits, 0);
  assert.deepEqual(r.actions, [{ type: 'overlay', overlay: 'confirm-quit' }]);
  s = reducer(s, { type: 'user-command', delta: -1 });
  assert.equal(s.userRunning, 0);
  r = press(s);
  assert.equal(r.quits, 1);
});

test('a replay never asks, even while busy with a typed command', () => {
  const s = reducer({ ...live(), mode: 'replay' }, { type: 'user-command', delta: 1 });
  assert.equal(press(s).quits, 1);
});

test('replay: an unrecorded request of the panes raises no banner; the same error live does', () => {
  const ex: Exchange = { command: 'rd -s ffff 4', output: '', startedAt: '', ms: 1, status: 'error', error: 'crash: not in this recording: rd -s ffff 4 (this is a replay; recorded commands: 6)' };
  const replay = reducer(initialState({ mode: 'replay', backendName: 'crash', dump: 'vmcore' }), { type: 'models', models: emptyModels(), exchange: ex });
  assert.equal(replay.banner, undefined);
  const liveState = reducer(initialState({ mode: 'live', backendName: 'crash', dump: 'vmcore' }), { type: 'models', models: emptyModels(), exchange: ex });
  assert.equal(liveState.banner?.level, 'error');
});
