// The built kdview in a real terminal (tmux), against the real crash and dumps.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI } from '../helpers/cli.js';
import { needDump, privateDump } from '../helpers/dumps.js';
import { noProcessesLeft, processesMatching } from '../helpers/procs.js';
import { Tmux } from '../helpers/tmux.js';

const sessions: Tmux[] = [];

after(() => sessions.forEach((t) => t.kill()));

function selectedLine(screen: string): string {
  return screen.split('\n').find((l) => l.includes('›')) ?? '';
}

test('TUI on the bug dump: summary, hung task, its backtrace, the oops, the console, quit', async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const tm = new Tmux();
  sessions.push(tm);
  const t0 = Date.now();
  const vmcore = privateDump(d.vmcore);
  tm.start([process.execPath, CLI, '--no-record', '--backend', 'crash', d.vmlinux, vmcore]);
  await tm.waitFor((s) => s.includes('kdview') && s.includes('Summary'), 'the first frame', 15_000);
  const firstFrameMs = Date.now() - t0;
  await tm.waitFor((s) => s.includes('kernel BUG at drivers/misc/lkdtm/bugs.c:78!'), 'the panic string');
  let s = await tm.waitFor((s) => /TASKS\s+82 /.test(s) && /OOPS\s/.test(s), 'the oops and task counts');
  assert.match(s, /OOPS\s+kernel BUG in lkdtm_BUG/);
  const summaryMs = Date.now() - t0;
  assert.match(s, /HUNG \(UN\)\s+106 flusher/);
  console.error(`e2e: first frame ${firstFrameMs} ms, summary filled ${summaryMs} ms`);

  tm.keys('4');
  await tm.waitFor((s) => s.includes('PPID  CPU  ST'), 'the Tasks pane');
  tm.keys('u');
  s = await tm.waitFor((s) => s.includes('state: UN'), 'the UN filter');
  assert.match(selectedLine(s), /106\s+1\s+1\s+UN\s+\d+\s+flusher/);
  assert.doesNotMatch(s, /lkdtm-trigger/);

  tm.keys('Enter');
  s = await tm.waitFor((s) => s.includes('PID: 106') && s.includes('COMMAND: "flusher"'), 'the flusher backtrace');
  assert.match(s, /#\d+ __schedule at/);

  tm.keys('3');
  await tm.waitFor((s) => s.includes('records'), 'the Log pane');
  tm.keys('p');
  await tm.waitFor((s) => /cut here|kernel BUG at/.test(selectedLine(s)), 'the jump to the oops');

  tm.keys(':');
  tm.text('kmem -i');
  tm.keys('Enter');
  await tm.waitFor((s) => s.includes('TOTAL MEM') && s.includes('crash> kmem -i'), 'kmem -i in the Console');
  await tm.waitFor((s) => /\[crash [^\]]*\] ready/.test(s), 'crash idle');

  tm.keys('q');
  assert.equal(await tm.exitStatus(), 0);
  assert.deepEqual(await noProcessesLeft(vmcore), []);
});

test('TUI on the sysrq dump shows every task despite crash’s incomplete table', async (t) => {
  const d = needDump(t, 'sysrq');
  if (!d) return;
  const tm = new Tmux();
  sessions.push(tm);
  const vmcore = privateDump(d.vmcore);
  tm.start([process.execPath, CLI, '--no-record', '--backend', 'crash', d.vmlinux, vmcore]);
  await tm.waitFor((s) => s.includes('sysrq triggered crash'), 'the panic string');
  tm.keys('4');
  // drgn's for_each_task counts 67 tasks on this dump; crash's own ps shows 4.
  const s = await tm.waitFor((s) => s.includes('walks init_task.tasks'), 'the walked task list', 60_000);
  assert.match(s, /67 tasks \+ 2 idle/);
  assert.match(s, /69\/69 tasks/);
  // A task crash's ps never saw: its backtrace comes from a stack scan.
  tm.keys('/');
  tm.text('dbwriter');
  tm.keys('Enter');
  await tm.waitFor((s) => /›\s+125\s+1\s+\d+\s+IN\s+\d+\s+dbwriter/.test(s), 'dbwriter selected');
  tm.keys('Enter');
  const bt = await tm.waitFor((s) => s.includes('COMMAND: "dbwriter"') && s.includes('do_wait+'), 'the scanned backtrace');
  assert.match(bt, /scanned its stack/);
  assert.match(bt, /#\d+ schedule\+\d+/);
  await tm.waitFor((s) => /\[crash [^\]]*\] ready/.test(s), 'crash idle');
  tm.keys('q');
  assert.equal(await tm.exitStatus(), 0);
  assert.deepEqual(await noProcessesLeft(vmcore), []);
});

test('npm start’s demo replays the bundled real session with no crash on PATH', async (t) => {
  const tm = new Tmux();
  sessions.push(tm);
  tm.start(['env', 'PATH=/nonexistent', process.execPath, CLI, '--demo']);
  const s = await tm.waitFor((s) => s.includes('REPLAY') && s.includes('kernel BUG at drivers/misc/lkdtm/bugs.c:78!') && s.includes('OOPS'), 'the replayed Summary', 15_000);
  assert.match(s, /OOPS\s+kernel BUG in lkdtm_BUG/);
  await tm.waitFor((s) => /TASKS\s+82 /.test(s), 'replayed task counts');
  tm.keys(':');
  tm.text('files');
  tm.keys('Enter');
  await tm.waitFor((s) => s.includes('not in this recording: files'), 'the not-recorded answer');
  tm.keys('q');
  assert.equal(await tm.exitStatus(), 0);
  void t;
});

