// drgnFillsGap on the crashing stacks the shared dumps give (crash 8.0.2 and
// drgn 0.0.22, as their reports list them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drgnFillsGap } from '../../src/core/analysis/stack-gap.js';

test('lockchain: crash goes from panic to watchdog.cold, drgn has check_hung_uninterruptible_tasks between them', () => {
  const crash = ['machine_kexec', '__crash_kexec', 'panic', 'watchdog.cold', 'kthread', 'ret_from_fork'];
  const drgn = ['crash_setup_regs', '__crash_kexec', 'panic', 'check_hung_uninterruptible_tasks', 'watchdog.cold', 'kthread', 'ret_from_fork'];
  assert.equal(
    drgnFillsGap(crash, drgn),
    "crash's unwind skips check_hung_uninterruptible_tasks between panic and watchdog.cold; drgn's stack has every frame crash named and 1 more between them",
  );
});

test('sysrq: crash has frames drgn does not (stale words after do_syscall_64): no', () => {
  const crash = ['machine_kexec', '__crash_kexec', 'panic', 'sysrq_handle_crash', '__handle_sysrq.cold', 'write_sysrq_trigger', 'proc_reg_write', 'vfs_write', 'ksys_write', 'do_syscall_64', 'do_truncate', 'path_openat'];
  const drgn = ['crash_setup_regs', '__crash_kexec', 'panic', 'sysrq_handle_crash', '__handle_sysrq.cold', 'write_sysrq_trigger', 'pde_write', 'proc_reg_write', 'vfs_write', 'ksys_write', 'do_syscall_x64', 'do_syscall_64', 'entry_SYSCALL_64', '0x47b7a0'];
  assert.equal(drgnFillsGap(crash, drgn), undefined);
});

test('bug: drgn 0.0.22 stops inside the module, crash goes on: no', () => {
  const crash = ['machine_kexec', '__crash_kexec', 'crash_kexec', 'oops_end', 'do_trap', 'do_error_trap', 'exc_invalid_op', 'asm_exc_invalid_op', 'direct_entry.cold', 'full_proxy_write', 'vfs_write'];
  assert.equal(drgnFillsGap(crash, ['lkdtm_BUG']), undefined);
});

test('extra frames only above or below crash’s: no; several skipped: the first three named', () => {
  assert.equal(drgnFillsGap(['a', 'b'], ['a', 'b', 'c', 'd']), undefined);
  assert.equal(drgnFillsGap(['b', 'c'], ['a', 'b', 'c']), undefined);
  assert.equal(drgnFillsGap(['a'], ['a', 'x']), undefined, 'one named frame says nothing about gaps');
  assert.match(drgnFillsGap(['a', 'f'], ['a', 'b', 'c', 'd', 'e', 'f']) ?? '', /^crash's unwind skips b, c, d and 1 more between a and f; .* and 4 more between them$/);
});
