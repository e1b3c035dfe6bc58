import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Oops } from '../../src/model/oops.js';
import { extractOops, extractOopsFromText, parseDmesg, parseLog } from '../../src/parsers/index.js';
import { isGeneric } from '../../src/parsers/oops-culprit.js';
import { CRASH_DIR, dmesgCases, OOPS_KEYS, readJson } from './fixture-cases.js';

const read = (p: string): string => readFileSync(p, 'utf8');

for (const c of dmesgCases()) {
  test(`oops in ${c.name}`, () => {
    const want = readJson(c.expected) as { oops: Partial<Oops>[]; diagnostics: number } | undefined;
    assert.ok(want, `missing ${c.expected}`);
    const got = extractOopsFromText(read(c.file));
    assert.equal(got.diagnostics.length, want.diagnostics);
    assert.equal(got.value.length, want.oops.length, got.value.map((o) => o.title).join(' | '));
    got.value.forEach((o, i) => {
      const picked = Object.fromEntries(OOPS_KEYS.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
      assert.deepEqual(picked, want.oops[i]);
    });
  });
}

test('crash log of the bug dump: one kernel BUG in lkdtm_BUG, from every log flag variant', () => {
  for (const name of ['log', 'log-T', 'log-m', 'log-Tm']) {
    const records = parseLog(read(join(CRASH_DIR, 'bug', `${name}.txt`))).value;
    const oops = extractOops(records);
    assert.equal(oops.length, 1, name);
    const o = oops[0] as Oops;
    assert.equal(o.kind, 'bug');
    assert.equal(o.function, 'lkdtm_BUG');
    assert.equal(o.title, 'kernel BUG in lkdtm_BUG');
    assert.equal(o.module, 'lkdtm');
    assert.equal(o.pid, 140);
    assert.equal(o.comm, 'lkdtm-trigger');
    assert.equal(o.cpu, 0);
    assert.equal(o.tainted, '');
    // The range covers "cut here" through "Modules linked in", the last record.
    assert.match(records[o.records.first]?.text ?? '', /cut here/);
    assert.equal(o.records.last, records.length - 1);
    assert.match(records[o.records.last]?.text ?? '', /^Modules linked in: lkdtm/);
  }
});

test('crash log of the sysrq dump: a panic whose culprit is the caller of panic()', () => {
  const records = parseLog(read(join(CRASH_DIR, 'sysrq', 'log.txt'))).value;
  const [o, ...rest] = extractOops(records);
  assert.equal(rest.length, 0);
  assert.ok(o);
  assert.equal(o.kind, 'panic');
  assert.equal(o.function, undefined);
  assert.equal(o.panicFrom, 'sysrq_handle_crash');
  assert.equal(o.message, 'Kernel panic - not syncing: sysrq triggered crash');
  assert.equal(o.pid, 142);
  assert.equal(o.comm, 'sh');
  // The trace keeps panic() and dump_stack_lvl(), but skips the unreliable "? _printk".
  assert.deepEqual(o.trace?.slice(0, 3), ['dump_stack_lvl', 'panic', 'sysrq_handle_crash']);
});

test('the sys PANIC string is the headline of the extracted report', () => {
  for (const dump of ['bug', 'sysrq']) {
    const panic = /PANIC: "(.*)"/.exec(read(join(CRASH_DIR, dump, 'sys.txt')))?.[1];
    const [o] = extractOops(parseLog(read(join(CRASH_DIR, dump, 'log.txt'))).value);
    assert.equal(o?.message, panic, dump);
  }
});

test('dmesg text and crash log give the same records for the same log', () => {
  const a = parseDmesg(read(join(CRASH_DIR, 'bug', 'log.txt'))).value;
  const b = parseLog(read(join(CRASH_DIR, 'bug', 'log.txt'))).value;
  assert.deepEqual(a, b);
});

test('generic frames are skipped, real culprits are not', () => {
  for (const f of ['panic', 'dump_stack_lvl', '__warn', 'warn_slowpath_fmt', '_raw_spin_lock_irqsave', 'native_queued_spin_lock_slowpath',
    'kasan_report', '__asan_load8', 'lock_acquire', 'mutex_lock',
    'asm_exc_page_fault', '__ubsan_handle_out_of_bounds.cold', 'rwsem_down_write_slowpath']) assert.ok(isGeneric(f), f);
  for (const f of ['lkdtm_BUG', 'sysrq_handle_crash', 'direct_entry.cold', 'ext4_writepages', 'vfs_write', 'mydrv_probe']) {
    assert.ok(!isGeneric(f), f);
  }
});

test('a report with only machinery frames names no culprit rather than a reporting frame', () => {
  const text = read(join(process.cwd(), 'fixtures', 'dmesg', 'multi-oom.txt'));
  const [kill] = extractOopsFromText(text).value;
  assert.equal(kill?.kind, 'oom-kill');
  assert.equal(kill?.function, undefined);
  assert.equal(kill?.title, 'Out of memory: Killed process');
});

test('a "Fatal exception" panic joins the report before it instead of starting one', () => {
  const text = read(join(process.cwd(), 'fixtures', 'dmesg', 'multi-oops-warning-gpf.txt'));
  const oops = extractOopsFromText(text).value;
  assert.deepEqual(oops.map((o) => o.kind), ['null-deref', 'warning', 'gpf']);
  assert.equal(oops[2]?.panic, 'Fatal exception');
  assert.equal(oops.filter((o) => o.kind === 'panic').length, 0);
});

test('frames and pc lines of every architecture', async () => {
  const { readFrame, readRipLine, titleName } = await import('../../src/parsers/oops-frames.js');
  const cases: [string, string, boolean][] = [
    [' vfs_write+0xc8/0x410', 'vfs_write', true],
    [' ? _printk+0x68/0x83', '_printk', false],
    [' [<ffffffff8182d7c5>] schedule+0x35/0x80', 'schedule', true],
    [' [<ffffffff8141a832>] ? __percpu_counter_add+0x52/0x70', '__percpu_counter_add', false],
    ['[<c0108f5c>] (unwind_backtrace) from [<c010b8f0>] (show_stack+0x10/0x14)', 'unwind_backtrace', true],
    ['[c000000000b4fd10] [c00000000001b7f4] show_stack+0x74/0x190 (unreliable)', 'show_stack', false],
    ['  [<ffffffff8839ed3f>] :ip_conntrack:__ip_ct_refresh_acct+0x131/0x174', '__ip_ct_refresh_acct', true],
    ['direct_entry.cold+0x18/0x24 [lkdtm]', 'direct_entry.cold', true],
    ['vfs_write (fs/read_write.c:582)', 'vfs_write', true],
  ];
  for (const [line, fn, reliable] of cases) {
    const f = readFrame(line);
    assert.equal(f?.function, fn, line);
    assert.equal(f?.reliable, reliable, line);
  }
  assert.equal(readFrame(' __dump_stack lib/dump_stack.c:88 [inline]')?.inline, true);
  assert.equal(readFrame('Code: 48 8b 40 08'), undefined);
  const rips: [string, string | undefined, boolean][] = [
    ['RIP: 0010:lkdtm_BUG+0x0/0x10 [lkdtm]', 'lkdtm_BUG', false],
    ['RIP: 0010:[<ffffffff8123>]  [<ffffffff8123>] ext4_foo+0x12/0x34', 'ext4_foo', false],
    ['pc : el0_svc_common+0x4c/0x158', 'el0_svc_common', false],
    ['lr : invoke_syscall+0x48/0x114', 'invoke_syscall', true],
    ['EIP is at foo_read+0x9/0x20', 'foo_read', false],
    ['PC is at bar_probe+0x1c/0x40 [bar]', 'bar_probe', false],
    ['epc : riscv_thing+0x2/0x8', 'riscv_thing', false],
    ['NIP [c00000000012345c] ppc_func+0x3c/0x90', 'ppc_func', false],
    ['RIP: 0033:0x7f3e5c6f3e13', undefined, false],
  ];
  for (const [line, fn, lr] of rips) {
    const r = readRipLine(line);
    assert.equal(r?.frame?.function, fn, line);
    assert.equal(r?.lr, lr, line);
  }
  assert.equal(readRipLine('RIP: 0033:0x7f3e5c6f3e13')?.user, true);
  assert.equal(titleName('__x64_sys_sendmsg'), 'sys_sendmsg');
  assert.equal(titleName('__do_sys_bpf'), 'sys_bpf');
  assert.equal(titleName('tcp_close.isra.0'), 'tcp_close');
  assert.equal(titleName('ext4_do_writepages.constprop.0.cold'), 'ext4_do_writepages');
});

test('normalised titles drop numbers, addresses and offsets but keep names', async () => {
  const { normalizeTitle } = await import('../../src/parsers/oops-title.js');
  assert.equal(normalizeTitle('kernel panic: Attempted to kill init! exitcode=0x0000000b'), 'kernel panic: Attempted to kill init! exitcode=ADDR');
  assert.equal(normalizeTitle('BUG: scheduling while atomic: syz-executor/1234/0x00000002'), 'BUG: scheduling while atomic: syz-executor/NUM/ADDR');
  assert.equal(normalizeTitle('KASAN: slab-use-after-free Read in ext4_xattr_set_entry'), 'KASAN: slab-use-after-free Read in ext4_xattr_set_entry');
  assert.equal(normalizeTitle('WARNING in ipv6_add_dev'), 'WARNING in ipv6_add_dev');
});
