// Line readers for crash `bt` output. Each reads s[i, end) (s may be the whole
// output) with char-code scanning: no regex, no intermediate strings.
import type { Frame } from '../model/backtrace.js';
import { findChar, isDigit, isHexDigit, skipSpaces } from './lines.js';

function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/** Where readSymbol() leaves its result. */
export const SYMBOL = { function: '', offset: undefined as number | undefined };

/**
 * Parses `func+off` (decimal or 0x-hex) at s[a, b) into SYMBOL; `plus` is the
 * index of the last '+' in it, or -1 when the caller knows there is none.
 */
export function readSymbol(s: string, a: number, b: number, plus = lastPlus(s, a, b)): void {
  if (plus > a && plus < b - 1) {
    let n = 0;
    let p = plus + 1;
    if (s.charCodeAt(p) === 48 && s.charCodeAt(p + 1) === 120 /* 0x */) {
      for (p += 2; p < b && isHexDigit(s.charCodeAt(p)); p++) n = n * 16 + hexValue(s.charCodeAt(p));
      if (p === b && b > plus + 3) {
        SYMBOL.function = s.slice(a, plus);
        SYMBOL.offset = n;
        return;
      }
    } else {
      for (; p < b && isDigit(s.charCodeAt(p)); p++) n = n * 10 + (s.charCodeAt(p) - 48);
      if (p === b) {
        SYMBOL.function = s.slice(a, plus);
        SYMBOL.offset = n;
        return;
      }
    }
  }
  SYMBOL.function = s.slice(a, b);
  SYMBOL.offset = undefined;
}

function lastPlus(s: string, a: number, b: number): number {
  let plus = b - 1;
  while (plus > a && s.charCodeAt(plus) !== 43 /* + */) plus--;
  return plus > a ? plus : -1;
}

const isHexCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102);

/** Builds a frame with its keys in one order per shape. */
function frame(index: number, sp: string, fn: string, offset: number | undefined, address: string, module: string | undefined): Frame {
  if (offset === undefined) {
    return module === undefined ? { index, sp, function: fn, address } : { index, sp, function: fn, address, module };
  }
  return module === undefined ? { index, sp, function: fn, offset, address } : { index, sp, function: fn, offset, address, module };
}

/**
 * The common frame layout (16-digit stack pointer, ` at `, 16-digit address),
 * read with native searches instead of a char-by-char scan; undefined when the
 * line differs in any way (then readFrame scans it).
 */
export function readCommonFrame(s: string, i: number, end: number): Frame | undefined {
  let p = i + 1;
  let index = 0;
  let c = s.charCodeAt(p);
  while (c >= 48 && c <= 57) {
    index = index * 10 + (c - 48);
    c = s.charCodeAt(++p);
  }
  if (p === i + 1 || c !== 32 || s.charCodeAt(p + 1) !== 91 /* [ */ || s.charCodeAt(p + 18) !== 93 /* ] */) return undefined;
  const sp0 = p + 2;
  if (s.indexOf(']', sp0) !== p + 18 || s.charCodeAt(p + 19) !== 32 || s.charCodeAt(p + 20) === 32) return undefined;
  const f0 = p + 20;
  // The symbol is one word: its first space must be the one before "at".
  const at = s.indexOf(' ', f0);
  if (at <= f0 || at + 20 > end || !s.startsWith(' at ', at)) return undefined;
  const a0 = at + 4;
  const a1 = a0 + 16;
  if (a1 < end && s.charCodeAt(a1) !== 32) return undefined;
  for (let k = a0; k < a1; k++) if (!isHexCode(s.charCodeAt(k))) return undefined;
  let module: string | undefined;
  if (a1 < end) {
    if (s.charCodeAt(a1 + 1) !== 91) return undefined;
    const close = s.indexOf(']', a1);
    if (close === -1 || close >= end) return undefined;
    module = s.slice(a1 + 2, close);
  }
  // An offset (`+352`, `+0x160`) can only be a run of hex digits and x before ` at `.
  let q = at - 1;
  for (let c = s.charCodeAt(q); q > f0 && (isHexDigit(c) || c === 120); c = s.charCodeAt(--q));
  readSymbol(s, f0, at, s.charCodeAt(q) === 43 /* + */ ? q : -1);
  return frame(index, s.slice(sp0, sp0 + 16), SYMBOL.function, SYMBOL.offset, s.slice(a0, a1), module);
}

