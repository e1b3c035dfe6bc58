// Reads the task header crash prints in bt, ps -m, runq and foreach:
//   PID: 140      TASK: ffff966481dc6e00  CPU: 0    COMMAND: "lkdtm-trigger"
import { findChar, readQuoted, skipSpaces, skipToken } from './lines.js';

export interface TaskHeader {
  pid: number;
  task: string;
  cpu?: number;
  command: string;
  /** Other `KEY: value` pairs in the header (newer crash adds some). */
  extra?: Record<string, string>;
}

/** A decimal integer (optionally negative) at s[a, b), or undefined. */
function int(s: string, a: number, b: number): number | undefined {
  const neg = s.charCodeAt(a) === 45;
  let i = neg ? a + 1 : a;
  if (i >= b || b - i > 15) return undefined;
  let n = 0;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return neg ? -n : n;
}

/** Parses the header at s[from, end) (which must start with "PID:"); undefined when malformed. */
export function readTaskHeader(s: string, from: number, end = s.length): TaskHeader | undefined {
  if (!s.startsWith('PID:', from)) return undefined;
  let pid: number | undefined;
  let task: string | undefined;
  let cpu: number | undefined;
  let command: string | undefined;
  let extra: Record<string, string> | undefined;
  let i = from;
  while (i < end) {
    const keyEnd = findChar(s, 58 /* : */, i, end);
    if (keyEnd === -1) break;
    const v = skipSpaces(s, keyEnd + 1);
    if (s.startsWith('COMMAND', i) && keyEnd === i + 7) {
      const q = readQuoted(s, v, end);
      command = q ? q.text : s.slice(v, end).trim();
      break;
    }
    const e = Math.min(skipToken(s, v), end);
    if (keyEnd === i + 3 && s.startsWith('PID', i)) pid = int(s, v, e);
    else if (keyEnd === i + 4 && s.startsWith('TASK', i)) task = s.slice(v, e);
    else if (keyEnd === i + 3 && s.startsWith('CPU', i)) cpu = int(s, v, e);
    else (extra ??= {})[s.slice(i, keyEnd)] = s.slice(v, e);
    i = skipSpaces(s, e);
  }
  if (pid === undefined || task === undefined || command === undefined) return undefined;
  const h: TaskHeader = { pid, task } as TaskHeader;
  if (cpu !== undefined) h.cpu = cpu;
  h.command = command;
  if (extra) h.extra = extra;
  return h;
}
