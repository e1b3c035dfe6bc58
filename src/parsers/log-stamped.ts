// The common line of crash `log` (and of dmesg): a boot-time stamp, then the
// message, with no level or caller prefix:
//   [    7.145339] lkdtm: Performing direct entry BUG
// Runs of such lines are read here without the general prefix reader; every
// other line goes back to it. A line read here must come out exactly as the
// general reader would read it (see fast-paths.test.ts).
import type { LogRecord } from '../model/log.js';
import { readStamp, stampSeconds } from './log-prefix.js';

/** The stamp read by stampEnd(). */
export let stamp = 0;

/**
 * For a line s[i, end) that starts with `[  secs.frac] ` (the space after
 * it optional) and is not followed by a caller or level prefix: the index
 * where its text starts, with the seconds in `stamp`. -1 for any other line.
 */
export function stampEnd(s: string, i: number, end: number): number {
  if (s.charCodeAt(i) !== 91 /* [ */) return -1;
  const p = readStamp(s, i);
  if (p === -1 || p > end) return -1;
  // A caller (`[  T140]`) or a level (`<4>`) may follow: those lines take the general reader.
  const c = s.charCodeAt(p);
  if (c === 91 || c === 60) return -1;
  stamp = stampSeconds;
  return p;
}

/** The record of a stamped line whose text is s[t, end), on line n. */
export function stampedRecord(s: string, t: number, end: number, n: number): LogRecord {
  return { timestamp: stamp, text: s.slice(t, end), line: n };
}