/**
 * Reads a frame line: ` #8 [ffff9850402cfe08] direct_entry.cold+24 at ffffffffc014c2e6 [lkdtm]`.
 * `i` is the index of '#'. Returns undefined when the line is not a frame.
 */
export function readFrame(s: string, i: number, end: number): Frame | undefined {
  return readCommonFrame(s, i, end) ?? scanFrame(s, i, end);
}

/** The general frame reader: any widths, char by char. */
export function scanFrame(s: string, i: number, end: number): Frame | undefined {
  let p = i + 1;
  let index = 0;
  const d0 = p;
  let c = s.charCodeAt(p);
  while (c >= 48 && c <= 57) {
    index = index * 10 + (c - 48);
    c = s.charCodeAt(++p);
  }
  if (p === d0 || p - d0 > 6) return undefined;
  p = skipSpaces(s, p);
  if (s.charCodeAt(p) !== 91 /* [ */) return undefined;
  const spStart = p + 1;
  const spEnd = findChar(s, 93 /* ] */, spStart, end);
  if (spEnd === -1) return undefined;
  p = skipSpaces(s, spEnd + 1);
  const fnStart = p;
  let plus = -1;
  for (c = s.charCodeAt(p); p < end && c !== 32 && c !== 9; c = s.charCodeAt(++p)) if (c === 43) plus = p;
  const fnEnd = p;
  if (fnEnd === fnStart) return undefined;
  p = skipSpaces(s, fnEnd);
  if (!(s.charCodeAt(p) === 97 && s.charCodeAt(p + 1) === 116 && (s.charCodeAt(p + 2) === 32 || p + 2 === end))) return undefined;
  p = skipSpaces(s, p + 2);
  const aStart = p;
  while (p < end && isHexDigit(s.charCodeAt(p))) p++;
  if (p === aStart || (p < end && s.charCodeAt(p) !== 32)) return undefined;
  const aEnd = p;
  let module: string | undefined;
  p = skipSpaces(s, p);
  if (p < end && s.charCodeAt(p) === 91) {
    const close = findChar(s, 93, p, end);
    if (close !== -1) module = s.slice(p + 1, close);
  }
  readSymbol(s, fnStart, fnEnd, plus);
  return frame(index, s.slice(spStart, spEnd), SYMBOL.function, SYMBOL.offset, s.slice(aStart, aEnd), module);
}


const REGISTER_NAMES = ['RIP', 'RSP', 'RFLAGS', 'RAX', 'RBX', 'RCX', 'RDX', 'RSI', 'RDI', 'RBP', 'R8', 'R9', 'R10', 'R11',
  'R12', 'R13', 'R14', 'R15', 'ORIG_RAX', 'CS', 'SS', 'DS', 'ES', 'FS', 'GS', 'EIP', 'ESP', 'EFLAGS', 'EAX', 'EBX',
  'ECX', 'EDX', 'ESI', 'EDI', 'EBP', 'ORIG_EAX'];

const REGISTER_BY_SHAPE = new Map<number, string>();
for (const name of REGISTER_NAMES) REGISTER_BY_SHAPE.set(shape(name, 0, name.length), name);
if (REGISTER_BY_SHAPE.size !== REGISTER_NAMES.length) throw new Error('register name hash collision');

