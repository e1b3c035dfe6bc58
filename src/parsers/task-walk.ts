// Reads the kernel task list walked through crash when its own task table is
// incomplete:
//   list task_struct.tasks -S task_struct.pid,comm,__state,flags,real_parent,thread_info.cpu,exit_state,stack,thread.sp -h init_task
// The stack base and saved stack pointer let kdview scan the stacks of tasks
// crash cannot unwind (stack-scan.ts) without one more command per task.
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { Task } from '../model/task.js';

export const TASK_WALK_COMMAND =
  'list task_struct.tasks -S task_struct.pid,comm,__state,flags,real_parent,thread_info.cpu,exit_state,stack,thread.sp -h init_task';

/** The same walk without the stack fields (kdview before 0.2 recorded this one; kernels without thread.sp). */
export const TASK_WALK_COMMAND_PLAIN =
  'list task_struct.tasks -S task_struct.pid,comm,__state,flags,real_parent,thread_info.cpu,exit_state -h init_task';

/** Whether a command walks the kernel task list (this one, or the older form without stack fields). */
export function isTaskWalk(command: string): boolean {
  return /^list task_struct\.tasks -S task_struct\.pid,\S+ -h init_task$/.test(command.trim().replace(/\s+/g, ' '));
}

const PF_KTHREAD = 0x00200000;

/** The two-letter state crash would print, from __state and exit_state bits (Linux 6.x). */
export function stateLetters(state: number, exitState: number): string {
  if (exitState & 0x20) return 'ZO';
  if (exitState & 0x10) return 'DE';
  if ((state & 0x402) === 0x402) return 'ID';
  if (state & 0x2) return 'UN';
  if (state & 0x1) return 'IN';
  if (state & 0x4) return 'ST';
  if (state & 0x8) return 'TR';
  if (state === 0) return 'RU';
  return '??';
}

/** A walked task's stack base and saved stack pointer, hex without 0x. */
export interface WalkedStack {
  pid: number;
  stack: string;
  sp: string;
}

interface Raw {
  task: string;
  fields: Record<string, string>;
  line: number;
}

/** crash prints `stack` in hex and `thread.sp` in decimal; both become hex. */
function hexOf(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = /^(0x[0-9a-f]+|\d+)$/.exec(v.trim());
  return m?.[1] ? BigInt(m[1]).toString(16) : undefined;
}

/** The stack base and saved sp of every walked task that printed them, by task address. */
export function walkedStacks(text: string): Record<string, WalkedStack> {
  const out: Record<string, WalkedStack> = {};
  for (const r of readRaws(text, [])) {
    const pid = Number(r.fields.pid);
    const stack = hexOf(r.fields.stack);
    const sp = hexOf(r.fields['thread.sp']);
    if (Number.isInteger(pid) && stack && sp) out[r.task] = { pid, stack, sp };
  }
  return out;
}

function readRaws(text: string, diagnostics: Diagnostic[]): Raw[] {
  const raws: Raw[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const head = /^([0-9a-f]{8,16})$/.exec(line.trim());
    if (head?.[1] && !line.startsWith(' ')) {
      raws.push({ task: head[1], fields: {}, line: i + 1 });
      return;
    }
    const m = /^\s+([\w.]+) = (.*?),?$/.exec(line);
    const cur = raws[raws.length - 1];
    if (m?.[1] && m[2] !== undefined && cur) cur.fields[m[1]] = m[2];
    else if (line.trim() !== '' && !/^WARNING: /.test(line)) diagnostics.push({ line: i + 1, severity: 'warning', message: 'unrecognised line', text: line.slice(0, 120) });
  });
  return raws;
}

export function parseTaskWalk(text: string): Parsed<Task[]> {
  const diagnostics: Diagnostic[] = [];
  const raws = readRaws(text, diagnostics);
  const pidByTask = new Map<string, number>();
  for (const r of raws) pidByTask.set(r.task, Number(r.fields.pid ?? NaN));
  const tasks: Task[] = [];
  for (const r of raws) {
    const pid = Number(r.fields.pid);
    if (!Number.isInteger(pid)) {
      diagnostics.push({ line: r.line, severity: 'warning', message: `task ${r.task}: no pid` });
      continue;
    }
    const comm = /^"(.*)"$/.exec(r.fields.comm ?? '')?.[1] ?? r.fields.comm ?? '';
    const flags = Number(r.fields.flags ?? 0);
    const parent = /0x([0-9a-f]+)/.exec(r.fields.real_parent ?? '')?.[1];
    tasks.push({
      pid,
      ppid: pid === 0 ? 0 : (parent ? pidByTask.get(parent) : undefined) ?? -1,
      cpu: Number(r.fields['thread_info.cpu'] ?? -1),
      task: r.task,
      state: stateLetters(Number(r.fields.__state ?? 0), Number(r.fields.exit_state ?? 0)),
      mem: 0,
      vsz: 0,
      rss: 0,
      comm,
      active: false,
      kernelThread: (flags & PF_KTHREAD) !== 0 || pid === 0,
    });
  }
  return { value: tasks, diagnostics };
}
