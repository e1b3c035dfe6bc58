// `--backend both` in a real terminal (tmux), against the real crash, drgn
// and dumps: drgn's Summary while crash still loads, then crash takes the
// Console; crash killed while loading leaves drgn's panes and a banner.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test, type TestContext } from 'node:test';
import { CLI } from '../helpers/cli.js';
import { needDump, privateDump, type DumpName } from '../helpers/dumps.js';
import { noProcessesLeft, processesMatching } from '../helpers/procs.js';
import { Tmux } from '../helpers/tmux.js';

const sessions: Tmux[] = [];
after(() => sessions.forEach((t) => t.kill()));

/** The crash process of this test (not drgn's python), by its argv[0]. */
function crashPid(marker: string): number | undefined {
  return processesMatching(marker).find((pid) => {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0')[0] ?? '';
    return argv0.split('/').pop() === 'crash';
  });
}

const LOADING = /· crash loading/;

/** kdview with both engines on a private link to a shared dump, in tmux. */
function startBoth(t: TestContext, name: DumpName): { tm: Tmux; vmcore: string } | undefined {
  const d = needDump(t, name);
  if (!d) return undefined;
  const tm = new Tmux();
  sessions.push(tm);
  const vmcore = privateDump(d.vmcore);
  tm.start([process.execPath, CLI, '--no-record', '--backend', 'both', d.vmlinux, vmcore]);
  return { tm, vmcore };
}

/** `q` quits with 0 and leaves no crash, drgn or guard behind. */
async function quitClean(tm: Tmux, vmcore: string): Promise<void> {
  tm.keys('q');
  assert.equal(await tm.exitStatus(), 0);
  assert.deepEqual(await noProcessesLeft(vmcore), []);
}

test('--backend both on sysrq: the Summary from drgn while crash loads, then :sys runs in crash and the CHECK line appears', async (t) => {
  const run = startBoth(t, 'sysrq');
  if (!run) return;
  const { tm, vmcore } = run;
  // drgn answers first: panic, crashing task and every task, with crash still loading.
  const s = await tm.waitFor(
    (s) => s.includes('Kernel panic - not syncing: sysrq triggered crash') && /TASK\s+PID 142\s+sh/.test(s) && /TASKS\s+67 /.test(s),
    'the Summary from drgn',
    60_000,
  );
  assert.match(s, LOADING, 'the status line says crash is still loading');
  assert.match(s, /\[both drgn 0\.0\.\d+ \+ crash 8\.0\.\d+\]/);
  tm.keys(':');
  tm.text('sys');
  tm.keys('Enter');
  const c = await tm.waitFor((s) => /crash> sys/.test(s) && /PANIC: "Kernel panic - not syncing: sysrq triggered crash"/.test(s), 'sys answered by crash', 180_000);
  assert.match(c, /KERNEL: .*vmlinux/, 'crash, not drgn, answered');
  tm.keys('1');
  const check = await tm.waitFor((s) => /CHECK\s+/.test(s), 'the CHECK line', 120_000);
  // Debian 12's crash 8.0.2 cannot read this kernel's task table: drgn is believed; a newer crash agrees.
  assert.match(check, /CHECK\s+(1 disagreement between crash and drgn: tasks \(believe drgn\)|crash and drgn agree on \d+ facts)/);
  assert.match(check, /TASKS\s+67 /, 'the Tasks count drgn gave stays (no reset when crash arrives)');
  await quitClean(tm, vmcore);
});

