// The Hangs pane in a real terminal on the lockchain dump: the Summary's
// STUCK ON line names compactor, the pane shows root → lock → waiters, and
// Enter on a waiter opens its backtrace with the waiting frame marked.
// drgn (fast to load) and crash 8.0.2 (which needs kdview's task walk).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { CLI } from '../helpers/cli.js';
import { needDump, privateDump } from '../helpers/dumps.js';
import { noProcessesLeft } from '../helpers/procs.js';
import { Tmux } from '../helpers/tmux.js';

const sessions: Tmux[] = [];
after(() => sessions.forEach((t) => t.kill()));

const selected = (screen: string) => screen.split('\n').find((l) => l.includes('›')) ?? '';

for (const backend of ['drgn', 'crash'] as const) {
  test(`Hangs pane on lockchain (${backend})`, async (t) => {
    const d = needDump(t, 'lockchain');
    if (!d) return;
    const tm = new Tmux();
    sessions.push(tm);
    const vmcore = privateDump(d.vmcore);
    tm.start([process.execPath, CLI, '--no-record', '--backend', backend, d.vmlinux, vmcore]);
    // crash 8.0.2 walks the task list first (tens of seconds on a loaded machine)
    await tm.waitFor((s) => /STUCK ON\s+compactor \(PID 145\) sleeps in handle_userfault/.test(s), 'the STUCK ON line', backend === 'crash' ? 300_000 : 60_000);
    tm.keys('7');
    let s = await tm.waitFor((s) => s.includes('Enter on a task: its backtrace') && s.includes('ingest-3'), 'the Hangs pane');
    assert.match(s, /▸ compactor \(PID 145\) sleeps in handle_userfault/);
    assert.match(s, /└ holds the i_rwsem of \/data\/db\.log on vdb \(rw_semaphore ffff8a0301457500\)/);
    for (const [pid, comm] of [[125, 'dbwriter'], [147, 'ingest-1'], [148, 'ingest-2'], [149, 'ingest-3']] as const) {
      assert.match(s, new RegExp(`UN\\s+${pid}\\s+${comm}\\s+[\\d.]+ s\\s+in rwsem_down_write_slowpath`));
    }
    tm.keys('j', 'j');
    await tm.waitFor((s) => /125\s+dbwriter/.test(selected(s)), 'the cursor on dbwriter');
    tm.keys('Enter');
    s = await tm.waitFor((s) => s.includes('PID: 125') && s.includes('◂ waits here'), 'dbwriter’s backtrace, waiting frame marked', 60_000);
    assert.match(s, /rwsem_down_write_slowpath.*◂ waits here/);
    tm.keys('q');
    assert.equal(await tm.exitStatus(), 0);
    assert.deepEqual(await noProcessesLeft(vmcore), []);
  });
}
