// The rule the report and the TUI share (core/analysis/short-stacks.ts) and
// the TUI's models step for two engines (core/both-stacks.ts): where crash's
// unwind stops at the scheduler with fewer frames than drgn's, drgn's stack
// is taken and labelled. The frames are those of flusher (PID 106) on `bug`
// as crash 8.0.2 and drgn 0.0.22 unwind it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fullerStack, stopsAtScheduler } from '../../src/core/analysis/short-stacks.js';
import { settleStacks, wantsDrgnStack } from '../../src/core/both-stacks.js';
import { emptyModels, type Models } from '../../src/core/models.js';
import type { BacktraceTask, Frame } from '../../src/model/backtrace.js';

const frame = (index: number, fn: string, more: Partial<Frame> = {}): Frame => ({ index, sp: '', function: fn, address: 'ffffffff8fc3363a', ...more });
const junk = (i: number) => frame(i, '0xffff966481b93808', { address: 'ffff966481b93808' });
const crash106: BacktraceTask = { pid: 106, task: 'ffff966481bab700', command: 'flusher', line: 1, frames: [frame(0, '__schedule'), frame(1, 'schedule')] };
const drgn106: BacktraceTask = {
  ...crash106,
  frames: [frame(0, 'context_switch', { inline: true }), frame(1, '__schedule'), frame(2, 'schedule'), frame(3, 'direct_entry.cold', { module: 'lkdtm' }), junk(4), junk(5)],
};
const names = (t: BacktraceTask) => t.frames.map((f) => f.function);

test('crash stops at schedule, drgn goes on: drgn’s named frames, inline ones left out, and why', () => {
  const r = fullerStack(names(crash106), drgn106.frames);
  assert.deepEqual(r?.frames.map((f) => f.function), ['__schedule', 'schedule', 'direct_entry.cold']);
  assert.equal(r?.why, "crash's unwind stops at schedule after 2 frames; drgn unwinds 3 before a frame it cannot name");
  const clean = fullerStack(names(crash106), drgn106.frames.slice(0, 4));
  assert.equal(clean?.why, "crash's unwind stops at schedule after 2 frames; drgn unwinds 3");
  assert.equal(fullerStack(['__schedule'], drgn106.frames)?.why, "crash's unwind stops at __schedule after 1 frame; drgn unwinds 3 before a frame it cannot name");
});

test('crash’s stack is kept when it does not stop at the scheduler, or drgn has no more named frames', () => {
  assert.equal(stopsAtScheduler([]), false);
  assert.equal(stopsAtScheduler(['schedule', 'do_nanosleep']), false);
  assert.equal(fullerStack([...names(crash106), 'kthread'], drgn106.frames), undefined);
  assert.equal(fullerStack([], drgn106.frames), undefined);
  assert.equal(fullerStack(names(crash106), [frame(0, '__schedule'), frame(1, 'schedule'), junk(2)]), undefined, 'garbage frames do not count');
  assert.equal(fullerStack(['__schedule', 'schedule', 'schedule_timeout'], drgn106.frames), undefined);
});

function step(m: Models, engine: 'crash' | 'drgn', t: BacktraceTask): Models {
  const next = { ...m, taskBts: { ...m.taskBts, [t.pid]: t } };
  settleStacks(next, m.taskBts, engine);
  return next;
}

test('two engines: drgn’s stack stays where crash’s stops short; each stack says which engine unwound it', () => {
  const d = step(emptyModels(), 'drgn', drgn106);
  assert.equal(d.taskBts[106]?.engine, 'drgn');
  assert.equal(d.taskBts[106]?.insteadOfCrash, undefined);
  const c = step(d, 'crash', crash106);
  const kept = c.taskBts[106];
  assert.equal(kept?.engine, 'drgn');
  assert.equal(kept?.insteadOfCrash, "crash's unwind stops at schedule after 2 frames; drgn unwinds 3 before a frame it cannot name");
  assert.deepEqual(names(kept!), ['context_switch', '__schedule', 'schedule', 'direct_entry.cold'], 'drgn’s frames up to the first it cannot name');
  assert.deepEqual(kept?.notes, ['2 more frames drgn cannot name left out']);
  assert.equal(wantsDrgnStack(kept), false);
});

test('two engines: crash’s short stack first, then drgn’s answer replaces it with the label; a full crash stack replaces drgn’s', () => {
  const c = step(emptyModels(), 'crash', crash106);
  assert.equal(c.taskBts[106]?.engine, 'crash');
  assert.equal(wantsDrgnStack(c.taskBts[106]), true, 'the TUI asks drgn for this task');
  const d = step(c, 'drgn', drgn106);
  assert.equal(d.taskBts[106]?.engine, 'drgn');
  assert.match(d.taskBts[106]?.insteadOfCrash ?? '', /^crash's unwind stops at schedule after 2 frames/);
  const full: BacktraceTask = { ...crash106, frames: [...crash106.frames, frame(2, 'direct_entry.cold'), frame(3, 'kthread')] };
  const e = step(d, 'crash', full);
  assert.equal(e.taskBts[106]?.engine, 'crash');
  assert.equal(e.taskBts[106]?.insteadOfCrash, undefined);
  assert.equal(wantsDrgnStack(e.taskBts[106]), false);
  assert.equal(wantsDrgnStack({ ...crash106, engine: 'crash', recovered: true }), false, 'a scanned stack is not an unwind');
});

test('two engines: drgn’s stack of the crashing task stays where crash’s skips frames between two it named (lockchain)', () => {
  const fns = (...f: string[]) => f.map((fn, i) => frame(i, fn));
  const drgn29: BacktraceTask = { pid: 29, task: 'ffff8a0300a6c100', command: 'khungtaskd', line: 1, frames: fns('crash_setup_regs', '__crash_kexec', 'panic', 'check_hung_uninterruptible_tasks', 'watchdog.cold', 'kthread', 'ret_from_fork') };
  const crash29: BacktraceTask = { ...drgn29, frames: fns('machine_kexec', '__crash_kexec', 'panic', 'watchdog.cold', 'kthread', 'ret_from_fork') };
  const kept = step(step(emptyModels(), 'drgn', drgn29), 'crash', crash29).taskBts[29];
  assert.equal(kept?.engine, 'drgn');
  assert.match(kept?.insteadOfCrash ?? '', /^crash's unwind skips check_hung_uninterruptible_tasks between panic and watchdog\.cold/);
  const same = step(step(emptyModels(), 'drgn', drgn29), 'crash', { ...drgn29, frames: drgn29.frames.slice(1) }).taskBts[29];
  assert.equal(same?.engine, 'crash', 'crash’s stack with every frame: crash’s is shown');
});
