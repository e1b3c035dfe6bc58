// The reference reader of crash `bt` frame lines, any widths, char by char:
//  #8 [ffff9850402cfe08] direct_entry.cold+24 at ffffffffc014c2e6 [lkdtm]
// The fast reader (frame-fast.ts) must read every line it takes the same way
// (fast-paths.test.ts).
import type { Frame } from '../../model/backtrace.js';
import { findChar, isDigit, isHexDigit, skipSpaces } from '../lines.js';

function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/**
 * Where the function name of `func+off` at s[a, b) ends: at the '+' when a
 * decimal or 0x-hex offset runs from it to b, else b. `plus` is the index of
 * the last '+' in it, or -1 when the caller knows there is none.
 */
export function symbolEnd(s: string, a: number, b: number, plus = lastPlus(s, a, b)): number {
  if (plus <= a || plus >= b - 1) return b;
  let p = plus + 1;
  if (s.charCodeAt(p) === 48 && s.charCodeAt(p + 1) === 120 /* 0x */) {
    for (p += 2; p < b && isHexDigit(s.charCodeAt(p)); p++);
    return p === b && b > plus + 3 ? plus : b;
  }
  for (; p < b && isDigit(s.charCodeAt(p)); p++);
  return p === b ? plus : b;
}

/** The offset after the '+' at s[plus], to b, where symbolEnd() found one. */
export function symbolOffset(s: string, plus: number, b: number): number {
  let n = 0;
  let p = plus + 1;
  if (s.charCodeAt(p) === 48 && s.charCodeAt(p + 1) === 120) {
    for (p += 2; p < b; p++) n = n * 16 + hexValue(s.charCodeAt(p));
  } else for (; p < b; p++) n = n * 10 + (s.charCodeAt(p) - 48);
  return n;
}

function lastPlus(s: string, a: number, b: number): number {
  let plus = b - 1;
  while (plus > a && s.charCodeAt(plus) !== 43 /* + */) plus--;
  return plus > a ? plus : -1;
}

/** Builds a frame with its keys in one order per shape. */
export function frame(index: number, sp: string, fn: string, offset: number | undefined, address: string, module: string | undefined): Frame {
  if (offset === undefined) {
    return module === undefined ? { index, sp, function: fn, address } : { index, sp, function: fn, address, module };
  }
  return module === undefined ? { index, sp, function: fn, offset, address } : { index, sp, function: fn, offset, address, module };
}

/** Reads a frame line from its '#' at s[i]; undefined when it is not one. */
export function readFrameReference(s: string, i: number, end: number): Frame | undefined {
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
  const fe = symbolEnd(s, fnStart, fnEnd, plus);
  const offset = fe < fnEnd ? symbolOffset(s, fe, fnEnd) : undefined;
  return frame(index, s.slice(spStart, spEnd), s.slice(fnStart, fe), offset, s.slice(aStart, aEnd), module);
}
