// Reads crash `bt` frame lines:
//  #8 [ffff9850402cfe08] direct_entry.cold+24 at ffffffffc014c2e6 [lkdtm]
// The common layout is read with native searches; anything else is scanned
// char by char. Both must read a line the same way (see fast-paths.test.ts).
import type { Frame } from '../model/backtrace.js';
import type { FrameCache } from './bt-frame-cache.js';
import type { Codes } from './codes.js';
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
 * read from the char codes (c[k - o] is the code of s[k], see text-window.ts)
 * and native searches instead of a char-by-char scan of the string; undefined
 * when the line differs in any way (then readFrame scans it).
 */
export function readCommonFrame(s: string, c: Codes, o: number, i: number, end: number, cache?: FrameCache): Frame | undefined {
  let p = i + 1;
  let index = 0;
  let d = c[p - o] as number;
  while (d >= 48 && d <= 57) {
    index = index * 10 + (d - 48);
    d = c[++p - o] as number;
  }
  if (p === i + 1 || d !== 32 || c[p + 1 - o] !== 91 /* [ */ || c[p + 18 - o] !== 93 /* ] */) return undefined;
  const sp0 = p + 2;
  for (let k = sp0; k < p + 18; k++) if (c[k - o] === 93) return undefined;
  if (c[p + 19 - o] !== 32 || c[p + 20 - o] === 32 || p + 20 >= end) return undefined;
  const f0 = p + 20;
  const seen = cache?.find(s, c, o, f0, end);
  if (seen !== undefined) return frame(index, s.slice(sp0, sp0 + 16), seen.function, seen.offset, seen.address, seen.module);
  // The symbol is one word: its first space must be the one before "at".
  const at = s.indexOf(' ', f0);
  if (at <= f0 || at + 20 > end || !s.startsWith(' at ', at)) return undefined;
  const a0 = at + 4;
  const a1 = a0 + 16;
  if (a1 < end && c[a1 - o] !== 32) return undefined;
  for (let k = a0; k < a1; k++) if (!isHexCode(c[k - o] as number)) return undefined;
  let module: string | undefined;
  if (a1 < end) {
    if (c[a1 + 1 - o] !== 91) return undefined;
    const close = s.indexOf(']', a1);
    if (close === -1 || close >= end) return undefined;
    module = s.slice(a1 + 2, close);
  }
  // An offset (`+352`, `+0x160`) can only be a run of hex digits and x before ` at `.
  let q = at - 1;
  for (let h = c[q - o] as number; q > f0 && (isHexDigit(h) || h === 120); h = c[--q - o] as number);
  readSymbol(s, f0, at, c[q - o] === 43 /* + */ ? q : -1);
  const f = frame(index, s.slice(sp0, sp0 + 16), SYMBOL.function, SYMBOL.offset, s.slice(a0, a1), module);
  cache?.keep(s, c, o, f0, end, f);
  return f;
}

/**
 * Reads a frame line: ` #8 [ffff9850402cfe08] direct_entry.cold+24 at ffffffffc014c2e6 [lkdtm]`.
 * `i` is the index of '#'; c and o as for readCommonFrame. Returns undefined when the line is not a frame.
 */
export function readFrame(s: string, c: Codes, o: number, i: number, end: number, cache?: FrameCache): Frame | undefined {
  return readCommonFrame(s, c, o, i, end, cache) ?? scanFrame(s, i, end);
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


