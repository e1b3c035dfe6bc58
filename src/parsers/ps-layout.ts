// The fixed-width layout of crash's `ps` table, taken from its header line:
//       PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM
// >     140       1   0  ffff966481dc6e00  RU   0.0     2260       60  lkdtm-trigger
// Numbers are right-aligned to the end of their header word, so a row can be
// read column by column from the char codes (see codes.ts) instead of being
// tokenised. A row whose delimiters are not where the layout says (a wide
// value pushed the columns along, or a damaged line) is left to the scanning
// reader, which must read every row accepted here the same way.
import type { Task } from '../model/task.js';
import type { Codes } from './codes.js';
import { hasSpace, isHex, readDefaultLayoutRow, rowEnd, SPACES, stateCode } from './ps-words.js';

export interface PsLayout {
  pid: number;
  ppid: number;
  cpu: number;
  task: number;
  taskEnd: number;
  st: number;
  mem: number;
  vsz: number;
  rss: number;
  comm: number;
}

/** crash 8.0.x on a 64-bit kernel. */
export const DEFAULT_LAYOUT: PsLayout = { pid: 9, ppid: 17, cpu: 21, task: 23, taskEnd: 39, st: 41, mem: 49, vsz: 58, rss: 67, comm: 69 };

/** The layout of a default-column header line (offsets relative to its start), or undefined. */
export function layoutOf(header: string): PsLayout | undefined {
  const end = (word: string): number => {
    const i = header.indexOf(` ${word} `);
    return i === -1 ? -1 : i + 1 + word.length;
  };
  const st = header.indexOf(' ST ') + 1;
  const comm = header.indexOf(' COMM') + 1;
  const l = { pid: end('PID'), ppid: end('PPID'), st, mem: end('%MEM'), vsz: end('VSZ'), rss: end('RSS'), comm };
  if (Object.values(l).some((x) => x <= 0)) return undefined;
  // TASK and CPU are centred under their header words: TASK is a 16-digit
  // address ending two before ST, and CPU ends two before TASK. (A 32-bit
  // dump has 8-digit addresses: its rows fail the checks and are scanned.)
  // (Built with the same keys in the same order as DEFAULT_LAYOUT, so both share one shape.)
  const layout = { pid: l.pid, ppid: l.ppid, cpu: st - 20, task: st - 18, taskEnd: st - 2, st, mem: l.mem, vsz: l.vsz, rss: l.rss, comm };
  const d = DEFAULT_LAYOUT;
  const isDefault = layout.pid === d.pid && layout.ppid === d.ppid && layout.st === d.st && layout.mem === d.mem && layout.vsz === d.vsz && layout.rss === d.rss && layout.comm === d.comm;
  return isDefault ? DEFAULT_LAYOUT : layout;
}


/** True when c[from, to) is all spaces; four at a time with a DataView over the same bytes. */
function blank(c: Codes, dv: DataView | undefined, from: number, to: number): boolean {
  let i = from;
  if (dv !== undefined) while (i + 4 <= to && dv.getUint32(i, true) === SPACES) i += 4;
  for (; i < to; i++) if (c[i] !== 32) return false;
  return true;
}

/** Index after the spaces from `from`, stopping before `to`; four at a time with a DataView. */
function skipPadding(c: Codes, dv: DataView | undefined, from: number, to: number): number {
  let i = from;
  if (dv !== undefined) while (i + 4 <= to && dv.getUint32(i, true) === SPACES) i += 4;
  while (i < to && c[i] === 32) i++;
  return i;
}

/**
 * The unsigned integer right-aligned in the field c[from, e): one or more
 * spaces, then digits up to e. -1 when the field is anything else.
 */
function field(c: Codes, dv: DataView | undefined, from: number, e: number): number {
  let i = skipPadding(c, dv, from, e - 1);
  if (i === from) return -1;
  let n = 0;
  for (; i < e; i++) {
    const d = (c[i] as number) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Reads the row at s[start, end) with layout l; c holds the char codes of s,
 * and dv, when given, views the same bytes (one-byte codes only). Undefined
 * when the row does not fit the layout.
 */
export function readLaidOutRow(s: string, c: Codes, dv: DataView | undefined, start: number, end: number, l: PsLayout): Task | undefined {
  if (dv === undefined || l !== DEFAULT_LAYOUT) return readRowByChars(s, c, dv, start, end, l);
  const row = readDefaultLayoutRow(s, dv, start);
  // That reader finds the line's end itself: a row it reads must end where the caller's line does.
  return row !== undefined && rowEnd === end ? row : undefined;
}

/**
 * The same for any layout, field by field: the fields tile the row, and
 * every char before COMM is read once.
 */
export function readRowByChars(s: string, c: Codes, dv: DataView | undefined, start: number, end: number, l: PsLayout): Task | undefined {
  const b = start;
  if (end - b <= l.comm) return undefined;
  const lead = c[b];
  if (lead !== 32 && lead !== 62 /* > */) return undefined;
  const pid = field(c, dv, b + 1, b + l.pid);
  const ppid = field(c, dv, b + l.pid, b + l.ppid);
  const cpu = field(c, dv, b + l.ppid, b + l.cpu);
  if ((pid | ppid | cpu) < 0 || !blank(c, dv, b + l.cpu, b + l.task)) return undefined;
  // TASK: an address; readDefaultRow takes any word, so only spaces matter.
  const t0 = b + l.task;
  const t1 = b + l.taskEnd;
  if (!isHex(c[t0] as number) || !isHex(c[t1 - 1] as number)) return undefined;
  if (dv !== undefined && t1 - t0 === 16) {
    if (hasSpace(dv.getUint32(t0, true)) || hasSpace(dv.getUint32(t0 + 4, true)) || hasSpace(dv.getUint32(t0 + 8, true)) || hasSpace(dv.getUint32(t0 + 12, true))) return undefined;
  } else {
    for (let i = t0; i < t1; i++) if (c[i] === 32) return undefined;
  }
  const st = b + l.st;
  if (!blank(c, dv, t1, st)) return undefined;
  const s0 = c[st] as number;
  const s1 = c[st + 1] as number;
  const state = stateCode(s0, s1);
  if (state === '') return undefined;
  // %MEM: spaces, then "d+.d" right-aligned to l.mem.
  const m = b + l.mem;
  const tenths = (c[m - 1] as number) - 48;
  if (c[m - 2] !== 46 || tenths < 0 || tenths > 9) return undefined;
  const whole = field(c, dv, st + 2, m - 2);
  const vsz = field(c, dv, m, b + l.vsz);
  const rss = field(c, dv, b + l.vsz, b + l.rss);
  const k = b + l.comm;
  if ((whole | vsz | rss) < 0 || !blank(c, dv, b + l.rss, k)) return undefined;
  let e = end;
  while (e > k && c[e - 1] === 32) e--;
  if (e === k || c[k] === 32) return undefined;
  const kernelThread = e - k > 1 && c[k] === 91 && c[e - 1] === 93;
  const comm = kernelThread ? s.slice(k + 1, e - 1) : s.slice(k, e);
  return { pid, ppid, cpu, task: s.slice(t0, t1), state, mem: (whole * 10 + tenths) / 10, vsz, rss, comm, active: lead === 62, kernelThread };
}
