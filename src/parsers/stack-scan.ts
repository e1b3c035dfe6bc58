// A backtrace reconstructed by scanning a task's kernel stack for return
// addresses, for tasks crash cannot unwind (missing from its PID hash):
//   struct task_struct.stack,thread -x TASK   -> stack base and saved sp
//   rd -s SP COUNT                            -> symbolic stack words
import type { BacktraceTask, Frame } from '../model/backtrace.js';
import { parseStackWords } from './crash-fields.js';

const THREAD_SIZE = 16 * 1024;

/** The stack base and the saved stack pointer of a sleeping task, from `struct ... -x`. */
export function parseStackPointers(text: string): { stack: bigint; sp: bigint } | undefined {
  const stack = /^\s*stack = 0x([0-9a-f]+)/m.exec(text)?.[1];
  const sp = /^\s+sp = 0x([0-9a-f]+)/m.exec(text)?.[1];
  if (!stack || !sp) return undefined;
  return { stack: BigInt(`0x${stack}`), sp: BigInt(`0x${sp}`) };
}

/** Words from the saved sp to the top of the stack (THREAD_SIZE on x86_64). */
export function stackWords(p: { stack: bigint; sp: bigint }): number {
  const top = p.stack + BigInt(THREAD_SIZE);
  if (p.sp < p.stack || p.sp >= top) return 0;
  return Number((top - p.sp) / 8n);
}

/** Return addresses (`function+offset`) found by `rd -s`, innermost first. */
export function parseStackScan(text: string): Frame[] {
  const frames: Frame[] = [];
  for (const w of parseStackWords(text)) {
    const sym = w.symbol === undefined ? null : /^([A-Za-z_.$][\w.$]*)\+(\d+)$/.exec(w.symbol);
    if (!sym?.[1] || sym[2] === undefined) continue;
    frames.push({ index: frames.length, sp: w.at.toString(16), function: sym[1], offset: Number(sym[2]), address: '' });
  }
  return frames;
}

export function scannedBacktrace(task: { pid: number; task: string; cpu: number; comm: string }, frames: Frame[]): BacktraceTask {
  return {
    pid: task.pid,
    task: task.task,
    cpu: task.cpu >= 0 ? task.cpu : undefined,
    command: task.comm,
    frames,
    notes: [
      "reconstructed by scanning the task's stack for return addresses (crash cannot unwind tasks missing from its PID hash); stale addresses may appear",
    ],
    line: 0,
  };
}
