// `kdview report` with both engines (core/triage-both.ts runs them, and
// core/both-merge.ts makes one set of models): the cross-check of every fact
// both engines gave, and drgn's stacks where crash's unwind stops short.
import { modelsFrom } from '../core/apply-exchange.js';
import { CRASH_PROFILE } from '../core/backend-profile.js';
import { crossCheck } from '../core/analysis/cross-check.js';
import { fullerStack } from '../core/analysis/short-stacks.js';
import { drgnFillsGap } from '../core/analysis/stack-gap.js';
import { emptyModels, type Models } from '../core/models.js';
import type { TriageRun } from '../core/triage-run.js';
import { toReportFrames } from '../report/frames.js';
import type { CrossCheck, Report } from '../report/model.js';

/** crash's own view: the models of the commands that fill its panes (not kdview's walk, which is drgn's view again). */
function ownView(run: TriageRun, only: readonly string[]): Models {
  return modelsFrom(emptyModels(), run.models.exchanges.filter((e) => only.includes(e.command)));
}

/** The cross-check of the two triages' answers. */
export function bothCrossCheck(crash: TriageRun, drgn: TriageRun): CrossCheck {
  return crossCheck({
    // crash's own view (sys, bt, log, ps): not kdview's walk of the task list, which is drgn's view again.
    crash: ownView(crash, CRASH_PROFILE.initial),
    drgn: drgn.models,
    crashVersion: crash.version,
    drgnVersion: drgn.version,
    crashTableIncomplete: crash.models.taskTableIncomplete,
  });
}

/**
 * Where crash's `bt` of a hung task stops short, the report takes drgn's
 * stack for it and labels it (core/analysis/short-stacks.ts, the TUI's rule
 * too); crash's stack is kept in the raw steps.
 */
export function completeShortStacks(report: Report, drgn: TriageRun): void {
  const stacks = drgn.models.taskBts;
  for (const h of report.hungTasks) {
    const fuller = fullerStack(h.backtrace.map((f) => f.function), stacks[h.pid]?.frames ?? []);
    if (!fuller) continue;
    h.backtraceFrom = { engine: 'drgn', why: fuller.why };
    h.backtrace = toReportFrames(fuller.frames);
    h.stackRecovered = false;
  }
}

/** Where crash's unwind of the crashing task skipped frames drgn has between two it named, the report takes drgn's stack and says why. */
export function fillCrashingGap(report: Report, drgn: TriageRun): void {
  const d = drgn.models.panicTask;
  if (!d || d.pid !== report.crashingTask?.pid) return;
  const why = drgnFillsGap(report.backtrace.map((f) => f.function), d.frames.map((f) => f.function));
  if (!why) return;
  report.backtrace = toReportFrames(d.frames);
  report.backtraceFrom = { engine: 'drgn', why };
}
