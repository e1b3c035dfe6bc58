// Report sections built from one parsed command each: tasks by state, hung
// tasks, memory, modules.
import type { BacktraceTask } from '../model/backtrace.js';
import type { MemoryInfo } from '../model/memory.js';
import type { ModuleList } from '../model/module.js';
import type { TaskAge, Task } from '../model/task.js';
import { toReportFrames } from './frames.js';
import type { HungTask, Memory, Report } from './model.js';

/** Tasks by state. Idle tasks (one per CPU, PID 0) count, as in crash's `ps` and `sys` TASKS. */
export function tasksSection(tasks: readonly Task[], source: Report['tasks']['source']): Report['tasks'] {
  const byState: Record<string, number> = {};
  for (const t of tasks) byState[t.state] = (byState[t.state] ?? 0) + 1;
  return {
    total: tasks.length,
    byState,
    source,
    recovered: tasks.filter((t) => t.recovered).length,
    idle: tasks.filter((t) => t.pid === 0).length,
  };
}

/**
 * UN tasks, longest-blocked first (by `ps -m` age; tasks without an age
 * last, by PID). `stacks` gives each PID's backtrace (`bt PID`, else
 * `foreach bt`).
 */
export function hungTasksSection(
  tasks: readonly Task[],
  ages: readonly TaskAge[],
  stacks: ReadonlyMap<number, BacktraceTask>,
): HungTask[] {
  const ageOf = new Map(ages.map((a) => [a.task, a]));
  const hung = tasks
    .filter((t) => t.state === 'UN')
    .map((t): HungTask => {
      const a = ageOf.get(t.task);
      const stack = stacks.get(t.pid);
      return {
        pid: t.pid,
        comm: t.comm,
        cpu: t.cpu >= 0 ? t.cpu : null,
        ageMs: a?.ageMs ?? null,
        age: a?.age ?? null,
        backtrace: toReportFrames(stack?.frames ?? []),
        recovered: t.recovered === true,
        stackRecovered: stack?.recovered === true,
      };
    });
  return hung.sort((x, y) => (y.ageMs ?? -1) - (x.ageMs ?? -1) || x.pid - y.pid);
}

/** Rounds bytes-per-page to the nearest power of two (crash rounds TOTAL). */
function pageSizeOf(bytes: number | undefined, pages: number | undefined): number | undefined {
  if (!bytes || !pages) return undefined;
  return 2 ** Math.round(Math.log2(bytes / pages));
}

export function memorySection(info: MemoryInfo | undefined): Memory {
  const rows = info?.rows ?? [];
  const row = (name: string) => rows.find((r) => r.name === name);
  const total = row('TOTAL MEM');
  const pageSize = pageSizeOf(total?.bytes, total?.pages);
  const bytes = (name: string) => {
    const r = row(name);
    if (r?.pages !== undefined && pageSize !== undefined) return r.pages * pageSize;
    return r?.bytes;
  };
  const totalBytes = bytes('TOTAL MEM');
  const breakdown: Memory['breakdown'] = [];
  if (totalBytes !== undefined) {
    const free = Math.min(bytes('FREE') ?? 0, totalBytes);
    const used = Math.max(0, (bytes('USED') ?? totalBytes - free));
    let left = used;
    for (const name of ['SLAB', 'CACHED', 'BUFFERS']) {
      const b = Math.min(bytes(name) ?? 0, left);
      if (b > 0) breakdown.push({ name, bytes: b });
      left -= b;
    }
    breakdown.unshift({ name: 'OTHER USED', bytes: left });
    breakdown.push({ name: 'FREE', bytes: Math.min(free, totalBytes - used) });
  }
  return {
    rows: rows.map((r) => ({
      name: r.name,
      pages: r.pages ?? null,
      bytes: r.bytes ?? null,
      percent: r.percent ?? null,
      of: r.of ?? null,
    })),
    totalBytes: totalBytes ?? null,
    breakdown,
  };
}

export function modulesSection(mods: ModuleList | undefined): Report['modules'] {
  return (mods?.modules ?? []).map((m) => ({ name: m.name, size: m.size, symbols: m.loaded }));
}
