// `kdview report` with both engines (core/triage-both.ts runs them, and
// core/both-merge.ts makes one set of models): the cross-check of every fact
// both engines gave, and drgn's stacks where crash's unwind stops short.
import { modelsFrom } from '../core/apply-exchange.js';
import { CRASH_PROFILE } from '../core/backend-profile.js';
import { crossCheck } from '../core/analysis/cross-check.js';
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

/** crash's unwind ended at the scheduler with fewer frames than drgn found (a task sleeping inside a module, crash 8.0.2). */
const STOPPED = /^(__)?schedule$/;

/**
 * Where crash's `bt` of a hung task stops short, the report takes drgn's
 * stack for it and labels it; crash's stack is kept in the raw steps.
 */
export function completeShortStacks(report: Report, drgn: TriageRun): void {
  const stacks = drgn.models.taskBts;
  for (const h of report.hungTasks) {
    const all = stacks[h.pid]?.frames.filter((f) => !f.inline) ?? [];
    // Up to the first frame drgn could not name (drgn 0.0.22 without a module's debug info unwinds into garbage).
    const cut = all.findIndex((f) => /^0x[0-9a-f]*$/i.test(f.function));
    const d = cut < 0 ? all : all.slice(0, cut);
    const last = h.backtrace[h.backtrace.length - 1]?.function ?? '';
    if (h.backtrace.length === 0 || !STOPPED.test(last) || d.length <= h.backtrace.length) continue;
    h.backtraceFrom = { engine: 'drgn', why: `crash's unwind stops at ${last} after ${h.backtrace.length} frames; drgn unwinds ${d.length}${cut < 0 ? '' : ' before a frame it cannot name'}` };
    h.backtrace = toReportFrames(d);
    h.stackRecovered = false;
  }
}
