// Small updates of the models shared by the backends' models steps.
import type { BacktraceTask } from '../model/backtrace.js';
import type { LogRecord } from '../model/log.js';
import { extractOops } from '../parsers/index.js';
import type { Models } from './models.js';

/** The crashing task's stack (crash `bt`, drgn `kdview:crashed`). */
export function setPanicTask(next: Models, t: BacktraceTask | undefined): void {
  if (!t) return;
  next.panicTask = t;
  next.taskBts = { ...next.taskBts, [t.pid]: t };
  next.btPid ??= t.pid;
}

/** Stacks of single tasks (`bt PID`, `foreach bt`, `kdview:bt PID`); `select` shows the first. */
export function addTaskBts(next: Models, tasks: readonly BacktraceTask[], select: boolean): void {
  const taskBts = { ...next.taskBts };
  for (const t of tasks) taskBts[t.pid] = t;
  next.taskBts = taskBts;
  if (select && tasks[0]) next.btPid = tasks[0].pid;
}

export function setLog(next: Models, log: LogRecord[]): void {
  next.log = log;
  next.oopses = extractOops(log);
}
