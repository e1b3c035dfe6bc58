// A report's triage with both engines (`kdview report`'s default when crash
// and drgn are installed): they open the dump together. drgn answers the
// facts in about a second (sys, the crashing task, the log, the task list,
// what hung tasks wait on); crash runs its own triage with the bulk stacks
// (`foreach bt`, memory, modules). drgn's stacks follow crash's outcome:
// only the UN tasks' (checked against crash's short unwinds) when crash
// opened the dump with its task table, every task's when crash could not
// open the dump, opened it only in --minimal mode, or cannot read its own
// task table (crash 8.0.2 on stock Debian 12 kernels) and the dump is small
// enough. If either engine cannot open the dump the other one makes the
// report, and it says so.
import { CliError } from '../model/user-error.js';
import { DRGN_PROFILE, everyStackCommand } from './profiles/drgn.js';
import type { Models } from './models.js';
import { runTriage, type TriageOptions, type TriageRun } from './triage-run.js';

/** drgn unwinds every task (~4 ms each) only up to this many: beyond it crash's stack scans stand. */
export const MAX_DRGN_ALL_STACKS = 2000;
/** drgn unwinds at most this many UN tasks one by one. */
export const MAX_DRGN_UN_STACKS = 64;

export interface BothRun {
  crash?: TriageRun;
  drgn?: TriageRun;
  /** What went wrong with the engine that could not help, for the report's warnings. */
  warnings: string[];
}

/** What crash's open told drgn: whether crash can give every task's stack itself. */
export type CrashOutcome = { opened: false } | { opened: true; minimal: boolean; tableIncomplete: boolean };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** drgn's follow-ups once crash's outcome is known. */
export function drgnFollowUps(m: Models, crash: CrashOutcome): { commands: string[]; warnings: string[] } {
  const listed = new Set((m.tasks ?? []).map((t) => t.pid)).size;
  if (!crash.opened || crash.minimal || (crash.tableIncomplete && listed <= MAX_DRGN_ALL_STACKS)) {
    const every = everyStackCommand(m);
    return { commands: every ? [every] : [], warnings: [] };
  }
  // One `kdview:bt PID` per UN task (the profile's single-task request).
  const un = [...new Map((m.tasks ?? []).filter((t) => t.state === 'UN').map((t) => [t.pid, t])).values()];
  return { commands: un.slice(0, MAX_DRGN_UN_STACKS).map((t) => DRGN_PROFILE.taskBt(t)), warnings: [] };
}

export async function runBothTriage(vmlinux: string, dump: string, o: TriageOptions): Promise<BothRun> {
  let told!: (c: CrashOutcome) => void;
  // What hung tasks wait on: drgn reads it from frame variables in about a second; crash's own collection only when drgn could not.
  let drgnHangs = false;
  // The task list: drgn's, when crash cannot read its own table and drgn unwinds every task (no walk, no stack scans).
  let drgnTasks: number | undefined;
  const outcome = new Promise<CrashOutcome>((resolve) => (told = resolve));
  const crashRun = runTriage('crash', vmlinux, dump, {
    ...o,
    onOpen: ({ mode, tableIncomplete }) => told({ opened: true, minimal: mode === 'minimal', tableIncomplete }),
    needHangs: () => !drgnHangs,
    needRecovery: () => drgnTasks === undefined || drgnTasks > MAX_DRGN_ALL_STACKS,
  });
  crashRun.catch(() => told({ opened: false }));
  // drgn runs no --script lines (they are crash commands here), and its facts only: the stacks wait for crash's outcome.
  const drgnRun = runTriage('drgn', vmlinux, dump, {
    ...o,
    script: [],
    early: undefined,
    onProgress: undefined,
    followUps: async (m) => {
      drgnHangs = m.hangs !== undefined;
      if (m.tasks !== undefined && m.tasks.length > 0) drgnTasks = m.tasks.length;
      return drgnFollowUps(m, await outcome);
    },
  });
  const [c, d] = await Promise.allSettled([crashRun, drgnRun]);
  // Neither could: crash's reason (the same input check drgn failed, in crash's words), as the TUI says it.
  if (c.status === 'rejected' && d.status === 'rejected') {
    if (c.reason instanceof CliError) throw c.reason;
    throw new CliError(`neither engine could open the dump: crash: ${message(c.reason)}; drgn: ${message(d.reason)}`);
  }
  const warnings: string[] = [];
  if (c.status === 'rejected') warnings.push(`crash could not help (${message(c.reason)}): this report is from drgn alone`);
  if (d.status === 'rejected') warnings.push(`drgn could not help (${message(d.reason)}): no cross-check`);
  return { crash: c.status === 'fulfilled' ? c.value : undefined, drgn: d.status === 'fulfilled' ? d.value : undefined, warnings };
}
