// Log-level oops analysis: which report led to the dump, why the dump
// happened, interleaved reports split by printk caller ids, and text a user
// process wrote into the kernel log never taken for a kernel report.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeOopsText } from '../../src/parsers/index.js';
import { dumpsDir } from '../helpers/dumps.js';

const shared = dumpsDir();

function sharedLog(t: { skip: (m: string) => void }, ...parts: string[]): string | undefined {
  const p = join(shared, ...parts);
  if (existsSync(p)) return readFileSync(p, 'utf8');
  if (process.env.CI === 'true') throw new Error(`CI=true: ${p} is missing`);
  t.skip(`${p} is missing`);
  return undefined;
}

test('lockchain: one hung-task report naming every blocked task, trigger hung_task_panic', (t) => {
  const text = sharedLog(t, 'lockchain', 'dmesg');
  if (text === undefined) return;
  const a = analyzeOopsText(text).value;
  assert.equal(a.oopses.filter((o) => o.type === 'hung-task').length, 4);
  const p = a.oopses[a.primary ?? -1];
  assert.equal(p?.title, 'INFO: task hung in ext4_buffered_write_iter');
  assert.equal(p?.function, 'ext4_buffered_write_iter');
  assert.deepEqual(p?.blocked, ['dbwriter:125', 'ingest-1:147', 'ingest-2:148', 'ingest-3:149']);
  assert.deepEqual(a.trigger, { kind: 'hung-task-panic', detail: 'Kernel panic - not syncing: hung_task: blocked tasks' });
});

test('bug: kernel BUG in lkdtm_BUG, panic_on_oops (kdump entered from the oops); sysrq: trigger sysrq', (t) => {
  const bug = sharedLog(t, 'bug', 'dmesg.txt');
  const sysrq = sharedLog(t, 'sysrq', 'dmesg');
  if (bug === undefined || sysrq === undefined) return;
  const b = analyzeOopsText(bug).value;
  assert.equal(b.oopses[b.primary ?? -1]?.title, 'kernel BUG in lkdtm_BUG');
  assert.equal(b.trigger?.kind, 'panic-on-oops');
  const s = analyzeOopsText(sysrq).value;
  assert.equal(s.oopses[s.primary ?? -1]?.title, 'kernel panic: sysrq triggered crash');
  assert.equal(s.oopses[s.primary ?? -1]?.function, undefined);
  assert.equal(s.oopses[s.primary ?? -1]?.panicFrom, 'sysrq_handle_crash');
  assert.equal(s.trigger?.kind, 'sysrq');
});

const BOOT = [
  '[    1.000000] Linux version 6.1.0 (gcc) #1 SMP',
  '[    2.000000] EXT4-fs (vda): mounted filesystem with ordered data mode.',
];
const RUNNING = ['[   51.000000] e1000e eno1: NIC Link is Up', '[   52.000000] audit: type=1130 audit(1.2:3): pid=1', '[   53.000000] systemd[1]: Started cron.service.', '[   54.000000] usb 1-1: new high-speed USB device'];

test('a panic a user process wrote through /dev/kmsg (user facility) is never a report', () => {
  const text = [...BOOT, '<12>[   50.000000] Kernel panic - not syncing: Fatal exception', ...RUNNING].join('\n');
  const a = analyzeOopsText(text).value;
  assert.equal(a.oopses.length, 0);
  assert.equal(a.trigger, null);
  assert.equal(a.ignored.length, 1);
  assert.match(a.ignored[0]?.reason ?? '', /user-space/);
});

test('a bare panic line the running system outlived is not what stopped the machine; a real one with its stack is kept', () => {
  const fake = [...BOOT, '[   50.000000] Kernel panic - not syncing: VFS: Unable to mount root fs', ...RUNNING].join('\n');
  const a = analyzeOopsText(fake).value;
  assert.equal(a.oopses.length, 0);
  assert.equal(a.trigger, null);
  assert.match(a.ignored[0]?.reason ?? '', /outlived/);
  const real = [...BOOT, '[   50.000000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)',
    '[   50.000001] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.1.0 #1', '[   50.000002] Call Trace:', '[   50.000003]  <TASK>',
    '[   50.000004]  dump_stack_lvl+0x44/0x5c', '[   50.000005]  panic+0x118/0x2f4', '[   50.000006]  mount_block_root+0x1d3/0x1e6',
    '[   50.000007]  prepare_namespace+0x136/0x165', '[   50.000008]  </TASK>'].join('\n');
  const b = analyzeOopsText(real).value;
  assert.equal(b.oopses.length, 1);
  assert.equal(b.oopses[0]?.title, 'kernel panic: VFS: Unable to mount root fs on unknown-block(0,0)');
  assert.equal(b.trigger?.kind, 'rootfs-mount');
});