test('crash dying shows a banner, the panes keep their data, and R restarts it', async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const tm = new Tmux();
  sessions.push(tm);
  const vmcore = privateDump(d.vmcore);
  tm.start([process.execPath, CLI, '--no-record', '--backend', 'crash', d.vmlinux, vmcore]);
  await tm.waitFor((s) => /TASKS\s+82 /.test(s) && /\[crash [^\]]*\] ready/.test(s), 'the summary');
  const [pid] = processesMatching(vmcore);
  assert.ok(pid, 'the crash process');
  process.kill(pid, 'SIGKILL');
  const s = await tm.waitFor((s) => s.includes('press R to restart'), 'the death banner');
  assert.match(s, /crash exited .*signal 9/);
  assert.match(s, /kernel BUG at drivers\/misc\/lkdtm\/bugs\.c:78!/, 'the Summary keeps what it had');
  tm.keys('R');
  await tm.waitFor((s) => /\[crash [^\]]*\] ready/.test(s) && !s.includes('press R'), 'crash restarted');
  const [again] = processesMatching(vmcore);
  assert.ok(again && again !== pid, 'a new crash process');
  tm.keys('q');
  assert.equal(await tm.exitStatus(), 0);
  assert.deepEqual(await noProcessesLeft(vmcore), []);
});

test('drgn mode: the same Summary with the panic, and a live Python console', async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const tm = new Tmux();
  sessions.push(tm);
  const vmcore = privateDump(d.vmcore);
  tm.start([process.execPath, CLI, '--no-record', '--backend', 'drgn', d.vmlinux, vmcore]);
  let s = await tm.waitFor(
    (s) => s.includes('kernel BUG at drivers/misc/lkdtm/bugs.c:78!') && /TASKS\s+80 /.test(s) && /\[drgn [^\]]*\] ready/.test(s),
    'the drgn Summary',
  );
  assert.match(s, /OOPS\s+kernel BUG in lkdtm_BUG/);
  assert.match(s, /TASK\s+PID 140\s+lkdtm-trigger/);
  assert.match(s, /\[drgn 0\.0\.\d+\] ready/);
  tm.keys(':');
  tm.text("prog['init_task'].comm");
  tm.keys('Enter');
  s = await tm.waitFor((s) => s.includes('"swapper/0"'), 'the Python answer');
  assert.match(s, />>> prog\['init_task'\]\.comm/);
  tm.keys('q');
  assert.equal(await tm.exitStatus(), 0);
  assert.deepEqual(await noProcessesLeft(vmcore), []);
});

test('kdview with no arguments: a dump picker; Enter opens the dump (vmlinux found next to it)', async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const dir = mkdtempSync(join(tmpdir(), 'kdview-pick-'));
  mkdirSync(join(dir, 'crash-1'));
  symlinkSync(d.vmcore, join(dir, 'crash-1', 'vmcore'));
  symlinkSync(d.vmlinux, join(dir, 'crash-1', 'vmlinux-6.1.192-kdview'));
  const tm = new Tmux();
  sessions.push(tm);
  tm.start([process.execPath, CLI, '--no-record', '--backend', 'crash'], { env: { KDVIEW_DUMP_DIRS: dir } });
  let s = await tm.waitFor((s) => s.includes('1 dump in'), 'the picker');
  assert.match(s, /6\.1\.192-kdview\s+8\.5 MB\s+kdump-compressed/);
  tm.keys('Enter');
  await tm.waitFor((s) => s.includes('kernel BUG at drivers/misc/lkdtm/bugs.c:78!') && /\[crash [^\]]*\] ready/.test(s), 'the dump opened');
  tm.keys('q');
  assert.equal(await tm.exitStatus(), 0);

  const empty = mkdtempSync(join(tmpdir(), 'kdview-pick-empty-'));
  const tm2 = new Tmux();
  sessions.push(tm2);
  tm2.start([process.execPath, CLI], { env: { KDVIEW_DUMP_DIRS: empty } });
  s = await tm2.waitFor((s) => s.includes('No kernel dumps found'), 'the empty picker');
  assert.ok(s.includes(empty.slice(0, 40)));
  assert.match(s, /kdview --demo/);
  tm2.keys('q');
  assert.equal(await tm2.exitStatus(), 1);
});

test('80×24 with NO_COLOR: the Summary fits and no colour is drawn; with colours the panic is red', async () => {
  const run = async (env: Record<string, string>) => {
    const tm = new Tmux();
    sessions.push(tm);
    tm.start(['env', 'PATH=/nonexistent', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, CLI, '--demo'], { cols: 80, rows: 24 });
    const s = await tm.waitFor((s) => /TASKS\s+82 /.test(s) && s.includes('OOPS'), 'the Summary at 80x24', 15_000);
    const attrs = tm.screenWithAttributes();
    tm.keys('q');
    assert.equal(await tm.exitStatus(), 0);
    return { s, attrs };
  };
  const plain = await run({ NO_COLOR: '1' });
  for (const line of plain.s.split('\n')) assert.ok(line.length <= 80, `line fits 80 columns: ${line}`);
  assert.match(plain.s, /^kdview\s+REPLAY\s+1 Summary .* 6 History/m);
  // No foreground/background colour SGR codes (30-37, 39 is default, 40-47, 90-97, 38;5/48;5).
  assert.doesNotMatch(plain.attrs, /\x1b\[[0-9;]*\b(3[0-8]|4[0-8]|9[0-7])(;|m)/);
  const coloured = await run({ FORCE_COLOR: '1' });
  assert.match(coloured.attrs, /\x1b\[[0-9;]*31m[^\n]*kernel BUG at/);
});
