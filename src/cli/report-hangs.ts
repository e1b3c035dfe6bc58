// The report's hangs: drgn answered kdview:hangs among its triage steps;
// crash reads the D-state tasks' stacks after its triage (walking the task
// list first when its own table is incomplete, or it would see no task).
import { buildHangs } from '../core/analysis/hangs-graph.js';
import { collectCrashHangs } from '../core/hangs-crash.js';
import { mergeWalkedTasks } from '../core/task-recovery.js';
import type { Exchange } from '../model/exchange.js';
import type { Hang, WaitFacts } from '../model/hang.js';
import type { Task } from '../model/task.js';
import { decodeDrgnHangs } from '../parsers/drgn-hangs.js';
import { parsePs } from '../parsers/index.js';
import { parseTaskWalk, TASK_WALK_COMMAND } from '../parsers/task-walk.js';
import type { StepResult } from '../report/build.js';

const ok = (s: StepResult | undefined): s is Exchange => s !== undefined && !('skipped' in s) && s.status === 'ok';

function graph(facts: WaitFacts[], tasks: readonly Task[]): Hang[] {
  return buildHangs(facts, { taskNames: new Map(tasks.map((t) => [t.task.toLowerCase(), { pid: t.pid, comm: t.comm, state: t.state }])) });
}

export function drgnReportHangs(steps: readonly StepResult[], tasks: readonly Task[]): Hang[] | undefined {
  const s = steps.find((x) => x.command === 'kdview:hangs');
  return ok(s) ? graph(decodeDrgnHangs(s.output).value, tasks) : undefined;
}

/**
 * crash: the task list (ps, or the walk when crash's table is incomplete),
 * then the stacks of its D-state tasks. `step` runs a triage step (recorded,
 * listed in the report); `run` runs a probe (recorded only).
 */
export async function crashReportHangs(
  steps: StepResult[],
  incomplete: boolean,
  step: (command: string) => Promise<StepResult>,
  run: (command: string) => Promise<Exchange>,
): Promise<Hang[]> {
  const ps = steps.find((s) => s.command === 'ps');
  let tasks = ok(ps) ? parsePs(ps.output).value.tasks : [];
  if (incomplete) {
    const walk = await step(TASK_WALK_COMMAND);
    steps.push(walk);
    if (ok(walk)) tasks = mergeWalkedTasks(parseTaskWalk(walk.output).value, tasks);
  }
  return graph(await collectCrashHangs(run, tasks), tasks);
}