test('--backend both: crash killed while loading; drgn’s panes stay and the banner says so', async (t) => {
  const run = startBoth(t, 'sysrq');
  if (!run) return;
  const { tm, vmcore } = run;
  await tm.waitFor((s) => /TASKS\s+67 /.test(s) && LOADING.test(s), 'drgn’s Summary with crash loading', 60_000);
  const pid = crashPid(vmcore);
  assert.ok(pid, 'the crash process');
  process.kill(pid, 'SIGKILL');
  const s = await tm.waitFor((s) => /drgn carries on/.test(s), 'the banner', 30_000);
  assert.match(s, /crash stopped while loading the dump; drgn carries on/);
  assert.match(s, /Kernel panic - not syncing: sysrq triggered crash/, 'the Summary keeps drgn’s data');
  assert.match(s, /TASKS\s+67 /);
  assert.doesNotMatch(s, /press R to restart/, 'kdview is not dead: drgn still answers');
  // Without crash, drgn serves the cluster view (its unwind of every task it lists).
  tm.keys('2', 'c');
  await tm.waitFor((s) => /distinct stacks over 67 tasks \(drgn's unwind of every task\)/.test(s), 'the clusters from drgn', 60_000);
  tm.keys('c');
  tm.keys('5');
  tm.keys(':');
  tm.text('py len(list(for_each_task(prog)))');
  tm.keys('Enter');
  await tm.waitFor((s) => /^67$/m.test(s), 'drgn answering in the Console', 30_000);
  await quitClean(tm, vmcore);
});

test('--backend both on bug: crash’s bt of flusher stops at schedule; the Backtrace pane shows drgn’s unwind, labelled', async (t) => {
  const run = startBoth(t, 'bug');
  if (!run) return;
  const { tm, vmcore } = run;
  await tm.waitFor((s) => /crash ready in [\d.]+ s/.test(s), 'crash ready', 180_000);
  tm.keys(':');
  tm.text('bt 106');
  tm.keys('Enter');
  // crash's own answer in the Console: two frames, ending at schedule (crash 8.0.2; a newer crash may unwind on).
  const c = await tm.waitFor((s) => /crash> bt 106/.test(s) && /COMMAND: "flusher"/.test(s), 'crash’s bt 106', 60_000);
  const short = /#1 \[[0-9a-f]+\] schedule at/.test(c) && !/#2 \[/.test(c);
  tm.keys('2');
  const s = await tm.waitFor(
    (s) => /COMMAND: "flusher"/.test(s) && (short ? /drgn's unwind: /.test(s) : /selected task \(crash's unwind\)/.test(s)),
    'the Backtrace pane',
    60_000,
  );
  if (short) {
    assert.match(s, /selected task \(drgn's unwind\)/, 'the header names the engine');
    assert.match(s, /drgn's unwind: crash's unwind stops at schedule after 2 frames; drgn unwinds \d+/);
    assert.match(s, /direct_entry\.cold\+\d+ at [0-9a-f]+ \[lkdtm\]/, 'drgn’s frame in the module, which crash did not reach');
    assert.doesNotMatch(s, /#\d+ 0x[0-9a-f]+ at/, 'no frames drgn cannot name');
  }
  await quitClean(tm, vmcore);
});

test('--backend both on lockchain: the clusters cover every task; crash’s foreach bt skips a frame of the crashing task; drgn’s stack stays, labelled', async (t) => {
  const run = startBoth(t, 'lockchain');
  if (!run) return;
  const { tm, vmcore } = run;
  await tm.waitFor((s) => /crash ready in [\d.]+ s/.test(s), 'crash ready', 180_000);
  // crash 8.0.2 cannot list this kernel's tasks (a newer crash can), so the cluster key asks drgn for them;
  // crash's own foreach bt then runs from the Console.
  tm.keys('2', 'c');
  await tm.waitFor((s) => /distinct stacks over 7\d tasks \((drgn's unwind of every task|foreach bt)\)/.test(s), 'the clusters of every task', 120_000);
  tm.keys('c');
  tm.keys(':');
  tm.text('foreach bt');
  tm.keys('Enter');
  // crash's unwind of khungtaskd names machine_kexec (drgn's names crash_setup_regs).
  await tm.waitFor((s) => /COMMAND: "khungtaskd"/.test(s) && /machine_kexec/.test(s), 'crash’s foreach bt answered in the Console', 120_000);
  tm.keys('2', 'c');
  await tm.waitFor((s) => /distinct stacks over \d+ tasks \(foreach bt\)/.test(s), 'the clusters from crash’s foreach bt', 120_000);
  tm.keys('c');
  const s = await tm.waitFor((s) => /COMMAND: "khungtaskd"/.test(s), 'the crashing task’s stack', 30_000);
  assert.match(s, /selected task \(drgn's unwind\)/);
  assert.match(s, /drgn's unwind: crash's unwind skips check_hung_uninterruptible_tasks between panic and watchdog\.cold/);
  assert.match(s, /#3 check_hung_uninterruptible_tasks\+\d+/);
  assert.doesNotMatch(s, /✖/, 'no error banner from kdview’s own requests');
  await quitClean(tm, vmcore);
});
