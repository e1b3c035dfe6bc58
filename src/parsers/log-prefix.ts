// Reads the prefix crash `log` prints in front of a record:
//   [    7.145339] [  T140] <4>text     (timestamp, then -c caller, then -m level)
//   [Thu Nov 26 04:16:23 UTC 2026] text  (log -T)
//   <4>[    7.145339] text               (dmesg -r / kmsg: the level first)
// The reader fills one shared, reused LogPrefix instead of allocating per line.
import { isDigit } from './lines.js';

export interface LogPrefix {
  timestamp: number | undefined;
  wallclock: string | undefined;
  caller: string | undefined;
  level: number | undefined;
  facility: number | undefined;
}

/** What the last successful readLogPrefix() call found. */
export const PREFIX: LogPrefix = { timestamp: undefined, wallclock: undefined, caller: undefined, level: undefined, facility: undefined };

const WALLCLOCK = /\[([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?: [A-Za-z][A-Za-z0-9+:-]*)? \d{4})\] ?/y;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** The seconds of the stamp readStamp() read last. */
export let stampSeconds = 0;

/**
 * `[    7.145339] ` at s[i]: the index after it (and after the one space that
 * follows it, if any), with the seconds in stampSeconds; -1 when there is none.
 */
export function readStamp(s: string, i: number): number {
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
  stampSeconds = (whole * scale + frac) / scale;
  p++;
  return s.charCodeAt(p) === 32 ? p + 1 : p;
}

/** `[  T140] ` or `[    C1] ` at s[i]. */
function readCaller(s: string, i: number): number {
  let p = i + 1;
  while (s.charCodeAt(p) === 32) p++;
  const k = s.charCodeAt(p);
  if (k !== 84 /* T */ && k !== 67 /* C */) return -1;
  const start = p++;
  const d0 = p;
  while (isDigit(s.charCodeAt(p))) p++;
  if (p === d0 || s.charCodeAt(p) !== 93) return -1;
  PREFIX.caller = s.slice(start, p);
  p++;
  return s.charCodeAt(p) === 32 ? p + 1 : p;
}

/** `<6>` at s[i]. */
function readLevel(s: string, i: number): number {
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
    PREFIX.level = n & 7;
    PREFIX.facility = n >> 3;
  } else PREFIX.level = n;
  return p + 1;
}

/**
 * Reads the record prefix at s[i]. Returns the index where the message text
 * starts, with PREFIX describing the prefix, or -1 when the line has none.
 */
export function readLogPrefix(s: string, i: number): number {
  PREFIX.timestamp = PREFIX.wallclock = PREFIX.caller = PREFIX.level = PREFIX.facility = undefined;
  let p = i;
  let c = s.charCodeAt(p);
  if (c === 60 /* < */) {
    const q = readLevel(s, p);
    if (q !== -1) c = s.charCodeAt((p = q));
  }
  if (c === 91 /* [ */) {
    const c1 = s.charCodeAt(p + 1);
    if (c1 === 32 || isDigit(c1)) {
      const q = readStamp(s, p);
      if (q !== -1) {
        PREFIX.timestamp = stampSeconds;
        c = s.charCodeAt((p = q));
      }
    } else if (c1 >= 65 && c1 <= 90) {
      WALLCLOCK.lastIndex = p;
      const m = WALLCLOCK.exec(s);
      if (m) {
        PREFIX.wallclock = m[1] as string;
        c = s.charCodeAt((p = WALLCLOCK.lastIndex));
      }
    }
  }
  if (c === 91) {
    const q = readCaller(s, p);
    if (q !== -1) c = s.charCodeAt((p = q));
  }
  if (c === 60 && PREFIX.level === undefined) {
    const q = readLevel(s, p);
    if (q !== -1) p = q;
  }
  return p === i ? -1 : p;
}
