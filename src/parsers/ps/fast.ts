// The fast reader of crash's `ps` rows: rows in the default layout
// (layout.ts), read four chars at a time (SWAR: "SIMD within a register")
// from a DataView over the text's one-byte char codes, without a branch per
// char and without tokenising:
// >     140       1   0  ffff966481dc6e00  RU   0.0     2260       60  lkdtm-trigger
// Every row it accepts, the reference reader (reference.ts) reads the same
// way (test/parsers/fast-paths.test.ts); every row it declines goes there.
// All offsets come from DEFAULT_LAYOUT; no state: plain functions and return values.
import type { Task } from '../../model/task.js';
import { DEFAULT_LAYOUT as L } from './layout.js';

const HI = 0x80808080 | 0;
const LO = 0x01010101;
/** Four spaces, read as one little-endian 32-bit word. */
const SPACES = 0x20202020;
const NEWLINES = 0x0a0a0a0a;

/**
 * The word widths this reader assumes of the layout: PID and PPID in 8
 * chars after the lead char, CPU in 4 then two spaces, a 16-digit TASK,
 * ST after two spaces, %MEM as "d.d" in 6, VSZ and RSS as a space then 8,
 * two spaces before COMM. For any other layout it reads nothing.
 */
const FITS =
  L.pid === 9 && L.ppid - L.pid === 8 && L.cpu - L.ppid === 4 && L.task - L.cpu === 2 && L.taskEnd - L.task === 16 &&
  L.st - L.taskEnd === 2 && L.mem - L.st === 8 && L.vsz - L.mem === 9 && L.rss - L.vsz === 9 && L.comm - L.rss === 2;
// The offsets, by name.
const CPU = L.cpu;
const TASK = L.task;
const TASK_END = L.taskEnd;
const ST = L.st;
const MEM = L.mem;
const VSZ = L.vsz;
const RSS = L.rss;
const COMM = L.comm;
const PID = L.pid;
const PPID = L.ppid;
/** The shortest row: one char of COMM. */
const MIN_ROW = COMM + 1;

/** 0x80 in each byte of t that is zero, 0 in the others (exact, no carries between bytes). */
function zeroBytes(t: number): number {
  return ~(((t & 0x7f7f7f7f) + 0x7f7f7f7f) | t) & HI;
}

/** 0x80 in each byte of w that is an ASCII digit. */
function digitBytes(w: number): number {
  return zeroBytes(((w & 0xf0f0f0f0) ^ 0x30303030) | (((w & 0x0f0f0f0f) + 0x06060606) & 0x10101010));
}

/** The four chars of w as a decimal number, spaces counting as zero (the first char is the low byte). */
function value4(w: number): number {
  const v = w & 0x0f0f0f0f;
  const pairs = (v & 0x000f000f) * 10 + ((v >>> 8) & 0x000f000f);
  return (pairs & 0xffff) * 100 + (pairs >>> 16);
}

/** True when w is spaces then digits (either run may be empty), nothing else. */
function spacesThenDigits(w: number, digits: number): boolean {
  return (zeroBytes(w ^ SPACES) | digits) === HI && ((digits << 8) & ~digits) === 0;
}

/** The number right-aligned in the 4 chars before e, after at least one space; -1 otherwise. */
function number4(dv: DataView, e: number): number {
  const w = dv.getUint32(e - 4, true) | 0;
  const d = digitBytes(w);
  if (d >= 0 || (w & 0xff) !== 32 || !spacesThenDigits(w, d)) return -1;
  return value4(w);
}

/**
 * The number in the 8-char field that ends at e: spaces, then at least one
 * digit right-aligned (and a space first when `spaced`); -1 otherwise.
 */
function field8(dv: DataView, e: number, spaced: boolean): number {
  const w0 = dv.getUint32(e - 8, true) | 0;
  const w1 = dv.getUint32(e - 4, true) | 0;
  const d0 = digitBytes(w0);
  const d1 = digitBytes(w1);
  // The last char is a digit (d1's top bit), and digits in w0 mean w1 is all digits.
  if (d1 >= 0 || (d0 !== 0 && d1 !== HI) || (spaced && (w0 & 0xff) !== 32)) return -1;
  if (!spacesThenDigits(w0, d0) || !spacesThenDigits(w1, d1)) return -1;
  return value4(w0) * 10000 + value4(w1);
}

/** Nonzero high bits where w has a zero byte; the lowest one marks the first such byte exactly. */
function zeroish(w: number): number {
  return (w - LO) & ~w & HI;
}

/** True when one of the 16 chars at i is a space or a line feed. */
function gap16(dv: DataView, i: number): boolean {
  let z = 0;
  for (let k = i; k < i + 16; k += 4) {
    const w = dv.getUint32(k, true) | 0;
    z |= zeroish(w ^ SPACES) | zeroish(w ^ NEWLINES);
  }
  return z !== 0;
}

