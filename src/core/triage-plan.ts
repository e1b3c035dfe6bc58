// Runs a report's triage on an open core session, as the backend's profile
// plans it: the fixed commands, the recovery of an incomplete task table
// (the walk, then stack scans of the tasks crash cannot unwind, UN first),
// the follow-ups (`bt PID` of UN tasks; drgn: every stack), then --script.
// A failed step never stops the run.
import type { StepResult } from '../report/build.js';
import { diagnosticWarnings } from './diagnostics.js';
import type { DumpSession } from './dump-session.js';
import type { Models } from './models.js';
import type { OpenMode } from './profiles/profile.js';
import { runQueued } from './run-queued.js';
import { scanCommand, tasksToScan } from './task-recovery.js';

/** At most this many stack scans in a report (each is one `rd -s` of at most 2048 words). */
export const MAX_REPORT_SCANS = 1024;

export interface PlanOptions {
  script: readonly string[];
  timeoutMs?: number;
  maxScans?: number;
  /** The follow-ups, when the caller decides them (`--backend both`: drgn's depend on crash); default: the profile's. */
  followUps?: (m: Models) => Promise<{ commands: string[]; warnings: string[] }>;
  /** crash: whether its hang collection is needed now (`--backend both`: not when drgn told already). */
  needHangs?: () => boolean;
  /** crash: whether to recover an incomplete task table now (`--backend both`: not when drgn gives every task and stack). */
  needRecovery?: () => boolean;
}

export interface PlanRun {
  steps: StepResult[];
  script: StepResult[];
  warnings: string[];
}

/** Why a step cannot run now, if it cannot. */
function blocked(session: DumpSession, mode: OpenMode, command: string): string | undefined {
  const { client, profile } = session;
  if (client.state === 'dead') return `not run: ${client.exited?.message ?? `${profile.name} exited`}`;
  if (client.state === 'stuck') return `not run: ${profile.name} is stuck in an earlier command`;
  if (!profile.triage.availableIn(mode, command)) return `not available in --${mode} mode`;
  return undefined;
}

function ok(s: StepResult): boolean {
  return !('skipped' in s) && s.status === 'ok';
}

/** The walk and the stack scans, when crash's task table is incomplete; what the report should say about them. */
async function recover(session: DumpSession, step: (c: string) => Promise<StepResult>, o: PlanOptions): Promise<{ steps: StepResult[]; warnings: string[] }> {
  let steps: StepResult[] = [];
  const notes: string[] = [];
  for (const command of session.profile.walk ?? []) {
    const r = await step(command);
    steps.push(r);
    if (ok(r) || 'skipped' in r) break;
  }
  // A walk form crash rejected, with a later one that worked: a note, not a failed step.
  const last = steps.at(-1);
  if (last && ok(last) && steps.length > 1) {
    notes.push(...steps.slice(0, -1).map((s) => `the task walk \`${s.command}\` failed (${'skipped' in s ? s.skipped : (s.error ?? s.status)}); the simpler walk worked`));
    steps = [last];
  }
  const m = session.models;
  if (!m.tasksFromWalk) {
    const why = "crash's task table is incomplete (its PID hash lookups failed) and the walk of the kernel task list failed";
    return { steps, warnings: [`${why}: tasks, hung tasks and clusters cover only the tasks crash found`] };
  }
  const limit = o.maxScans ?? MAX_REPORT_SCANS;
  const todo = tasksToScan(m, Number.MAX_SAFE_INTEGER);
  for (const t of todo.slice(0, limit)) {
    const command = scanCommand(session.models, t);
    if (command) steps.push(await step(command));
  }
  const recovered = (m.tasks ?? []).filter((t) => t.recovered).length;
  const scanned = Object.values(session.models.taskBts).filter((t) => t.recovered).length;
  const warnings = [
    ...notes,
    `crash's task table is incomplete (its PID hash lookups failed): kdview walked the kernel task list (${m.tasks?.length ?? 0} tasks, ${recovered} that crash missed) and scanned the stacks of ${scanned} of them; those facts are marked recovered (scanned stacks may hold stale return addresses)`,
  ];
  if (todo.length > limit) warnings.push(`${todo.length} tasks crash cannot unwind: kdview scanned the stacks of the first ${limit} (UN tasks first)`);
  return { steps, warnings };
}

export async function runPlan(session: DumpSession, mode: OpenMode, o: PlanOptions): Promise<PlanRun> {
  const step = async (command: string): Promise<StepResult> => {
    const why = blocked(session, mode, command);
    if (why) return { command, skipped: why };
    return session.run(command, { timeoutMs: o.timeoutMs });
  };
  const plan = session.profile.triage;
  const steps: StepResult[] = [];
  const warnings: string[] = [];
  // Queued at once: crash runs the next command while the session parses the last answer.
  const check = (command: string) => blocked(session, mode, command);
  steps.push(...(await runQueued(session, plan.commands, check, { timeoutMs: o.timeoutMs })));
  if (session.models.taskTableIncomplete && (o.needRecovery?.() ?? true)) {
    const r = await recover(session, step, o);
    steps.push(...r.steps);
    warnings.push(...r.warnings);
  }
  const follow = o.followUps ? await o.followUps(session.models) : plan.followUps(session.models);
  steps.push(...(await runQueued(session, follow.commands, check, { timeoutMs: o.timeoutMs })));
  warnings.push(...follow.warnings, ...plan.warnings);
  // crash: what the D-state tasks wait on, read from their stacks (probes, recorded, not report steps);
  // drgn answered kdview:hangs among its steps.
  if (mode !== 'minimal' && (o.needHangs?.() ?? true)) await session.findHangs();
  const script: StepResult[] = [];
  for (const command of o.script) script.push(await step(command));
  // What the parsers could not read in the triage's outputs (--script outputs are shown raw).
  const triage = new Set(steps.map((s) => s.command));
  warnings.push(...diagnosticWarnings({ diagnostics: session.models.diagnostics?.filter((d) => triage.has(d.command)) }));
  return { steps, script, warnings };
}
