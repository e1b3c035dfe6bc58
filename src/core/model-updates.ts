// Small updates of the models shared by the backends' models steps.
import type { BacktraceTask } from '../model/backtrace.js';
import type { LogRecord } from '../model/log.js';
import type { Parsed } from '../model/diagnostic.js';
import { withCodes } from '../parsers/diagnostic-codes.js';
import { extractOops } from '../parsers/index.js';
import type { Models } from './models.js';

/** Diagnostics kept per exchange (the count says how many there were). */
export const MAX_KEPT = 200;

/** A parse's value; its diagnostics, coded, go into the models (shown in the status line and a report's warnings). */
export function noted<T>(next: Models, command: string, kind: string, parsed: Parsed<T>): T {
  const n = parsed.diagnostics.length;
  if (n > 0) {
    const diagnostics = withCodes(kind, { value: undefined, diagnostics: parsed.diagnostics.slice(0, MAX_KEPT) }).diagnostics;
    next.diagnostics = [...(next.diagnostics ?? []), { command, kind, count: n, diagnostics }];
  }
  return parsed.value;
}

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
