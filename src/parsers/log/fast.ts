// The fast reader of crash `log` (and dmesg): the common line, a boot-time
// stamp then the message, with no level or caller prefix:
//   [    7.145339] lkdtm: Performing direct entry BUG
// Runs of such lines are read here without the reference prefix reader
// (reference.ts); every other line goes back to it. A line read here must
// come out exactly as the reference reader would read it (fast-paths.test.ts).
import type { LogRecord } from '../../model/log.js';
import { readStamp } from './reference.js';

export class FastLogReader {
  /** The seconds of the stamp read by end(). */
  seconds = 0;

  /**
   * For a line s[i, end) that starts with `[  secs.frac] ` (the space after
   * it optional) and is not followed by a caller or level prefix: the index
   * where its text starts, with the stamp in `seconds`. -1 for any other line.
   */
  textStart(s: string, i: number, end: number): number {
    if (s.charCodeAt(i) !== 91 /* [ */) return -1;
    const p = readStamp(s, i, this);
    if (p === -1 || p > end) return -1;
    // A caller (`[  T140]`) or a level (`<4>`) may follow: those lines take the reference reader.
    const c = s.charCodeAt(p);
    if (c === 91 || c === 60) return -1;
    return p;
  }

  /** The record of the line whose text is s[t, end), on line n (after textStart()). */
  record(s: string, t: number, end: number, n: number): LogRecord {
    return { timestamp: this.seconds, text: s.slice(t, end), line: n };
  }
}
