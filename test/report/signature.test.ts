// Signatures: stable across runs, and the same from crash's frames and from
// drgn's (function names only).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBt } from '../../src/parsers/index.js';
import { frameNames } from '../../src/report/frames.js';
import { computeSignature, normaliseFunction, signatureFrames } from '../../src/report/signature.js';
import { fixture, fixtureReport, fixtureSteps } from './fixture-report.js';

/** drgn's crashed-thread stacks, as ../shared/dumps/<dump>/transcripts/drgn printed them. */
const DRGN = {
  bug: `#0  lkdtm_BUG (drivers/misc/lkdtm/bugs.c:78:2)
#1  direct_entry (drivers/misc/lkdtm/core.c:329:2)
#2  full_proxy_write (fs/debugfs/file.c:244:1)
#3  vfs_write (fs/read_write.c:582:9)
#4  ksys_write (fs/read_write.c:637:9)
#5  do_syscall_x64 (arch/x86/entry/common.c:46:14)
#6  do_syscall_64 (arch/x86/entry/common.c:76:7)
#7  entry_SYSCALL_64+0xa6/0x1ab (arch/x86/entry/entry_64.S:121)
#8  0x47b7a0`,
  sysrq: `#0  crash_setup_regs (arch/x86/include/asm/kexec.h:115:15)
#1  __crash_kexec (kernel/kexec_core.c:974:4)
#2  panic (kernel/panic.c:358:3)
#3  sysrq_handle_crash (drivers/tty/sysrq.c:155:2)
#4  __handle_sysrq (drivers/tty/sysrq.c:603:4)
#5  write_sysrq_trigger (drivers/tty/sysrq.c:1164:3)
#6  pde_write (fs/proc/inode.c:340:10)
#7  proc_reg_write (fs/proc/inode.c:352:8)
#8  vfs_write (fs/read_write.c:582:9)
#9  ksys_write (fs/read_write.c:637:9)
#10 do_syscall_x64 (arch/x86/entry/common.c:46:14)
#11 do_syscall_64 (arch/x86/entry/common.c:76:7)
#12 entry_SYSCALL_64+0xa6/0x1ab (/build/reproducible-path/linux-6.1.192/arch/x86/entry/entry_64.S:121)
#13 0x47b7a0`,
};

const drgnFunctions = (text: string) => text.split('\n').map((l) => l.replace(/^#\d+\s+/, ''));
const crashFunctions = (dump: 'bug' | 'sysrq') => frameNames(parseBt(fixture(dump, 'bt')).value.tasks[0]?.frames ?? []);

test('normalised function names drop offsets, modules, clone suffixes and source positions', () => {
  assert.equal(normaliseFunction('direct_entry.cold+0x18/0x24 [lkdtm]'), 'direct_entry');
  assert.equal(normaliseFunction('__handle_sysrq.cold'), '__handle_sysrq');
  assert.equal(normaliseFunction('do_nanosleep.constprop.0'), 'do_nanosleep');
  assert.equal(normaliseFunction('entry_SYSCALL_64+0xa6/0x1ab (arch/x86/entry/entry_64.S:121)'), 'entry_SYSCALL_64');
  assert.equal(normaliseFunction('0x47b7a0'), '');
});

for (const dump of ['bug', 'sysrq'] as const) {
  test(`${dump}: crash frames and drgn frames give the same signature`, () => {
    const report = fixtureReport(dump);
    // A plain panic has no bug culprit; its signature starts at the caller of panic().
    const culprit = report.oopses[0]?.function ?? report.signature.frames[0];
    assert.ok(culprit);
    const fromCrash = computeSignature(report.signature.title, crashFunctions(dump), culprit);
    const fromDrgn = computeSignature(report.signature.title, drgnFunctions(DRGN[dump]), culprit);
    assert.deepEqual(fromDrgn, fromCrash);
    assert.deepEqual(report.signature, fromCrash);
    // Without the log's culprit too: the leading crash machinery is skipped.
    assert.deepEqual(signatureFrames(drgnFunctions(DRGN[dump])), signatureFrames(crashFunctions(dump)));
  });

  test(`${dump}: the signature is stable across two runs`, () => {
    const a = fixtureReport(dump, { generatedAt: '2026-11-26T05:00:00.000Z' });
    const b = fixtureReport(dump, { generatedAt: '2027-01-01T00:00:00.000Z' });
    assert.deepEqual(a.signature, b.signature);
    assert.match(a.signature.hash, /^[0-9a-f]{16}$/);
  });
}

test('the expected frames and titles; two different bugs differ', () => {
  const bug = fixtureReport('bug').signature;
  const sysrq = fixtureReport('sysrq').signature;
  assert.deepEqual(bug.frames, ['lkdtm_BUG', 'direct_entry', 'full_proxy_write']);
  assert.equal(bug.title, 'kernel BUG in lkdtm_BUG');
  assert.deepEqual(sysrq.frames, ['sysrq_handle_crash', '__handle_sysrq', 'write_sysrq_trigger']);
  assert.notEqual(bug.hash, sysrq.hash);
});

test('addresses and offsets never change the hash; no frames hashes the title', () => {
  const a = computeSignature('t', ['machine_kexec', 'panic', 'foo+0x1/0x2', 'bar.isra.0', 'baz [mod]']);
  const b = computeSignature('t', ['machine_kexec', 'panic', 'foo+0x9/0x20', 'bar', 'baz']);
  assert.equal(a.hash, b.hash);
  assert.notEqual(computeSignature('panic A', []).hash, computeSignature('panic B', []).hash);
});

for (const dump of ['bug', 'sysrq'] as const) {
  test(`${dump}: in --minimal mode (only log works) the log's trace gives the same signature`, () => {
    const steps = fixtureSteps(dump).map((s) => (s.command === 'log -m' ? s : { command: s.command, skipped: 'not available in --minimal mode' }));
    const minimal = fixtureReport(dump, { steps, mode: 'minimal', release: 'r' });
    assert.equal(minimal.mode, 'minimal');
    assert.equal(minimal.complete, false);
    assert.equal(minimal.backtrace.length, 0);
    assert.equal(minimal.kernel.release, 'r');
    assert.ok(minimal.panic.message);
    assert.deepEqual(minimal.signature, fixtureReport(dump).signature);
  });
}
