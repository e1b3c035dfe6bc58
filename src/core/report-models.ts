// The report's inputs from the core session's models: the same task list,
// stacks and recovery the TUI shows (crash's table, or the walked one with
// scanned stacks), whichever backend filled them.
import type { BacktraceTask } from '../model/backtrace.js';
import type { Exchange } from '../model/exchange.js';
import { buildReportFrom, type BuildInput, type StepResult, type TriageModels } from '../report/build.js';
import type { Report } from '../report/model.js';
import { modelsFrom } from './apply-exchange.js';
import { emptyModels, type Models } from './models.js';
import { allStacks } from './task-recovery.js';

export function triageModels(m: Models, backend: 'crash' | 'drgn'): TriageModels {
  const all = allStacks(m);
  // A task's own `bt PID` (or scan) wins over its `foreach bt` block.
  const hungStacks = new Map<number, BacktraceTask>(all.map((t) => [t.pid, t]));
  for (const t of Object.values(m.taskBts)) hungStacks.set(t.pid, t);
  return {
    sys: m.sys ?? {},
    crashing: m.panicTask,
    records: m.log ?? [],
    tasks: m.tasks ?? [],
    taskSource: backend === 'drgn' ? 'drgn' : m.tasksFromWalk ? 'walk' : 'ps',
    ages: m.ages ?? [],
    all,
    hungStacks,
    memory: m.memory,
    modules: m.modules,
  };
}

/** The models a report's steps give (steps that were skipped gave nothing). */
export function modelsOfSteps(steps: readonly StepResult[], taskTableIncomplete = false): Models {
  const exchanges = steps.filter((s): s is Exchange => !('skipped' in s));
  return modelsFrom({ ...emptyModels(), taskTableIncomplete }, exchanges);
}

/** A report from recorded steps (transcripts, a replayed session), through the same models step as a live run. */
export function reportFromSteps(inp: BuildInput, backend: 'crash' | 'drgn' = 'crash'): Report {
  return buildReportFrom(triageModels(modelsOfSteps(inp.steps), backend), inp);
}
