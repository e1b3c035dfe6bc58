// The cross-check as a pure function, on hand-made models: each fact, the
// belief and its reason, and the benign differences folded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLine, crossCheck, taintLetters } from '../../src/core/analysis/cross-check.js';
import { emptyModels, type Models } from '../../src/core/models.js';
import type { BacktraceTask, Frame } from '../../src/model/backtrace.js';
import type { Task } from '../../src/model/task.js';

const task = (pid: number, state = 'IN'): Task => ({ pid, ppid: 1, cpu: 0, task: pid.toString(16), state, mem: 0, vsz: 0, rss: 0, comm: `t${pid}` }) as Task;
const frame = (index: number, fn: string, extra: Partial<Frame> = {}): Frame => ({ index, sp: '0', function: fn, address: '1', ...extra });
const stack = (pid: number, fns: Array<string | Frame>): BacktraceTask => ({
  line: 0,
  pid,
  task: 'ff',
  cpu: 1,
  command: 'sh',
  frames: fns.map((f, i) => (typeof f === 'string' ? frame(i, f) : { ...f, index: i })),
});

function models(over: Partial<Models>): Models {
  return { ...emptyModels(), ...over };
}

const logOf = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `line ${i}` })) as Models['log'];

test('agreeing engines: no disagreement; idle tasks, inline frames, the kexec path and the entry alias are folded', () => {
  const crash = models({
    sys: { panic: 'Kernel panic - not syncing: sysrq triggered crash' },
    tasks: [task(0), task(0), task(1), task(142, 'RU')],
    panicTask: stack(142, ['machine_kexec', '__crash_kexec', 'panic', 'sysrq_handle_crash', '__handle_sysrq.cold', 'write_sysrq_trigger', 'entry_SYSCALL_64_after_hwframe']),
    log: logOf(3),
  });
  const drgn = models({
    sys: { panic: 'Kernel panic - not syncing: sysrq triggered crash' },
    tasks: [task(1), task(142, 'RU')],
    panicTask: stack(142, [frame(0, 'crash_setup_regs', { inline: true }), '__crash_kexec', 'panic', 'sysrq_handle_crash', '__handle_sysrq', 'write_sysrq_trigger', 'entry_SYSCALL_64']),
    log: logOf(3),
  });
  const x = crossCheck({ crash, drgn, crashTableIncomplete: false });
  assert.deepEqual(x.disagreements, []);
  assert.deepEqual(x.compared, ['panic', 'crashing task', 'tasks', 'UN states', 'top frames', 'log records']);
  assert.equal(x.benign.length, 4, x.benign.join('\n'));
  assert.match(x.benign.join('\n'), /idle tasks: crash lists 2/);
  assert.match(x.benign.join('\n'), /inline frames: drgn shows 1 .*crash_setup_regs/);
  assert.match(x.benign.join('\n'), /crash starts 1 frames earlier \(machine_kexec\)/);
  assert.match(x.benign.join('\n'), /entry_SYSCALL_64_after_hwframe/);
  assert.equal(checkLine(x), 'crash and drgn agree on 6 facts (4 benign differences folded)');
});

test("an incomplete crash table: one tasks disagreement, drgn believed, with the PIDs crash lacks", () => {
  const crash = models({ tasks: [task(0), task(0), task(131, 'RU'), task(142, 'RU')] });
  const drgn = models({ tasks: [task(1), task(2), task(131, 'RU'), task(142, 'RU'), task(125, 'UN')] });
  const x = crossCheck({ crash, drgn, crashTableIncomplete: true });
  assert.equal(x.disagreements.length, 1);
  const d = x.disagreements[0]!;
  assert.equal(d.fact, 'tasks');
  assert.equal(d.believe, 'drgn');
  assert.equal(d.crash, '2 tasks');
  assert.equal(d.drgn, '5 tasks; 3 not in crash: PIDs 1, 2, 125');
  assert.match(d.why, /PID hash/);
});

test('each other fact: panic, crashing task, UN states, top frames, log records, taint', () => {
  const crash = models({
    sys: { panic: 'Kernel panic - not syncing: A' },
    tasks: [task(5, 'IN'), task(6, 'UN')],
    panicTask: stack(6, ['panic', 'a', 'b']),
    log: [{ text: 'Kernel panic - not syncing: A' }, { text: 'x' }] as Models['log'],
    oopses: [{ tainted: 'G  W' }] as Models['oopses'],
  });
  const drgn = models({
    sys: { panic: 'Kernel panic - not syncing: B', extra: { TAINT_MASK: String(2 ** 12 + 2 ** 9) } },
    tasks: [task(5, 'UN'), task(6, 'UN')],
    panicTask: { ...stack(5, ['panic', 'a', 'c']), command: 'x' },
    log: [{ text: 'Kernel panic - not syncing: A' }, { text: 'x' }, { text: 'y' }] as Models['log'],
  });
  const x = crossCheck({ crash, drgn, crashTableIncomplete: false });
  const facts = Object.fromEntries(x.disagreements.map((d) => [d.fact, d]));
  assert.deepEqual(Object.keys(facts), ['panic', 'crashing task', 'UN states', 'top frames', 'log records', 'taint']);
  assert.equal(facts.panic?.believe, 'crash');
  assert.equal(facts['crashing task']?.crash, 'PID 6 sh');
  assert.equal(facts['UN states']?.crash, '5 IN');
  assert.equal(facts['top frames']?.crash, 'panic ← a ← b');
  assert.equal(facts['top frames']?.believe, 'drgn');
  assert.equal(facts['log records']?.drgn, '3 records');
  assert.equal(facts.taint?.drgn, 'WO (tainted_mask)');
  assert.match(checkLine(x), /^6 disagreements between crash and drgn: panic \(believe crash\), /);
});

test('frames drgn could not name make crash believed; D set by the oops itself is benign', () => {
  const crash = models({ panicTask: stack(140, ['asm_exc_invalid_op', 'direct_entry.cold', 'full_proxy_write']), oopses: [{ tainted: '' }] as Models['oopses'] });
  crash.panicTask!.frames[0]!.exception = { rip: 'lkdtm_BUG+0', registers: {} };
  const drgn = models({ panicTask: stack(140, ['lkdtm_BUG', '0x0']), sys: { extra: { TAINT_MASK: '128' } } });
  const x = crossCheck({ crash, drgn, crashTableIncomplete: false });
  assert.equal(x.disagreements.length, 1);
  assert.equal(x.disagreements[0]?.fact, 'top frames');
  assert.equal(x.disagreements[0]?.believe, 'crash');
  assert.ok(x.benign.some((b) => /^taint D: set by the crash report itself/.test(b)));
});

test('taint letters in the kernel order', () => {
  assert.equal(taintLetters(0), '');
  assert.equal(taintLetters(1 + 2 ** 7 + 2 ** 9 + 2 ** 12 + 2 ** 13), 'PDWOE');
});
