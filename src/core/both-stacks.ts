// `--backend both`: each task's stack is labelled with the engine that
// unwound it, and where crash's unwind of a task stops short at the scheduler
// while drgn's of the same task goes on (core/analysis/short-stacks.ts), or
// skips frames drgn has between two it named (core/analysis/stack-gap.ts: the
// crashing task on lockchain), drgn's stays (or replaces crash's) with the
// reason. Pure and UI-free.
import type { BacktraceTask } from '../model/backtrace.js';
import { firstUnnamed, fullerStack, stopsAtScheduler } from './analysis/short-stacks.js';
import { drgnFillsGap } from './analysis/stack-gap.js';
import type { Models } from './models.js';

type Engine = 'crash' | 'drgn';
const names = (t: BacktraceTask) => t.frames.map((f) => f.function);

/** drgn's stack shown for crash's, with the reason; up to the first frame drgn could not name (drgn 0.0.22 unwinds on into garbage). */
function insteadOfCrash(drgn: BacktraceTask, why: string): BacktraceTask {
  const cut = firstUnnamed(drgn.frames);
  if (cut < 0) return { ...drgn, engine: 'drgn', insteadOfCrash: why };
  const left = `${drgn.frames.length - cut} more frame${drgn.frames.length - cut === 1 ? '' : 's'} drgn cannot name left out`;
  return { ...drgn, engine: 'drgn', insteadOfCrash: why, frames: drgn.frames.slice(0, cut), notes: [...(drgn.notes ?? []), left] };
}

/** Why drgn's stack of a task is fuller than crash's: crash's stops at the scheduler, or skips frames drgn has between two it named. */
function drgnIsFuller(crash: BacktraceTask, drgn: BacktraceTask): string | undefined {
  return fullerStack(names(crash), drgn.frames)?.why ?? drgnFillsGap(names(crash), names(drgn));
}

/** The stack to keep for a task when `engine` has just unwound it (`now`) and `before` was known. */
function settle(now: BacktraceTask, before: BacktraceTask | undefined, engine: Engine): BacktraceTask {
  const tagged: BacktraceTask = { ...now, engine };
  if (!before || now.recovered || before.recovered) return tagged;
  if (engine === 'crash' && before.engine === 'drgn') {
    const why = drgnIsFuller(now, before);
    return why ? insteadOfCrash(before, why) : tagged;
  }
  if (engine === 'drgn' && before.engine === 'crash') {
    const why = drgnIsFuller(before, now);
    return why ? insteadOfCrash(now, why) : tagged;
  }
  return tagged;
}

/** After `engine`'s exchange changed the task stacks from `before`: the changed ones labelled and settled. */
export function settleStacks(next: Models, before: Models['taskBts'], engine: Engine): void {
  if (next.taskBts === before) return;
  const out = { ...next.taskBts };
  for (const [key, t] of Object.entries(next.taskBts)) {
    if (t !== before[Number(key)]) out[Number(key)] = settle(t, before[Number(key)], engine);
  }
  next.taskBts = out;
}

/** The task's shown stack is crash's and ends at the scheduler: drgn's unwind of it may go on. */
export function wantsDrgnStack(t: BacktraceTask | undefined): boolean {
  return t !== undefined && t.engine === 'crash' && !t.recovered && t.pid > 0 && t.insteadOfCrash === undefined && stopsAtScheduler(names(t));
}
