// Derived views of the state: what each pane lists.
import type { Backtrace, BacktraceTask, Frame } from '../model/backtrace.js';
import { allStacks } from '../core/task-recovery.js';

/** The parsers' diagnostics as the status line and the `!` detail show them. */
export { diagnosticsNote, diagnosticsText } from '../core/diagnostics.js';
import { clusterBacktraces, type StackCluster } from '../report/clusters.js';
import type { Exchange } from '../model/exchange.js';
import type { LogRecord } from '../model/log.js';
import type { Task } from '../model/task.js';
import { searchIndexes } from './search.js';
import { hangRows } from './hang-rows.js';
import type { AppState } from './state.js';

const sortCache = new WeakMap<readonly Task[], Map<string, Task[]>>();

function sortedTasks(tasks: readonly Task[], sort: AppState['taskFilter']['sort']): Task[] {
  let m = sortCache.get(tasks);
  if (!m) sortCache.set(tasks, (m = new Map()));
  const hit = m.get(sort);
  if (hit) return hit;
  // Plain code-unit order: localeCompare costs ~1 s on 100k tasks.
  const str = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const cmp: Record<typeof sort, (a: Task, b: Task) => number> = {
    pid: (a, b) => a.pid - b.pid,
    state: (a, b) => str(a.state, b.state) || a.pid - b.pid,
    comm: (a, b) => str(a.comm, b.comm) || a.pid - b.pid,
    cpu: (a, b) => a.cpu - b.cpu || a.pid - b.pid,
    rss: (a, b) => b.rss - a.rss || a.pid - b.pid,
  };
  const out = [...tasks].sort(cmp[sort]);
  m.set(sort, out);
  return out;
}

const filterCache = new WeakMap<readonly Task[], Map<string, Task[]>>();

export function visibleTasks(s: AppState): Task[] {
  const all = sortedTasks(s.tasks ?? [], s.taskFilter.sort);
  const state = s.taskFilter.state;
  let list = all;
  if (state) {
    let m = filterCache.get(all);
    if (!m) filterCache.set(all, (m = new Map()));
    list = m.get(state) ?? all.filter((t) => t.state === state);
    m.set(state, list);
  }
  const hits = searchIndexes(list, (t) => `${t.pid} ${t.comm} ${t.state}`, s.search.tasks);
  return hits ? hits.map((i) => list[i] as Task) : list;
}

const levelCache = new WeakMap<readonly LogRecord[], Map<number, LogRecord[]>>();

export function visibleLog(s: AppState): LogRecord[] {
  const all = s.log ?? [];
  let list = all;
  const max = s.logMaxLevel;
  if (max !== undefined) {
    let m = levelCache.get(all);
    if (!m) levelCache.set(all, (m = new Map()));
    list = m.get(max) ?? all.filter((r) => r.level === undefined || r.level <= max);
    m.set(max, list);
  }
  const hits = searchIndexes(list, (r) => r.text, s.search.log);
  return hits ? hits.map((i) => list[i] as LogRecord) : list;
}

export interface BtRow {
  task: BacktraceTask;
  frame?: Frame;
  /** Key for expanding an exception frame. */
  key: string;
  registersOf?: Frame;
}

/** The tasks the Backtrace pane shows: one task, or every CPU's. */
export function btTasks(s: AppState): BacktraceTask[] {
  if (s.btView === 'all') return s.btAll?.tasks ?? [];
  const t = (s.btPid !== undefined ? s.taskBts[s.btPid] : undefined) ?? s.panicTask;
  return t ? [t] : [];
}

export function btRows(s: AppState): BtRow[] {
  const rows: BtRow[] = [];
  for (const task of btTasks(s)) {
    rows.push({ task, key: `t${task.task}` });
    for (const frame of task.frames) {
      const key = `f${task.task}:${frame.index}`;
      rows.push({ task, frame, key });
      if (frame.exception && s.expanded[key]) rows.push({ task, key: `${key}:regs`, registersOf: frame });
    }
  }
  const hits = searchIndexes(rows, (r) => r.frame?.function ?? `PID ${r.task.pid} ${r.task.command}`, s.search.backtrace);
  return hits ? hits.map((i) => rows[i] as BtRow) : rows;
}

