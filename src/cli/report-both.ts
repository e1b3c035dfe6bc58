// `kdview report --backend both`: crash and drgn open the dump together; the
// report takes the bulk (stacks of every task, memory, modules) from crash and
// adds the cross-check of every fact both engines gave. If either engine
// cannot open the dump the other one makes the report, and it says so.
import { modelsFrom } from '../core/apply-exchange.js';
import { CRASH_PROFILE } from '../core/backend-profile.js';
import { crossCheck } from '../core/analysis/cross-check.js';
import { emptyModels, type Models } from '../core/models.js';
import { runTriage, type TriageOptions, type TriageRun } from '../core/triage-run.js';
import { CliError } from '../model/user-error.js';
import { toReportFrames } from '../report/frames.js';
import type { CrossCheck, Report } from '../report/model.js';

export interface BothRun {
  crash?: TriageRun;
  drgn?: TriageRun;
  /** What went wrong with the engine that could not help, for the report's warnings. */
  warnings: string[];
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runBothTriage(vmlinux: string, dump: string, o: TriageOptions): Promise<BothRun> {
  // drgn runs no --script lines (they are crash commands here).
  const [c, d] = await Promise.allSettled([runTriage('crash', vmlinux, dump, o), runTriage('drgn', vmlinux, dump, { ...o, script: [], early: undefined })]);
  if (c.status === 'rejected' && d.status === 'rejected') {
    throw new CliError(`neither engine could open the dump: crash: ${message(c.reason)}; drgn: ${message(d.reason)}`);
  }
  const warnings: string[] = [];
  if (c.status === 'rejected') warnings.push(`crash could not help (${message(c.reason)}): this report is from drgn alone`);
  if (d.status === 'rejected') warnings.push(`drgn could not help (${message(d.reason)}): no cross-check`);
  return { crash: c.status === 'fulfilled' ? c.value : undefined, drgn: d.status === 'fulfilled' ? d.value : undefined, warnings };
}

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
