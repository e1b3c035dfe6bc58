// The reference reader of a log record's prefix, any of the forms crash `log`
// and dmesg print in front of a record:
//   [    7.145339] [  T140] <4>text     (timestamp, then -c caller, then -m level)
//   [Thu Nov 26 04:16:23 UTC 2026] text  (log -T)
//   <4>[    7.145339] text               (dmesg -r / kmsg: the level first)
// One reader per parse holds what the last prefix had (no allocation per line).
// The fast reader (fast.ts) must read every line it takes as this one does.
import { isDigit } from '../lines.js';

export interface LogPrefix {
  timestamp: number | undefined;
  wallclock: string | undefined;
  caller: string | undefined;
  level: number | undefined;
  facility: number | undefined;
}

const WALLCLOCK = /\[([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?: [A-Za-z][A-Za-z0-9+:-]*)? \d{4})\] ?/y;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * `[    7.145339] ` at s[i]: the index after it (and after the one space that
 * follows it, if any), with the seconds in out.seconds; -1 when there is none.
 */
export function readStamp(s: string, i: number, out: { seconds: number }): number {
  let p = i + 1;
  while (s.charCodeAt(p) === 32) p++;
  let whole = 0;
  const d0 = p;
  let c = s.charCodeAt(p);
  while (c >= 48 && c <= 57) {
    whole = whole * 10 + (c - 48);
    c = s.charCodeAt(++p);
  }
  if (p === d0 || p - d0 > 12 || c !== 46 /* . */) return -1;
  let frac = 0;
  const f0 = ++p;
  c = s.charCodeAt(p);
  while (c >= 48 && c <= 57) {
    frac = frac * 10 + (c - 48);
    c = s.charCodeAt(++p);
  }
  const digits = p - f0;
  if (digits === 0 || digits > 9 || c !== 93 /* ] */) return -1;
  const scale = POW10[digits] as number;
  // Exact: both operands are integers, so the quotient is the double nearest the decimal.
  out.seconds = (whole * scale + frac) / scale;
  p++;
  return s.charCodeAt(p) === 32 ? p + 1 : p;
}

/** Reads record prefixes; the fields describe the last one read. */
export class LogPrefixReader implements LogPrefix {
  timestamp: number | undefined = undefined;
  wallclock: string | undefined = undefined;
  caller: string | undefined = undefined;
  level: number | undefined = undefined;
  facility: number | undefined = undefined;
  /** The seconds of the last stamp read (readStamp). */
  seconds = 0;

  /** Forgets the last prefix: the line has none. */
  clear(): void {
    this.timestamp = this.wallclock = this.caller = this.level = this.facility = undefined;
  }

  /** `[  T140] ` or `[    C1] ` at s[i]. */
  private readCaller(s: string, i: number): number {
    let p = i + 1;
    while (s.charCodeAt(p) === 32) p++;
    const k = s.charCodeAt(p);
    if (k !== 84 /* T */ && k !== 67 /* C */) return -1;
    const start = p++;
    const d0 = p;
    while (isDigit(s.charCodeAt(p))) p++;
    if (p === d0 || s.charCodeAt(p) !== 93) return -1;
    this.caller = s.slice(start, p);
    p++;
    return s.charCodeAt(p) === 32 ? p + 1 : p;
  }

  /** `<6>` at s[i]. */
  private readLevel(s: string, i: number): number {
    let p = i + 1;
    let n = 0;
    const d0 = p;
    let c = s.charCodeAt(p);
    while (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      c = s.charCodeAt(++p);
    }
    if (p === d0 || p - d0 > 3 || c !== 62 /* > */) return -1;
    if (n > 7) {
      this.level = n & 7;
      this.facility = n >> 3;
    } else this.level = n;
    return p + 1;
  }

  /**
   * Reads the record prefix at s[i]. Returns the index where the message text
   * starts, with the fields describing the prefix, or -1 when the line has none.
   */
  read(s: string, i: number): number {
    this.clear();
    let p = i;
    let c = s.charCodeAt(p);
    if (c === 60 /* < */) {
      const q = this.readLevel(s, p);
      if (q !== -1) c = s.charCodeAt((p = q));
    }
    if (c === 91 /* [ */) {
      const c1 = s.charCodeAt(p + 1);
      if (c1 === 32 || isDigit(c1)) {
        const q = readStamp(s, p, this);
        if (q !== -1) {
          this.timestamp = this.seconds;
          c = s.charCodeAt((p = q));
        }
      } else if (c1 >= 65 && c1 <= 90) {
        WALLCLOCK.lastIndex = p;
        const m = WALLCLOCK.exec(s);
        if (m) {
          this.wallclock = m[1] as string;
          c = s.charCodeAt((p = WALLCLOCK.lastIndex));
        }
      }
    }
    if (c === 91) {
      const q = this.readCaller(s, p);
      if (q !== -1) c = s.charCodeAt((p = q));
    }
    if (c === 60 && this.level === undefined) {
      const q = this.readLevel(s, p);
      if (q !== -1) p = q;
    }
    return p === i ? -1 : p;
  }
}
