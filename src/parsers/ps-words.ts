// Reads a `ps` row of crash's 64-bit default layout four chars at a time
// (SWAR: "SIMD within a register"), from a DataView over the row's one-byte
// char codes. It reads exactly what the char-by-char layout reader in
// ps-layout.ts reads, without a branch per char:
// >     140       1   0  ffff966481dc6e00  RU   0.0     2260       60  lkdtm-trigger
// |pid:1-9 |ppid 9-17|cpu|  |task 23-39     |  |st|mem  |vsz 49-58|rss 58-67|  comm 69-
import type { Task } from '../model/task.js';

const HI = 0x80808080 | 0;
const LO = 0x01010101;
/** Four spaces, read as one little-endian 32-bit word. */
export const SPACES = 0x20202020;
const NEWLINES = 0x0a0a0a0a;

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

/** Where the 8-char number fields end: PID, PPID (both after at least one space), VSZ, RSS. */
const ENDS8 = [9, 17, 58, 67] as const;
/** What numbers8() read. */
const NUMBERS = new Int32Array(4);

/**
 * Reads the four 8-char number fields of the row at b into NUMBERS: each
 * is spaces, then at least one digit right-aligned. False when one is not.
 * (One loop rather than four calls keeps the row reader within V8's inlining budget.)
 */
function numbers8(dv: DataView, b: number): boolean {
  for (let k = 0; k < 4; k++) {
    const e = b + (ENDS8[k] as number);
    const w0 = dv.getUint32(e - 8, true) | 0;
    const w1 = dv.getUint32(e - 4, true) | 0;
    const d0 = digitBytes(w0);
    const d1 = digitBytes(w1);
    // The last char is a digit (d1's top bit), and digits in w0 mean w1 is all digits.
    if (d1 >= 0 || (d0 !== 0 && d1 !== HI) || (k < 2 && (w0 & 0xff) !== 32)) return false;
    if (!spacesThenDigits(w0, d0) || !spacesThenDigits(w1, d1)) return false;
    NUMBERS[k] = value4(w0) * 10000 + value4(w1);
  }
  return true;
}

/** The number right-aligned in the 4 chars before e, after at least one space; -1 otherwise. */
function number4(dv: DataView, e: number): number {
  const w = dv.getUint32(e - 4, true) | 0;
  const d = digitBytes(w);
  if (d >= 0 || (w & 0xff) !== 32 || !spacesThenDigits(w, d)) return -1;
  return value4(w);
}

/** True when one of the four bytes of w is a space. */
export function hasSpace(w: number): boolean {
  return zeroish(w ^ SPACES) !== 0;
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
export const isHex = (d: number): boolean => (d >= 48 && d <= 57) || (d >= 97 && d <= 102);

/** State codes by their two chars read as one little-endian 16-bit word; '' when unknown. */
const STATES: string[] = new Array<string>(1 << 16).fill('');
for (const st of ['RU', 'IN', 'UN', 'ZO', 'ST', 'TR', 'DE', 'WA', 'ID', 'NE', 'PA', 'SW', 'LW', 'EX', '??']) {
  STATES[st.charCodeAt(0) | (st.charCodeAt(1) << 8)] = st;
}

/** The state code crash prints as the chars a, b (one of ps's known ones), or ''. */
export function stateCode(a: number, b: number): string {
  return a < 256 && b < 256 ? (STATES[a | (b << 8)] as string) : '';
}

/** Where the line of the last row readDefaultLayoutRow() read ends (its line feed, or the end of s). */
export let rowEnd = 0;

/**
 * Reads the row whose line starts at b in the default layout; dv views the
 * one-byte char codes of s. The line ends at the next line feed (rowEnd).
 * Undefined when the row does not fit the layout.
 */
export function readDefaultLayoutRow(s: string, dv: DataView, b: number): Task | undefined {
  if (b + 70 > dv.byteLength) return undefined;
  const lead = dv.getUint8(b);
  if (lead !== 32 && lead !== 62 /* > */) return undefined;
  const cpu = number4(dv, b + 21);
  if (cpu < 0 || dv.getUint16(b + 21, true) !== 0x2020 || !numbers8(dv, b)) return undefined;
  // TASK is one word: readDefaultRow takes any, so only spaces (and the line's end) matter.
  if (!isHex(dv.getUint8(b + 23)) || !isHex(dv.getUint8(b + 38)) || gap16(dv, b + 23)) return undefined;
  const state = dv.getUint16(b + 39, true) === 0x2020 ? (STATES[dv.getUint16(b + 41, true)] as string) : '';
  if (state === '') return undefined;
  // %MEM: spaces and "d+.d" in the 6 chars after the state.
  const tenths = dv.getUint8(b + 48) - 48;
  if (dv.getUint8(b + 47) !== 46 || tenths < 0 || tenths > 9) return undefined;
  const whole = number4(dv, b + 47);
  if (whole < 0 || dv.getUint8(b + 49) !== 32 || dv.getUint8(b + 58) !== 32 || dv.getUint16(b + 67, true) !== 0x2020) return undefined;
  const k = b + 69;
  const end = lineEnd(dv, k);
  let e = end;
  while (e > k && dv.getUint8(e - 1) === 32) e--;
  if (e === k || dv.getUint8(k) === 32) return undefined;
  const kernelThread = e - k > 1 && dv.getUint8(k) === 91 && dv.getUint8(e - 1) === 93;
  const comm = kernelThread ? s.slice(k + 1, e - 1) : s.slice(k, e);
  rowEnd = end;
  return {
    pid: NUMBERS[0] as number, ppid: NUMBERS[1] as number, cpu, task: s.slice(b + 23, b + 39), state,
    mem: (whole * 10 + tenths) / 10, vsz: NUMBERS[2] as number, rss: NUMBERS[3] as number, comm, active: lead === 62, kernelThread,
  };
}