/** A hash of s[a, b) that tells the known register names apart. */
function shape(s: string, a: number, b: number): number {
  let h = b - a;
  for (let i = a; i < b; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

/** The register name at s[a, b), as a shared string when it is a common one. */
function registerName(s: string, a: number, b: number): string {
  const name = REGISTER_BY_SHAPE.get(shape(s, a, b));
  return name !== undefined && s.startsWith(name, a) ? name : s.slice(a, b);
}

/**
 * Reads a register line (`    RIP: ffffffffc014b3d0  RSP: ffff9850402cfe08  RFLAGS: 00000282`),
 * appending name, value, name, value... to `pairs` in one pass. Returns false
 * (pairs unchanged) when the line is not one.
 */
export function readRegisters(s: string, i: number, end: number, pairs: string[]): boolean {
  const mark = pairs.length;
  let p = i;
  while (p < end) {
    const c0 = s.charCodeAt(p);
    let k = p + 1;
    for (let c = s.charCodeAt(k); (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95; c = s.charCodeAt(++k));
    let v = k + 1;
    if (c0 < 65 || c0 > 90 || s.charCodeAt(k) !== 58 /* : */) break;
    while (s.charCodeAt(v) === 32) v++;
    // The value runs to the next space; its ends must be hex digits, and so
    // must all of a short one (a word such as "bad" is not a value).
    let e = s.indexOf(' ', v);
    if (e === -1 || e > end) e = end;
    if (e === v || !isHexDigit(s.charCodeAt(v)) || !isHexDigit(s.charCodeAt(e - 1))) break;
    if (e - v < 8) {
      let h = v;
      while (h < e && isHexDigit(s.charCodeAt(h))) h++;
      if (h < e) break;
    }
    pairs.push(registerName(s, p, k), s.slice(v, e));
    p = e;
    while (s.charCodeAt(p) === 32) p++;
  }
  if (p < end || pairs.length === mark) {
    pairs.length = mark;
    return false;
  }
  return true;
}

/** The x86_64 block crash prints, in its order: built as one literal when it matches. */
const X86_64 = ['RIP', 'RSP', 'RFLAGS', 'RAX', 'RBX', 'RCX', 'RDX', 'RSI', 'RDI', 'RBP', 'R8', 'R9', 'R10', 'R11',
  'R12', 'R13', 'R14', 'R15', 'ORIG_RAX', 'CS', 'SS'];

/** Turns name/value pairs into the register map. */
export function registerMap(pairs: readonly string[]): Record<string, string> {
  if (pairs.length === 42) {
    let same = true;
    for (let k = 0; k < 21 && same; k++) same = pairs[2 * k] === X86_64[k];
    if (same) {
      const v = (k: number): string => pairs[2 * k + 1] as string;
      return {
        RIP: v(0), RSP: v(1), RFLAGS: v(2), RAX: v(3), RBX: v(4), RCX: v(5), RDX: v(6), RSI: v(7), RDI: v(8), RBP: v(9),
        R8: v(10), R9: v(11), R10: v(12), R11: v(13), R12: v(14), R13: v(15), R14: v(16), R15: v(17), ORIG_RAX: v(18),
        CS: v(19), SS: v(20),
      };
    }
  }
  const out: Record<string, string> = {};
  for (let k = 0; k < pairs.length; k += 2) out[pairs[k] as string] = pairs[k + 1] as string;
  return out;
}

/** Reads a `bt -l` source line (`    /path/file.c: 387`); undefined when not one. */
export function readFileLine(s: string, i: number, end: number): { file: string; line: number } | undefined {
  while (end > i && s.charCodeAt(end - 1) === 32) end--;
  const colon = s.lastIndexOf(': ', end);
  if (colon <= i || colon + 2 >= end) return undefined;
  let n = 0;
  for (let p = colon + 2; p < end; p++) {
    const c = s.charCodeAt(p);
    if (!isDigit(c)) return undefined;
    n = n * 10 + (c - 48);
  }
  if (s.lastIndexOf(' ', colon - 1) >= i && s.charCodeAt(i) !== 47 /* / */) return undefined;
  return { file: s.slice(i, colon), line: n };
}

/** True for a `bt -f` / `bt -F` stack-word line: `    ffff9850402cfb78: 0000000000000000 ...`. */
export function isStackWords(s: string, i: number, end: number): boolean {
  let k = i;
  while (k < end && isHexDigit(s.charCodeAt(k))) k++;
  return k > i && s.charCodeAt(k) === 58 && s.charCodeAt(k + 1) === 32;
}

/** Reads `--- <IRQ stack> ---` into "IRQ stack"; undefined when not a marker. */
export function readStackSwitch(t: string): string | undefined {
  if (!t.startsWith('--- ') || !t.endsWith(' ---')) return undefined;
  let inner = t.slice(4, -4).trim();
  if (inner.startsWith('<') && inner.endsWith('>')) inner = inner.slice(1, -1);
  return inner;
}
