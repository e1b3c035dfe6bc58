// Both engines in one report: which facts drgn supplies (what crash could not
// give, hang facts, unwinds of tasks crash could only scan), crash's idle
// tasks kept when the task list is drgn's, and drgn's follow-ups chosen by
// crash's outcome.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeBoth } from '../../src/core/both-merge.js';
import { emptyModels, type Models } from '../../src/core/models.js';
import { drgnFollowUps, MAX_DRGN_ALL_STACKS, MAX_DRGN_UN_STACKS } from '../../src/core/triage-both.js';
import type { BacktraceTask } from '../../src/model/backtrace.js';
import type { Task } from '../../src/model/task.js';

const task = (pid: number, state = 'IN', comm = `t${pid}`): Task =>
  ({ pid, ppid: 1, cpu: 0, task: `ffff${pid.toString(16).padStart(4, '0')}`, state, mem: 0, vsz: 0, rss: 0, comm, active: false, kernelThread: false }) as Task;
const stack = (pid: number, fns: string[], recovered = false): BacktraceTask =>
  ({ pid, task: `ffff${pid.toString(16).padStart(4, '0')}`, command: `t${pid}`, frames: fns.map((f, i) => ({ level: i, function: f })), ...(recovered ? { recovered } : {}) }) as unknown as BacktraceTask;
const models = (patch: Partial<Models>): Models => ({ ...emptyModels(), ...patch });

test('crash with its own table: crash gives every fact, drgn only what blocked tasks wait on', () => {
  const crash = models({ sys: { release: '6.1' }, tasks: [task(1), task(2, 'UN')], foreachBt: { tasks: [stack(1, ['a']), stack(2, ['b'])] }, log: [{ text: 'x' } as never] });
  const drgn = models({ sys: { release: 'other' }, tasks: [task(1), task(2, 'UN'), task(3)], hangs: [], hangFacts: [] });
  const r = mergeBoth(crash, drgn);
  assert.equal(r.models.sys, crash.sys);
  assert.equal(r.models.tasks, crash.tasks);
  assert.equal(r.models.foreachBt, crash.foreachBt);
  assert.equal(r.tasksFromDrgn, false);
  assert.deepEqual(r.models.hangs, []);
  assert.deepEqual(r.notes, ['from drgn (both engines ran; crash gave the rest): what blocked tasks wait on']);
});

test('crash in --minimal mode: the system facts, the crashing task, the tasks and every stack come from drgn', () => {
  const crash = models({ log: [{ text: 'x' } as never] });
  const panic = stack(7, ['panic']);
  const drgn = models({ sys: { release: '6.1' }, panicTask: panic, tasks: [task(7)], foreachBt: { tasks: [panic] } });
  const r = mergeBoth(crash, drgn);
  assert.equal(r.models.sys?.release, '6.1');
  assert.equal(r.models.panicTask, panic);
  assert.equal(r.models.log, crash.log, "crash's log stays");
  assert.equal(r.tasksFromDrgn, true);
  assert.equal(r.models.foreachBt, drgn.foreachBt);
  assert.match(r.notes[0] ?? '', /the system facts, the crashing task, the task list, the stacks of every task \(1, drgn's unwinder\)$/);
});

test("crash cannot read its table and did not walk: drgn's tasks and stacks, with crash's idle tasks", () => {
  const idle = [task(0, 'RU', 'swapper/0'), task(0, 'RU', 'swapper/1')];
  const crash = models({
    taskTableIncomplete: true,
    tasks: [...idle, task(1), task(9)],
    foreachBt: { tasks: [stack(0, ['cpu_idle']), stack(1, ['x'])] },
  });
  const drgnTasks = [task(1), task(2, 'UN'), task(9)];
  const drgn = models({ tasks: drgnTasks, foreachBt: { tasks: drgnTasks.map((t) => stack(t.pid, ['schedule', `f${t.pid}`])) } });
  const r = mergeBoth(crash, drgn);
  assert.equal(r.tasksFromDrgn, true);
  assert.deepEqual(r.models.tasks?.map((t) => t.pid), [0, 0, 1, 2, 9]);
  assert.deepEqual(r.models.foreachBt?.tasks.map((t) => t.pid), [0, 1, 2, 9]);
  assert.match(r.notes[0] ?? '', /the task list \(3 tasks, with crash's 2 idle tasks; crash's own table is incomplete/);
});

test("crash walked its table: scanned stacks give way to drgn's unwinds of the same tasks", () => {
  const crash = models({
    taskTableIncomplete: true,
    tasksFromWalk: true,
    tasks: [task(1), task(2, 'UN')],
    taskBts: { 2: stack(2, ['stale'], true), 1: stack(1, ['own']) },
  });
  const drgn = models({ taskBts: { 2: stack(2, ['schedule', 'rwsem_down_write_slowpath']) } });
  const r = mergeBoth(crash, drgn);
  assert.equal(r.models.tasks, crash.tasks, 'the walked list stays');
  assert.equal(r.models.taskBts[2]?.frames[1]?.function, 'rwsem_down_write_slowpath');
  assert.equal(r.models.taskBts[1], crash.taskBts[1], "a task's own bt stays");
  assert.match(r.notes[0] ?? '', /the stacks of 1 task crash could only scan$/);
});

test("drgn's follow-ups: UN tasks only while crash has its table, every task otherwise", () => {
  const tasks = [task(1), task(2, 'UN'), task(3, 'UN'), task(3, 'UN')];
  const m = models({ tasks });
  const ok = { opened: true, minimal: false, tableIncomplete: false } as const;
  assert.deepEqual(drgnFollowUps(m, ok).commands, ['kdview:bt 2', 'kdview:bt 3']);
  assert.deepEqual(drgnFollowUps(m, { opened: false }).commands, ['kdview:bt 1 2 3']);
  assert.deepEqual(drgnFollowUps(m, { ...ok, minimal: true }).commands, ['kdview:bt 1 2 3']);
  assert.deepEqual(drgnFollowUps(m, { ...ok, tableIncomplete: true }).commands, ['kdview:bt 1 2 3']);
  const many = models({ tasks: Array.from({ length: MAX_DRGN_ALL_STACKS + 1 }, (_, i) => task(i + 1, 'UN')) });
  const capped = drgnFollowUps(many, { ...ok, tableIncomplete: true }).commands;
  assert.equal(capped.length, MAX_DRGN_UN_STACKS, 'too many tasks to unwind all: the UN ones, capped');
  assert.equal(drgnFollowUps(models({}), { opened: false }).commands.length, 0);
});