const clusterCache = new WeakMap<Backtrace, { tasks: readonly Task[] | undefined; bts: AppState['taskBts']; clusters: StackCluster[] }>();

/** Tasks grouped by identical stacks, biggest group first, from the last `foreach bt` (plus scanned stacks of recovered tasks). */
export function clusterRows(s: AppState): StackCluster[] {
  const bt = s.foreachBt;
  if (!bt) return [];
  const hit = clusterCache.get(bt);
  if (hit && hit.tasks === s.tasks && hit.bts === s.taskBts) return hit.clusters;
  const states = new Map((s.tasks ?? []).map((t) => [t.pid, t.state]));
  // Two engines: drgn's stack of a task where crash's stopped short (core/both-stacks.ts).
  const stacks = allStacks(s).map((t) => (t.pid > 0 && s.taskBts[t.pid]?.insteadOfCrash ? (s.taskBts[t.pid] ?? t) : t));
  const clusters = clusterBacktraces(stacks, states);
  clusterCache.set(bt, { tasks: s.tasks, bts: s.taskBts, clusters });
  return clusters;
}

/** This session's exchanges, filtered by command as the `/` query is typed. */
export function historyRows(s: AppState): Exchange[] {
  const hits = s.historyHits ? undefined : searchIndexes(s.exchanges, (e) => e.command, s.search.history);
  return hits ? hits.map((i) => s.exchanges[i] as Exchange) : s.exchanges;
}

const idleCache = new WeakMap<readonly Task[], number>();

/** Idle tasks (PID 0, one per CPU) in a task list, counted once per list. */
export function idleCount(tasks: readonly Task[] | undefined): number {
  if (!tasks) return 0;
  let n = idleCache.get(tasks);
  if (n === undefined) idleCache.set(tasks, (n = tasks.filter((t) => t.pid === 0).length));
  return n;
}

/** Counts of tasks by state. */
export function stateCounts(tasks: readonly Task[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tasks) out[t.state] = (out[t.state] ?? 0) + 1;
  return out;
}

/** Number of rows in the current pane (for cursor bounds). */
export function paneSize(s: AppState): number {
  switch (s.pane) {
    case 'tasks':
      return visibleTasks(s).length;
    case 'log':
      return visibleLog(s).length;
    case 'backtrace':
      return s.btView === 'clusters' ? clusterRows(s).length : btRows(s).length;
    case 'history':
      return s.search.history && s.historyHits ? s.historyHits.length : historyRows(s).length;
    case 'console':
      return consoleLines(s).length;
    case 'hangs':
      return hangRows(s).length;
    default:
      return 0;
  }
}

const consoleCache = new WeakMap<readonly Exchange[], string[]>();

/** The Console pane's scrollback: every exchange as `crash> cmd` plus output. */
export function consoleLines(s: AppState): string[] {
  const hit = consoleCache.get(s.exchanges);
  if (hit) return hit;
  const lines: string[] = [];
  for (const e of s.exchanges) {
    // --backend both: kdview:* requests and `py CODE` went to drgn, the rest to crash.
    const drgn = s.backendName === 'drgn' || (s.backendName === 'both' && /^(kdview:|py(\s|$))/.test(e.command));
    if (drgn) e.command.split('\n').forEach((l, i) => lines.push(`${i === 0 ? '>>>' : '...'} ${l}`));
    else lines.push(`${s.backendName === 'both' ? 'crash' : s.backendName}> ${e.command}`);
    if (drgn && e.command.startsWith('kdview:') && e.status === 'ok') lines.push(`(kdview request: ${e.output.length} bytes of JSON, shown in the panes)`);
    else if (e.output !== '') lines.push(...e.output.split('\n'));
    if (e.status !== 'ok') lines.push(`[${e.status}${e.error ? `: ${e.error}` : ''}]`);
  }
  consoleCache.set(s.exchanges, lines);
  return lines;
}