/** Index of the first line feed at or after i, or the length of the text. */
function lineEnd(dv: DataView, i: number): number {
  const n = dv.byteLength;
  for (; i + 4 <= n; i += 4) {
    const z = zeroish((dv.getUint32(i, true) ^ NEWLINES) | 0);
    if (z !== 0) return i + ((31 - Math.clz32(z & -z)) >> 3);
  }
  for (; i < n; i++) if (dv.getUint8(i) === 10) return i;
  return n;
}

/** True for a lower-case hex digit, as in crash's task addresses. */
const isHex = (d: number): boolean => (d >= 48 && d <= 57) || (d >= 97 && d <= 102);

/** State codes by their two chars read as one little-endian 16-bit word; '' when unknown. */
const STATES: string[] = new Array<string>(1 << 16).fill('');
for (const st of ['RU', 'IN', 'UN', 'ZO', 'ST', 'TR', 'DE', 'WA', 'ID', 'NE', 'PA', 'SW', 'LW', 'EX', '??']) {
  STATES[st.charCodeAt(0) | (st.charCodeAt(1) << 8)] = st;
}

/**
 * Reads the rows from the line at `start` of s while they fit the layout
 * (dv views the one-byte char codes of s): the rows, and where the first
 * line that does not starts. Plain functions and return values: a reader
 * object per parse would be garbage after it, and V8 drops optimised code
 * that depends on the shape of such objects when they are collected.
 */
export function readRowsFast(s: string, dv: DataView, start: number): { rows: Task[]; next: number } {
  const n = dv.byteLength;
  if (!FITS || start + MIN_ROW > n) return { rows: [], next: start };
  // The parser tries every line that is not a row here too (10,000 of them in `ps -m`):
  // no array for those.
  let end = lineEnd(dv, start + COMM);
  const first = readRowFast(s, dv, start, end);
  if (first === undefined) return { rows: [], next: start };
  // Each row takes at least MIN_ROW chars + LF, which bounds how many there
  // can be: they go into an array of that size (cheaper than growing one by push).
  const found: Task[] = new Array<Task>(Math.ceil((s.length - start) / (MIN_ROW + 1)));
  found[0] = first;
  let rows = 1;
  start = end + 1;
  while (start + MIN_ROW <= n) {
    end = lineEnd(dv, start + COMM);
    const row = readRowFast(s, dv, start, end);
    if (row === undefined) break;
    found[rows++] = row;
    start = end + 1;
  }
  found.length = rows;
  return { rows: found, next: start };
}

/**
 * The row s[b, end) (end: its line feed or the end of s, and b + MIN_ROW <= the
 * length of s); undefined when it does not fit the layout.
 */
export function readRowFast(s: string, dv: DataView, b: number, end: number): Task | undefined {
  const lead = dv.getUint8(b);
  if (lead !== 32 && lead !== 62 /* > */) return undefined;
  const cpu = number4(dv, b + CPU);
  if (cpu < 0 || dv.getUint16(b + CPU, true) !== 0x2020) return undefined;
  // The 8-char number fields: PID and PPID (both after at least one space), VSZ, RSS.
  const pid = field8(dv, b + PID, true);
  const ppid = field8(dv, b + PPID, true);
  const vsz = field8(dv, b + VSZ, false);
  const rss = field8(dv, b + RSS, false);
  if ((pid | ppid | vsz | rss) < 0) return undefined;
  // TASK is one word: the reference reader takes any, so only spaces (and the line's end) matter.
  if (!isHex(dv.getUint8(b + TASK)) || !isHex(dv.getUint8(b + TASK_END - 1)) || gap16(dv, b + TASK)) return undefined;
  const state = dv.getUint16(b + TASK_END, true) === 0x2020 ? (STATES[dv.getUint16(b + ST, true)] as string) : '';
  if (state === '') return undefined;
  // %MEM: spaces and "d+.d" in the 6 chars after the state.
  const tenths = dv.getUint8(b + MEM - 1) - 48;
  if (dv.getUint8(b + MEM - 2) !== 46 || tenths < 0 || tenths > 9) return undefined;
  const whole = number4(dv, b + MEM - 2);
  if (whole < 0 || dv.getUint8(b + MEM) !== 32 || dv.getUint8(b + VSZ) !== 32 || dv.getUint16(b + RSS, true) !== 0x2020) return undefined;
  const k = b + COMM;
  let e = end;
  while (e > k && dv.getUint8(e - 1) === 32) e--;
  if (e === k || dv.getUint8(k) === 32) return undefined;
  const kernelThread = e - k > 1 && dv.getUint8(k) === 91 && dv.getUint8(e - 1) === 93;
  const comm = kernelThread ? s.slice(k + 1, e - 1) : s.slice(k, e);
  return {
    pid, ppid, cpu, task: s.slice(b + TASK, b + TASK_END), state,
    mem: (whole * 10 + tenths) / 10, vsz, rss, comm, active: lead === 62, kernelThread,
  };
}
