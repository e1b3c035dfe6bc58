// Allocation floors for the parser benchmark: the same model objects and
// strings the log, ps and bt parsers keep for the bench inputs, built in the
// same one-pass loop over the text but without reading or checking it (the
// numbers are made up, the strings are slices at fixed offsets). What a
// parser takes above its floor is reading and checking the text.
import type { BacktraceTask, Frame } from '../src/model/backtrace.js';
import type { LogRecord } from '../src/model/log.js';
import type { Task } from '../src/model/task.js';

import { registerMap } from '../src/parsers/bt/registers-reference.js';

type Parsed<T> = { value: T };

/** Calls fn(start, end, n) for every line of text. */
function lines(text: string, fn: (start: number, end: number, n: number) => void): void {
  let start = 0;
  for (let n = 1; start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    fn(start, end, n);
    start = end + 1;
  }
}

export function logFloor(text: string): Parsed<LogRecord[]> {
  const out: LogRecord[] = [];
  lines(text, (start, end, n) => out.push({ timestamp: n / 8, text: text.slice(start + 15, end), line: n }));
  return { value: out };
}

export function psFloor(text: string): Parsed<{ tasks: Task[] }> {
  const tasks: Task[] = [];
  lines(text, (start, end, n) => {
    if (n === 1) return;
    tasks.push({ pid: n, ppid: 1, cpu: 0, task: text.slice(start + 23, start + 39), state: 'IN', mem: 0, vsz: n, rss: n, comm: text.slice(start + 69, end), active: false, kernelThread: false });
  });
  return { value: { tasks } };
}

const X86_64 = ['RIP', 'RSP', 'RFLAGS', 'RAX', 'RBX', 'RCX', 'RDX', 'RSI', 'RDI', 'RBP', 'R8', 'R9', 'R10', 'R11',
  'R12', 'R13', 'R14', 'R15', 'ORIG_RAX', 'CS', 'SS'];

/** Frames share their function and address strings, as the frame cache makes them. */
export function btFloor(text: string): Parsed<{ tasks: BacktraceTask[] }> {
  const tasks: BacktraceTask[] = [];
  let frames: Frame[] = [];
  let pairs: string[] = [];
  lines(text, (start, end, n) => {
    const c = text.charCodeAt(start);
    if (c === 80 /* P */) {
      frames = [];
      tasks.push({ pid: n, task: text.slice(start + 14, start + 30), cpu: 0, command: text.slice(start + 50, end - 1), frames, line: n });
    } else if (text.charCodeAt(start + 1) === 35 /* # */) {
      frames.push({ index: frames.length, sp: text.slice(start + 5, start + 21), function: 'function', address: 'address' });
    } else if (c === 32 && end - start > 20) {
      // The x86_64 names in their order, so registerMap builds its one-literal map as for the parser.
      const k = pairs.length / 2;
      pairs.push(X86_64[k] ?? 'R', text.slice(start + 9, start + 25), X86_64[k + 1] ?? 'R', text.slice(start + 32, start + 48), X86_64[k + 2] ?? 'R', text.slice(start + 58, end));
      if (pairs.length >= 42) {
        const last = frames[frames.length - 1];
        if (last) last.exception = { registers: registerMap(pairs) };
        pairs = [];
      }
    }
  });
  return { value: { tasks } };
}
