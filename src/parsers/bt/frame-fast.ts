// The fast reader of crash `bt` frame lines in the common layout (16-digit
// stack pointer, ` at `, 16-digit address), from the char codes and native
// searches, with a cache of frames already read (frame-cache.ts):
//  #8 [ffff9850402cfe08] direct_entry.cold+24 at ffffffffc014c2e6 [lkdtm]
// Every line it takes, the reference reader (frame-reference.ts) reads the
// same way (fast-paths.test.ts); every other line goes there.
import type { Frame } from '../../model/backtrace.js';
import type { Codes } from '../codes.js';
import { isHexDigit } from '../lines.js';
import type { FrameCache } from './frame-cache.js';
import { frame, readFrameReference, symbolEnd, symbolOffset } from './frame-reference.js';

const isHexCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102);

/**
 * The common frame layout (16-digit stack pointer, ` at `, 16-digit address),
 * read from the char codes (c[k - o] is the code of s[k], see text-window.ts)
 * and native searches instead of a char-by-char scan of the string; undefined
 * when the line differs in any way (then the reference reader reads it).
 */
export function readFrameFast(s: string, c: Codes, o: number, i: number, end: number, cache?: FrameCache): Frame | undefined {
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
  const fe = symbolEnd(s, f0, at, c[q - o] === 43 /* + */ ? q : -1);
  const f = frame(index, s.slice(sp0, sp0 + 16), s.slice(f0, fe), fe < at ? symbolOffset(s, fe, at) : undefined, s.slice(a0, a1), module);
  cache?.keep(s, c, o, f0, end, f);
  return f;
}

/**
 * Reads a frame line: ` #8 [ffff9850402cfe08] direct_entry.cold+24 at ffffffffc014c2e6 [lkdtm]`.
 * `i` is the index of '#'; c and o as for readFrameFast. Returns undefined when the line is not a frame.
 */
export function readFrame(s: string, c: Codes, o: number, i: number, end: number, cache?: FrameCache): Frame | undefined {
  return readFrameFast(s, c, o, i, end, cache) ?? readFrameReference(s, i, end);
}
