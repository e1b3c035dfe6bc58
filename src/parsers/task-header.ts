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

const isHexCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102);

/**
 * The common layout, `PID: n  TASK: hex  CPU: n  COMMAND: "comm"`, read with
 * native searches; undefined when the line has anything else (then the
 * general reader below keeps unknown keys).
 */
export function readTaskHeaderFast(s: string, from: number, end: number): TaskHeader | undefined {
  let p = from + 4;
  while (s.charCodeAt(p) === 32) p++;
  let pid = 0;
  const d0 = p;
  for (let c = s.charCodeAt(p); c >= 48 && c <= 57; c = s.charCodeAt(++p)) pid = pid * 10 + (c - 48);
  if (p === d0 || p - d0 > 15) return undefined;
  while (s.charCodeAt(p) === 32) p++;
  if (!s.startsWith('TASK: ', p)) return undefined;
  const t0 = p + 6;
  let t1 = s.indexOf(' ', t0);
  if (t1 === -1 || t1 > end) t1 = end;
  if (t1 === t0 || !isHexCode(s.charCodeAt(t0)) || !isHexCode(s.charCodeAt(t1 - 1))) return undefined;
  p = t1;
  while (s.charCodeAt(p) === 32) p++;
  if (!s.startsWith('CPU: ', p)) return undefined;
  p += 5;
  let cpu = 0;
  const c0 = p;
  for (let c = s.charCodeAt(p); c >= 48 && c <= 57; c = s.charCodeAt(++p)) cpu = cpu * 10 + (c - 48);
  if (p === c0 || p - c0 > 9) return undefined;
  while (s.charCodeAt(p) === 32) p++;
  if (!s.startsWith('COMMAND: "', p)) return undefined;
  const q = s.lastIndexOf('"', end - 1);
  if (q <= p + 9 || q >= end) return undefined;
  return { pid, task: s.slice(t0, t1), cpu, command: s.slice(p + 10, q) };
}

/** Parses the header at s[from, end) (which must start with "PID:"); undefined when malformed. */
export function readTaskHeader(s: string, from: number, end = s.length): TaskHeader | undefined {
  if (!s.startsWith('PID:', from)) return undefined;
  return readTaskHeaderFast(s, from, end) ?? readTaskHeaderReference(s, from, end);
}

/** The general header reader: any keys, in any order; unknown ones kept in extra. */
export function readTaskHeaderReference(s: string, from: number, end = s.length): TaskHeader | undefined {
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
