// `kdview report --backend both`: crash and drgn open the dump together; the
// report takes the bulk (stacks of every task, memory, modules) from crash and
// adds the cross-check of every fact both engines gave. If either engine
// cannot open the dump the other one makes the report, and it says so.
import { applyExchange } from '../core/apply-exchange.js';
import { CRASH_PROFILE } from '../core/backend-profile.js';
import { crossCheck } from '../core/analysis/cross-check.js';
import { emptyModels, type Models } from '../core/models.js';
import { CliError } from '../model/user-error.js';
import type { StepResult } from '../report/build.js';
import { toReportFrames } from '../report/frames.js';
import type { CrossCheck, Report } from '../report/model.js';
import { runDrgnTriage, type DrgnTriageOptions, type DrgnTriageRun } from './report-drgn.js';
import { runTriage, type TriageOptions, type TriageRun } from './report-session.js';

export interface BothRun {
  crash?: TriageRun;
  drgn?: DrgnTriageRun;
  /** What went wrong with the engine that could not help, for the report's warnings. */
  warnings: string[];
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runBothTriage(vmlinux: string, dump: string, o: TriageOptions & DrgnTriageOptions): Promise<BothRun> {
  // drgn runs no --script lines (they are crash commands here).
  const [c, d] = await Promise.allSettled([runTriage(vmlinux, dump, o), runDrgnTriage(vmlinux, dump, { ...o, script: [] })]);
  if (c.status === 'rejected' && d.status === 'rejected') {
    throw new CliError(`neither engine could open the dump: crash: ${message(c.reason)}; drgn: ${message(d.reason)}`);
  }
  const warnings: string[] = [];
  if (c.status === 'rejected') warnings.push(`crash could not help (${message(c.reason)}): this report is from drgn alone`);
  if (d.status === 'rejected') warnings.push(`drgn could not help (${message(d.reason)}): no cross-check`);
  return { crash: c.status === 'fulfilled' ? c.value : undefined, drgn: d.status === 'fulfilled' ? d.value : undefined, warnings };
}

function modelsOf(steps: readonly StepResult[], only?: readonly string[]): Models {
  let m = emptyModels();
  for (const s of steps) if ('output' in s && (!only || only.includes(s.command))) m = applyExchange(m, s);
  return m;
}

/** The cross-check of the two triages' answers. */
export function bothCrossCheck(crash: TriageRun, drgn: DrgnTriageRun): CrossCheck {
  return crossCheck({
    // crash's own view (sys, bt, log, ps): not kdview's walk of the task list, which is drgn's view again.
    crash: modelsOf(crash.steps, CRASH_PROFILE.initial),
    drgn: modelsOf(drgn.steps),
    crashVersion: crash.prepared.crashVersion,
    drgnVersion: drgn.prepared.version,
    crashTableIncomplete: crash.warnings.some((w) => /PID hash/.test(w)),
  });
}

/** crash's unwind ended at the scheduler with fewer frames than drgn found (a task sleeping inside a module, crash 8.0.2). */
const STOPPED = /^(__)?schedule$/;

/**
 * Where crash's `bt` of a hung task stops short, the report takes drgn's
 * stack for it and labels it; crash's stack is kept in the raw steps.
 */
export function completeShortStacks(report: Report, drgn: DrgnTriageRun): void {
  const stacks = modelsOf(drgn.steps).taskBts;
  for (const h of report.hungTasks) {
    const all = stacks[h.pid]?.frames.filter((f) => !f.inline) ?? [];
    // Up to the first frame drgn could not name (drgn 0.0.22 without a module's debug info unwinds into garbage).
    const cut = all.findIndex((f) => /^0x[0-9a-f]*$/i.test(f.function));
    const d = cut < 0 ? all : all.slice(0, cut);
    const last = h.backtrace[h.backtrace.length - 1]?.function ?? '';
    if (h.backtrace.length === 0 || !STOPPED.test(last) || d.length <= h.backtrace.length) continue;
    h.backtraceFrom = { engine: 'drgn', why: `crash's unwind stops at ${last} after ${h.backtrace.length} frames; drgn unwinds ${d.length}${cut < 0 ? '' : ' before a frame it cannot name'}` };
    h.backtrace = toReportFrames(d);
  }
}
