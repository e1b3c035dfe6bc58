// The fast reader of crash's `ps` rows: rows in the default layout
// (layout.ts), read four chars at a time (SWAR: "SIMD within a register")
// from a DataView over the text's one-byte char codes, without a branch per
// char and without tokenising:
// >     140       1   0  ffff966481dc6e00  RU   0.0     2260       60  lkdtm-trigger
// Every row it accepts, the reference reader (reference.ts) reads the same
// way (test/parsers/fast-paths.test.ts); every row it declines goes there.
// All offsets come from DEFAULT_LAYOUT; state is per instance.
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
/** Where the 8-char number fields end: PID, PPID (both after at least one space), VSZ, RSS. */
const ENDS8 = [L.pid, L.ppid, L.vsz, L.rss] as const;
/** The shortest row: one char of COMM. */
const MIN_ROW = L.comm + 1;

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

/** Reads runs of default-layout rows of one text; dv views its one-byte char codes. */
export class FastPsReader {
  /** Where the line of the last row read ends (its line feed, or the end of the text). */
  rowEnd = 0;
  /** Where the line after the last run starts. */
  next = 0;
  /** What numbers8() read. */
  private readonly numbers = new Int32Array(4);

  constructor(private readonly s: string, private readonly dv: DataView) {}

  /**
   * Reads rows from the line at `start` while they fit the layout; `next`
   * is then where the first line that does not starts.
   */
  readRun(start: number): Task[] {
    if (!FITS) {
      this.next = start;
      return [];
    }
    // Each row takes at least MIN_ROW chars + LF, which bounds how many there
    // can be: they go into an array of that size (cheaper than growing one by push).
    const found: Task[] = new Array<Task>(Math.ceil((this.s.length - start) / (MIN_ROW + 1)));
    let rows = 0;
    for (let row = this.row(start); row !== undefined; row = this.row(start)) {
      found[rows++] = row;
      start = this.rowEnd + 1;
    }
    found.length = rows;
    this.next = start;
    return found;
  }

  /**
   * Reads the four 8-char number fields of the row at b into numbers: each
   * is spaces, then at least one digit right-aligned. False when one is not.
   * (One loop rather than four calls keeps the row reader within V8's inlining budget.)
   */
  private numbers8(b: number): boolean {
    const dv = this.dv;
    for (let k = 0; k < 4; k++) {
      const e = b + (ENDS8[k] as number);
      const w0 = dv.getUint32(e - 8, true) | 0;
      const w1 = dv.getUint32(e - 4, true) | 0;
      const d0 = digitBytes(w0);
      const d1 = digitBytes(w1);
      // The last char is a digit (d1's top bit), and digits in w0 mean w1 is all digits.
      if (d1 >= 0 || (d0 !== 0 && d1 !== HI) || (k < 2 && (w0 & 0xff) !== 32)) return false;
      if (!spacesThenDigits(w0, d0) || !spacesThenDigits(w1, d1)) return false;
      this.numbers[k] = value4(w0) * 10000 + value4(w1);
    }
    return true;
  }

  /** The row whose line starts at b (its end in rowEnd); undefined when it does not fit the layout. */
  row(b: number): Task | undefined {
    const dv = this.dv;
    if (b + MIN_ROW > dv.byteLength) return undefined;
    const lead = dv.getUint8(b);
    if (lead !== 32 && lead !== 62 /* > */) return undefined;
    const cpu = number4(dv, b + L.cpu);
    if (cpu < 0 || dv.getUint16(b + L.cpu, true) !== 0x2020 || !this.numbers8(b)) return undefined;
    // TASK is one word: the reference reader takes any, so only spaces (and the line's end) matter.
    if (!isHex(dv.getUint8(b + L.task)) || !isHex(dv.getUint8(b + L.taskEnd - 1)) || gap16(dv, b + L.task)) return undefined;
    const state = dv.getUint16(b + L.taskEnd, true) === 0x2020 ? (STATES[dv.getUint16(b + L.st, true)] as string) : '';
    if (state === '') return undefined;
    // %MEM: spaces and "d+.d" in the 6 chars after the state.
    const tenths = dv.getUint8(b + L.mem - 1) - 48;
    if (dv.getUint8(b + L.mem - 2) !== 46 || tenths < 0 || tenths > 9) return undefined;
    const whole = number4(dv, b + L.mem - 2);
    if (whole < 0 || dv.getUint8(b + L.mem) !== 32 || dv.getUint8(b + L.vsz) !== 32 || dv.getUint16(b + L.rss, true) !== 0x2020) return undefined;
    const k = b + L.comm;
    const end = lineEnd(dv, k);
    let e = end;
    while (e > k && dv.getUint8(e - 1) === 32) e--;
    if (e === k || dv.getUint8(k) === 32) return undefined;
    const kernelThread = e - k > 1 && dv.getUint8(k) === 91 && dv.getUint8(e - 1) === 93;
    const s = this.s;
    const comm = kernelThread ? s.slice(k + 1, e - 1) : s.slice(k, e);
    this.rowEnd = end;
    const n = this.numbers;
    return {
      pid: n[0] as number, ppid: n[1] as number, cpu, task: s.slice(b + L.task, b + L.taskEnd), state,
      mem: (whole * 10 + tenths) / 10, vsz: n[2] as number, rss: n[3] as number, comm, active: lead === 62, kernelThread,
    };
  }
}
