// One set of models from the two engines' triages (`--backend both`): crash's
// (with its bulk stacks, memory and modules), with what crash could not give
// taken from drgn, and what hung tasks wait on from drgn (read from frame
// variables, the first answer). Each fact drgn supplied is named in a note
// for the report's warnings. Pure and UI-free.
import type { BacktraceTask } from '../model/backtrace.js';
import type { Models } from './models.js';

export interface Merged {
  models: Models;
  /** The task list came from drgn (crash gave none). */
  tasksFromDrgn: boolean;
  notes: string[];
}

const empty = <T>(v: readonly T[] | undefined) => v === undefined || v.length === 0;

/** drgn's unwind of a task, from its stacks of every task or its single `kdview:bt PID`. */
function drgnStack(drgn: Models, pid: number): BacktraceTask | undefined {
  return drgn.taskBts[pid] ?? drgn.foreachBt?.tasks.find((t) => t.pid === pid);
}

export function mergeBoth(crash: Models, drgn: Models): Merged {
  const m: Models = { ...crash };
  const from: string[] = [];
  if ((m.sys === undefined || Object.keys(m.sys).length === 0) && drgn.sys) {
    m.sys = drgn.sys;
    from.push('the system facts');
  }
  if (m.panicTask === undefined && drgn.panicTask) {
    m.panicTask = drgn.panicTask;
    from.push('the crashing task');
  }
  if (empty(m.log) && !empty(drgn.log)) {
    m.log = drgn.log;
    m.oopses = drgn.oopses;
    from.push('the kernel log');
  }
  if (m.btAll === undefined && drgn.btAll) {
    m.btAll = drgn.btAll;
    from.push("the CPUs' stacks");
  }
  // crash could not read its own table and did not walk the task list (drgn had it first).
  const unread = crash.taskTableIncomplete && !crash.tasksFromWalk;
  const tasksFromDrgn = (empty(m.tasks) || unread) && !empty(drgn.tasks);
  // drgn's for_each_task skips the idle tasks (swapper/N, PID 0); crash lists them even when its table is incomplete.
  const idle = tasksFromDrgn ? (crash.tasks ?? []).filter((t) => t.pid === 0) : [];
  if (tasksFromDrgn) {
    m.tasks = [...idle, ...drgn.tasks!];
    m.tasksFromWalk = false;
    from.push(unread ? `the task list (${drgn.tasks!.length} tasks, with crash's ${idle.length} idle tasks; crash's own table is incomplete: its PID hash lookups failed)` : 'the task list');
  }
  // Every task's stack: drgn's when crash gave none, or when crash could not read its own table (its stacks were scanned).
  const drgnAll = drgn.foreachBt;
  if (drgnAll && (m.foreachBt === undefined || tasksFromDrgn || (crash.taskTableIncomplete && drgnAll.tasks.length > m.foreachBt.tasks.length))) {
    const idleStacks = idle.length > 0 ? (m.foreachBt?.tasks ?? []).filter((t) => t.pid === 0) : [];
    m.foreachBt = idleStacks.length > 0 ? { ...drgnAll, tasks: [...idleStacks, ...drgnAll.tasks] } : drgnAll;
    from.push(`the stacks of every task (${drgnAll.tasks.length}, drgn's unwinder)`);
  }
  // Scanned stacks (stale return addresses possible) give way to drgn's unwinds of the same tasks.
  const taskBts = { ...m.taskBts };
  let unwound = 0;
  for (const t of Object.values(m.taskBts)) {
    const d = t.recovered ? drgnStack(drgn, t.pid) : undefined;
    if (!d) continue;
    taskBts[t.pid] = d;
    unwound++;
  }
  m.taskBts = taskBts;
  if (unwound > 0) from.push(`the stacks of ${unwound} task${unwound === 1 ? '' : 's'} crash could only scan`);
  if (drgn.hangs !== undefined) {
    m.hangs = drgn.hangs;
    m.hangFacts = drgn.hangFacts;
    from.push('what blocked tasks wait on');
  }
  const notes = from.length > 0 ? [`from drgn (both engines ran; crash gave the rest): ${from.join(', ')}`] : [];
  return { models: m, tasksFromDrgn, notes };
}
