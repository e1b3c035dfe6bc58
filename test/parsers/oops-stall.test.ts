// Stalls and stack overflows are named by the frame just before the first
// dispatching anchor (syzkaller's rule). new_sync_read/new_sync_write sit
// below a file's read_iter/write_iter, so the file operation names the stall.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeOopsText } from '../../src/parsers/index.js';

const lockup = (frames: string[]): string => [
  'watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [cat:123]',
  'CPU: 0 PID: 123 Comm: cat Not tainted 6.1.0 #1',
  'RIP: 0010:busy_loop+0x10/0x20',
  'RSP: 0018:ffffc90000a3fd40 EFLAGS: 00000246',
  'Call Trace:',
  ' <TASK>',
  ...frames.map((f) => ` ${f}`),
  ' </TASK>',
].join('\n');

test('a soft lockup under new_sync_read is named by the file read_iter above it', () => {
  const text = lockup(['busy_loop+0x10/0x20', 'seq_read_iter+0x1a0/0x4b0', 'kernfs_fop_read_iter+0x44/0x60',
    'new_sync_read+0x100/0x180', 'vfs_read+0x120/0x1a0', 'ksys_read+0x60/0xe0', 'do_syscall_64+0x3b/0x90']);
  const o = analyzeOopsText(text).value.oopses[0];
  assert.equal(o?.type, 'soft-lockup');
  assert.equal(o?.title, 'BUG: soft lockup in kernfs_fop_read_iter');
});

test('without an anchor in the stack the first frame kept names it', () => {
  const o = analyzeOopsText(lockup(['busy_loop+0x10/0x20', 'helper_a+0x10/0x20'])).value.oopses[0];
  assert.equal(o?.title, 'BUG: soft lockup in busy_loop');
});
