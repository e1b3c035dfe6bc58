// Recovery for crash's incomplete task table (crash 8.0.2 on kernels with the
// struct pid flex-array backport: its PID hash lookups fail, so `ps` and
// `foreach bt` see only a few tasks). kdview walks init_task.tasks instead and
// scans the kernel stacks of the tasks crash cannot unwind. Shared by the TUI
// and reports through the models step.
import type { BacktraceTask } from '../model/backtrace.js';
import type { Exchange } from '../model/exchange.js';
import type { Task } from '../model/task.js';
import { parseStackPointers, parseStackScan, scannedBacktrace, stackWords } from '../parsers/stack-scan.js';
import { parseTaskWalk, walkedStacks } from '../parsers/task-walk.js';
import { noted } from './model-updates.js';
import type { Models, SavedStack } from './models.js';

export { isTaskWalk, TASK_WALK_COMMAND, TASK_WALK_COMMAND_PLAIN } from '../parsers/task-walk.js';

/** One task's stack base and saved sp, when the walk did not print them. */
export function stackPointerCommand(task: Task): string {
  return `struct task_struct.stack,thread -x ${task.task}`;
}

/** `struct task_struct.stack,thread -x ADDR`: that task's saved stack. Returns false when the command is not one. */
export function applyStackPointers(next: Models, ex: Exchange): boolean {
  const addr = /^struct task_struct\.stack,thread -x (?:0x)?([0-9a-f]+)$/.exec(ex.command.trim())?.[1];
  const p = addr ? parseStackPointers(ex.output) : undefined;
  const task = addr ? (next.tasks ?? []).find((t) => t.task === addr) : undefined;
  if (!addr || !p || !task) return false;
  next.savedStacks = { ...next.savedStacks, [addr]: { pid: task.pid, stack: p.stack.toString(16), sp: p.sp.toString(16) } };
  return true;
}

/** crash's start-up warning when its PID hash lookups fail. */
export function tableIncomplete(startupWarnings: readonly string[]): boolean {
  return startupWarnings.some((w) => /not found in PID hash/.test(w));
}

/** The walked list with crash's `ps` rows laid over it; tasks only the walk found are marked recovered. */
export function mergeWalkedTasks(walked: readonly Task[], ps: readonly Task[]): Task[] {
  const byTask = new Map(ps.map((t) => [t.task, t]));
  const out = walked.map((t): Task => {
    const p = byTask.get(t.task);
    return p ? { ...t, ...p, ppid: p.ppid >= 0 ? p.ppid : t.ppid } : { ...t, recovered: true };
  });
  const seen = new Set(out.map((t) => t.task));
  for (const p of ps) if (!seen.has(p.task)) out.push(p);
  return out.sort((a, b) => a.pid - b.pid);
}

/** The task list from crash's `ps` and, when there was one, the walk. */
export function setTaskLists(next: Models, ps: Task[] | undefined, walked: Task[] | undefined): void {
  next.psTasks = ps;
  next.walkedTasks = walked;
  next.tasksFromWalk = walked !== undefined && walked.length > 0;
  next.tasks = next.tasksFromWalk && walked ? mergeWalkedTasks(walked, ps ?? []) : ps;
}

/** A walk's output: the merged task list and every task's saved stack pointer. */
export function applyWalk(next: Models, ex: Exchange): void {
  const walked = noted(next, ex.command, 'walk', parseTaskWalk(ex.output));
  if (walked.length === 0) return;
  setTaskLists(next, next.psTasks, walked);
  next.savedStacks = { ...next.savedStacks, ...walkedStacks(ex.output) };
}

const hex = (s: string) => BigInt(`0x${s}`);

/** `rd -s SP WORDS` over a walked task's stack, or undefined when the walk gave no usable stack pointer. */
export function scanCommand(m: Models, task: Task): string | undefined {
  const s = m.savedStacks?.[task.task];
  if (!s) return undefined;
  const words = stackWords({ stack: hex(s.stack), sp: hex(s.sp) });
  return words > 0 ? `rd -s 0x${s.sp} ${words}` : undefined;
}

const bySp = new WeakMap<Record<string, SavedStack>, Map<string, string>>();

/** The task address whose saved sp a `rd -s 0xSP N` starts at. */
function scannedTask(m: Models, command: string): string | undefined {
  const sp = /^rd -s 0x([0-9a-f]+) \d+$/.exec(command.trim())?.[1];
  const saved = m.savedStacks;
  if (!sp || !saved) return undefined;
  let index = bySp.get(saved);
  if (!index) bySp.set(saved, (index = new Map(Object.entries(saved).map(([task, s]) => [s.sp, task]))));
  return index.get(sp);
}

/** A stack scan of a walked task: its reconstructed backtrace. Returns false when the command is not one. */
export function applyScan(next: Models, ex: Exchange): boolean {
  const addr = scannedTask(next, ex.command);
  const task = addr ? next.tasks?.find((t) => t.task === addr) : undefined;
  if (!task) return false;
  const bt: BacktraceTask = { ...scannedBacktrace(task, parseStackScan(ex.output)), recovered: true };
  next.taskBts = { ...next.taskBts, [task.pid]: bt };
  return true;
}

/** Tasks crash cannot unwind whose stacks are not scanned yet: UN first, then by pid; at most `limit`. */
export function tasksToScan(m: Models, limit: number): Task[] {
  const todo = (m.tasks ?? []).filter((t) => t.recovered && !m.taskBts[t.pid] && scanCommand(m, t) !== undefined);
  const un = todo.filter((t) => t.state === 'UN');
  const rest = todo.filter((t) => t.state !== 'UN');
  return [...un, ...rest].slice(0, limit);
}

/** Every task's stack: `foreach bt` (or drgn's), plus the scanned stacks of tasks it could not show. */
export function allStacks(m: Models): BacktraceTask[] {
  const all = m.foreachBt?.tasks ?? [];
  const seen = new Set(all.map((t) => t.pid));
  const scanned = Object.values(m.taskBts).filter((t) => t.recovered && !seen.has(t.pid));
  return scanned.length === 0 ? all : [...all, ...scanned];
}
