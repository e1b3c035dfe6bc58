// Like htop: the TUI draws on the alternate screen, so quitting gives the user
// back the terminal as it was.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CLI } from '../helpers/cli.js';
import { Tmux } from '../helpers/tmux.js';

const sessions: Tmux[] = [];
after(() => sessions.forEach((t) => t.kill()));

test('quitting restores the terminal: what was on screen before kdview is back, kdview’s frame is gone', async () => {
  const tm = new Tmux();
  sessions.push(tm);
  // The marker is printed by sh before kdview starts (node and the CLI come in as "$0" and "$1", never
  // interpolated); the shell then says how kdview exited and waits, so the pane stays alive to be read.
  tm.start(['sh', '-c', 'echo BEFORE-KDVIEW-7f3a; "$0" "$1" --demo; echo "kdview exited $?"; read _', process.execPath, CLI]);
  const during = await tm.waitFor((s) => s.includes('REPLAY') && /TASKS\s+82 /.test(s) && /\[crash[^\]]*\] ready/.test(s), 'the demo Summary, every recorded command replayed', 15_000);
  assert.doesNotMatch(during, /BEFORE-KDVIEW-7f3a/, 'the alternate screen hides the shell’s screen');
  tm.keys('q');
  const afterQuit = await tm.waitFor((s) => s.includes('kdview exited'), 'kdview gone, the shell’s screen back');
  assert.match(afterQuit, /BEFORE-KDVIEW-7f3a\nkdview exited 0/);
  assert.doesNotMatch(afterQuit, /1 Summary\s+2 Backtrace/, 'no kdview frame left behind');
  assert.doesNotMatch(afterQuit, /TASKS\s+82/);
});
