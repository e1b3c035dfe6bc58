// The common line of crash `log` (and of dmesg): a boot-time stamp, then the
// message, with no level or caller prefix:
//   [    7.145339] lkdtm: Performing direct entry BUG
// Runs of such lines are read here without the general prefix reader; every
// other line goes back to it. A line read here must come out exactly as the
// general reader would read it (see fast-paths.test.ts).
import type { LogRecord } from '../model/log.js';

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** The stamp read by stampEnd(). */
export let stamp = 0;

/**
 * For a line s[i, end) that starts with `[  secs.frac] ` (the space after
 * it optional) and is not followed by a caller or level prefix: the index
 * where its text starts, with the seconds in `stamp`. -1 for any other line.
 */
export function stampEnd(s: string, i: number, end: number): number {
  if (s.charCodeAt(i) !== 91 /* [ */) return -1;
  let p = i + 1;
  let c = s.charCodeAt(p);
  while (c === 32) c = s.charCodeAt(++p);
  let whole = 0;
  const d0 = p;
  while (c >= 48 && c <= 57) {
    whole = whole * 10 + (c - 48);
    c = s.charCodeAt(++p);
  }
  if (p === d0 || p - d0 > 12 || c !== 46 /* . */) return -1;
  const f0 = ++p;
  let frac = 0;
  c = s.charCodeAt(p);
  while (c >= 48 && c <= 57) {
    frac = frac * 10 + (c - 48);
    c = s.charCodeAt(++p);
  }
  const digits = p - f0;
  if (digits === 0 || digits > 9 || c !== 93 /* ] */) return -1;
  c = s.charCodeAt(++p);
  if (c === 32) c = s.charCodeAt(++p);
  // A caller (`[  T140]`) or a level (`<4>`) may follow: those lines take the general reader.
  if (c === 91 || c === 60 || p > end) return -1;
  const scale = POW10[digits] as number;
  // Exact: both operands are integers, so the quotient is the double nearest the decimal.
  stamp = (whole * scale + frac) / scale;
  return p;
}

/** The record of a stamped line whose text is s[t, end), on line n. */
export function stampedRecord(s: string, t: number, end: number, n: number): LogRecord {
  return { timestamp: stamp, text: s.slice(t, end), line: n };
}