test('two CPUs printing at once: caller ids keep each report\'s own stack', () => {
  const L = (caller: string, n: number, s: string): string => `[  10.${String(n).padStart(6, '0')}][${caller}] ${s}`;
  const text = [
    L('  T200', 1, '------------[ cut here ]------------'),
    L('  T300', 2, '=================================================================='),
    L('  T200', 3, 'WARNING: CPU: 0 PID: 200 at net/core/stream.c:205 sk_stream_kill_queues+0x1f0/0x200'),
    L('  T300', 4, 'BUG: KASAN: slab-use-after-free in tcp_close+0x30/0x90'),
    L('  T200', 5, 'CPU: 0 PID: 200 Comm: a Not tainted 6.1.0 #1'),
    L('  T300', 6, 'Read of size 8 at addr ffff888012345678 by task b/300'),
    L('  T200', 7, 'RIP: 0010:sk_stream_kill_queues+0x1f0/0x200'),
    L('  T300', 8, 'CPU: 1 PID: 300 Comm: b Not tainted 6.1.0 #1'),
    L('  T200', 9, 'Call Trace:'),
    L('  T300', 10, 'Call Trace:'),
    L('  T200', 11, ' inet_csk_destroy_sock+0x5a/0x130'),
    L('  T300', 12, ' dump_stack_lvl+0x44/0x5c'),
    L('  T200', 13, ' tcp_done+0x90/0xe0'),
    L('  T300', 14, ' kasan_report+0xb9/0xf0'),
    L('  T300', 15, ' tcp_close+0x30/0x90'),
    L('  T300', 16, ' inet_release+0x48/0x80'),
    L('  T200', 17, '---[ end trace 0000000000000000 ]---'),
    L('  T300', 18, '=================================================================='),
  ].join('\n');
  const a = analyzeOopsText(text).value;
  assert.deepEqual(a.oopses.map((o) => [o.title, o.caller]), [
    ['WARNING in sk_stream_kill_queues', 'T200'],
    ['KASAN: slab-use-after-free Read in tcp_close', 'T300'],
  ]);
  assert.deepEqual(a.oopses[0]?.trace, ['inet_csk_destroy_sock', 'tcp_done']);
  assert.equal(a.oopses[1]?.pid, 300);
});

test('the report that led to the dump: the fatal oops, not the harmless WARNING before it', () => {
  const text = readFileSync(join(process.cwd(), 'fixtures', 'dmesg', 'multi-oops-warning-gpf.txt'), 'utf8');
  const a = analyzeOopsText(text).value;
  assert.equal(a.oopses[a.primary ?? -1]?.type, 'null-deref');
  assert.equal(a.oopses.filter((o) => o.primary).length, 1);
  assert.equal(a.trigger?.kind, 'panic-on-oops');
});

test('triggers from their panic messages', () => {
  const cases: [string, string][] = [
    ['Fatal exception in interrupt', 'panic-on-oops'], ['panic_on_warn set ...', 'panic-on-warn'],
    ['kernel: panic_on_warn set ...', 'panic-on-warn'], ['softlockup: hung tasks', 'softlockup-panic'],
    ['Hard LOCKUP', 'hardlockup'], ['Out of memory and no killable processes...', 'oom-panic'],
    ['System is deadlocked on memory', 'oom-panic'], ['NMI IOCK error: Not continuing', 'nmi'],
    ['Fatal machine check', 'mce'], ['stack-protector: Kernel stack is corrupted in: foo+0x10/0x20', 'stack-protector'],
    ['Attempted to kill init! exitcode=0x00000009', 'init-killed'], ['sysrq triggered crash', 'sysrq'],
    ['my_driver: firmware said so', 'panic'],
  ];
  for (const [reason, kind] of cases) {
    const text = [`[    5.000000] Kernel panic - not syncing: ${reason}`, '[    5.000001] CPU: 0 PID: 1 Comm: init Not tainted 6.1.0 #1',
      '[    5.000002] Call Trace:', '[    5.000003]  dump_stack_lvl+0x44/0x5c', '[    5.000004]  panic+0x118/0x2f4', '[    5.000005]  foo_init+0x10/0x20'].join('\n');
    assert.equal(analyzeOopsText(text).value.trigger?.kind, kind, reason);
  }
});
