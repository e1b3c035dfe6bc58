// `kdview report --backend both`: crash and drgn open the dump together; the
// report takes the bulk (stacks of every task, memory, modules) from crash and
// adds the cross-check of every fact both engines gave. If either engine
// cannot open the dump the other one makes the report, and it says so.
import { crossCheck } from '../core/analysis/cross-check.js';
import { runTriage, type TriageOptions, type TriageRun } from '../core/triage-run.js';
import { CliError } from '../model/user-error.js';
import type { CrossCheck } from '../report/model.js';

export interface BothRun {
  crash?: TriageRun;
  drgn?: TriageRun;
  /** What went wrong with the engine that could not help, for the report's warnings. */
  warnings: string[];
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runBothTriage(vmlinux: string, dump: string, o: TriageOptions): Promise<BothRun> {
  // drgn runs no --script lines (they are crash commands here).
  const [c, d] = await Promise.allSettled([runTriage('crash', vmlinux, dump, o), runTriage('drgn', vmlinux, dump, { ...o, script: [] })]);
  if (c.status === 'rejected' && d.status === 'rejected') {
    throw new CliError(`neither engine could open the dump: crash: ${message(c.reason)}; drgn: ${message(d.reason)}`);
  }
  const warnings: string[] = [];
  if (c.status === 'rejected') warnings.push(`crash could not help (${message(c.reason)}): this report is from drgn alone`);
  if (d.status === 'rejected') warnings.push(`drgn could not help (${message(d.reason)}): no cross-check`);
  return { crash: c.status === 'fulfilled' ? c.value : undefined, drgn: d.status === 'fulfilled' ? d.value : undefined, warnings };
}

/** The cross-check of the two triages' models (each parsed once by its core session). */
export function bothCrossCheck(crash: TriageRun, drgn: TriageRun): CrossCheck {
  return crossCheck({
    crash: crash.models,
    drgn: drgn.models,
    crashVersion: crash.version,
    drgnVersion: drgn.version,
    crashTableIncomplete: crash.models.taskTableIncomplete,
  });
}
