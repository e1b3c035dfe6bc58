// Which commands go through a private file, and how file and pty texts combine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bulkOutput, isBulkCommand, redirected } from '../../src/protocol/bulk-commands.js';

test('bulk commands: foreach, ps, log and kmem with any flags, bt -a', () => {
  for (const c of ['foreach bt', 'foreach UN bt', 'ps', 'ps -m', 'ps -G', 'log', 'log -m', 'kmem -i', 'kmem -s', 'bt -a', 'bt -sa', '  ps  -l '])
    assert.ok(isBulkCommand(c), c);
  for (const c of ['bt', 'bt 140', 'bt -f 140', 'sys', 'mod', 'rd -64 0 10', 'echo ps', 'psx', 'foreachx'])
    assert.equal(isBulkCommand(c), false, c);
});

test('a command that already redirects, pipes or escapes to a shell stays on the pty', () => {
  for (const c of ['ps > /tmp/x', 'ps | grep sh', 'foreach bt >> f', '!ps', 'log | tail']) assert.equal(isBulkCommand(c), false, c);
});

test('redirected appends the path after crash\'s own >', () => {
  assert.equal(redirected('foreach bt', '/tmp/kdview-bulk-Ab12Cd/out-7.txt'), 'foreach bt > /tmp/kdview-bulk-Ab12Cd/out-7.txt');
});

test('the file text is cleaned as pty text is: trailing newlines and prompts dropped, escapes stripped', () => {
  assert.equal(bulkOutput('  PID  PPID\n   1     0\n\n', '', 'crash> '), '  PID  PPID\n   1     0');
  assert.equal(bulkOutput('a\x1b[31mred\x1b[0m\r\nb\n', '', 'crash> '), 'ared\nb');
  assert.equal(bulkOutput('', '', 'crash> '), '');
});

test('lines only on the pty (stderr) come first; lines in both are not doubled', () => {
  const usage = 'Usage:\n  log [-Ttdmas]\nEnter "help log" for details.\n';
  assert.equal(bulkOutput(usage, "log: invalid option -- 'Z'", 'crash> '), `log: invalid option -- 'Z'\n${usage.trimEnd()}`);
  assert.equal(bulkOutput('ps: invalid task or pid value: 99999\n', 'ps: invalid task or pid value: 99999', 'crash> '), 'ps: invalid task or pid value: 99999');
  assert.equal(bulkOutput('', 'crash: only on the pty', 'crash> '), 'crash: only on the pty');
});
