// Stack clusters: tasks whose backtraces (from `foreach bt`) hold the same
// functions in the same order, so 3,000 tasks blocked on one mutex become one
// line. Pure; also used by the TUI's Backtrace pane.
import type { BacktraceTask, Frame } from '../model/backtrace.js';
import { stackKey } from './frames.js';

export interface ClusterMember {
  pid: number;
  comm: string;
  /** task_struct address, hex without 0x. */
  task: string;
}

export interface StackCluster {
  /** Function names and modules of the shared stack, one per line. */
  key: string;
  count: number;
  /** Members per state; "??" when `states` had no entry for a PID. */
  states: Record<string, number>;
  /** Sorted by PID. */
  members: ClusterMember[];
  /** The stack once, as the first of its tasks in the input printed it. */
  frames: Frame[];
}

/**
 * Groups tasks with identical stacks, biggest group first (ties: lowest
 * PID first). Tasks without frames are left out. `states` maps PID to the
 * two-letter state from `ps`.
 */
export function clusterBacktraces(tasks: readonly BacktraceTask[], states?: ReadonlyMap<number, string>): StackCluster[] {
  const byKey = new Map<string, StackCluster>();
  for (const t of tasks) {
    if (t.frames.length === 0) continue;
    const key = stackKey(t);
    let c = byKey.get(key);
    if (!c) {
      c = { key, count: 0, states: {}, members: [], frames: t.frames };
      byKey.set(key, c);
    }
    c.count++;
    // Idle tasks (PID 0, swapper/N) are always runnable; drgn's task list does not hold them.
    const st = states?.get(t.pid) ?? (t.pid === 0 ? 'RU' : '??');
    c.states[st] = (c.states[st] ?? 0) + 1;
    c.members.push({ pid: t.pid, comm: t.command, task: t.task });
  }
  const out = [...byKey.values()];
  for (const c of out) c.members.sort((a, b) => a.pid - b.pid || a.task.localeCompare(b.task));
  return out.sort((a, b) => b.count - a.count || (a.members[0]?.pid ?? 0) - (b.members[0]?.pid ?? 0));
}
