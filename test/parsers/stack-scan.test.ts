import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseStackPointers, parseStackScan, stackWords } from '../../src/parsers/stack-scan.js';
import { parseTaskWalk, stateLetters } from '../../src/parsers/task-walk.js';

test('stack pointers and the words up to the top of the stack', () => {
  const p = parseStackPointers('  stack = 0xffffca6400440000,\n  thread = {\n    sp = 0xffffca64004439f0,\n');
  assert.ok(p);
  assert.equal(p.sp, 0xffffca64004439f0n);
  assert.equal(stackWords(p), (0x4000 - 0x39f0) / 8);
  assert.equal(parseStackPointers('struct: invalid data structure member reference'), undefined);
});

test('rd -s output: only function+offset words become frames, innermost first', () => {
  const text = [
    'ffffca64004439f0:  ffff8a5f426b6ac8 fair_sched_class ',
    'ffffca6400443a20:  __schedule+845   0000000000002001 ',
    'ffffca6400443a70:  ffff8a5f426b6000 schedule+90      ',
    'ffffca6400443b00:  ffff8a5f426b6000 child_wait_callback ',
  ].join('\n');
  const frames = parseStackScan(text);
  assert.deepEqual(
    frames.map((f) => [f.function, f.offset, f.sp]),
    [
      ['__schedule', 845, 'ffffca6400443a20'],
      ['schedule', 90, 'ffffca6400443a78'],
    ],
  );
});

test('the task walk gives pid, comm, state, parent and kernel-thread flag', () => {
  const text = [
    'ffffffff9361aa40',
    '  pid = 0',
    '  comm = "swapper/0"',
    '  __state = 0',
    '  flags = 69206018',
    '  real_parent = 0xffffffff9361aa40',
    '  thread_info.cpu = 0',
    '  exit_state = 0',
    'ffff8a5f426b6000',
    '  pid = 125',
    '  comm = "dbwriter"',
    '  __state = 8193',
    '  flags = 4194304',
    '  real_parent = 0xffffffff9361aa40',
    '  thread_info.cpu = 1',
    '  exit_state = 0',
  ].join('\n');
  const { value, diagnostics } = parseTaskWalk(text);
  assert.deepEqual(diagnostics, []);
  assert.equal(value.length, 2);
  assert.deepEqual(
    { pid: value[1]?.pid, ppid: value[1]?.ppid, comm: value[1]?.comm, state: value[1]?.state, cpu: value[1]?.cpu, k: value[1]?.kernelThread },
    { pid: 125, ppid: 0, comm: 'dbwriter', state: 'IN', cpu: 1, k: false },
  );
  assert.equal(value[0]?.kernelThread, true);
  assert.equal(stateLetters(0x402, 0), 'ID');
  assert.equal(stateLetters(2, 0), 'UN');
  assert.equal(stateLetters(0, 0x20), 'ZO');
});
