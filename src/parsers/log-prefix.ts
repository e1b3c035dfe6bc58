// Reads the prefix crash `log` prints in front of a record:
//   [    7.145339] [  T140] <4>text     (timestamp, then -c caller, then -m level)
//   [Thu Nov 26 04:16:23 UTC 2026] text  (log -T)
import { isDigit } from './lines.js';

export interface LogPrefix {
  timestamp?: number;
  wallclock?: string;
  caller?: string;
  level?: number;
  facility?: number;
  /** Index where the message text starts. */
  textStart: number;
}

const WALLCLOCK = /\[([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?: [A-Za-z][A-Za-z0-9+:-]*)? \d{4})\] ?/y;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** `[    7.145339] ` at s[i]: returns [seconds, end index] or undefined. */
function readStamp(s: string, i: number): [number, number] | undefined {
  let p = i + 1;
  while (s.charCodeAt(p) === 32) p++;
  let whole = 0;
  const d0 = p;
  while (p < s.length && isDigit(s.charCodeAt(p))) whole = whole * 10 + (s.charCodeAt(p++) - 48);
  if (p === d0 || p - d0 > 12 || s.charCodeAt(p) !== 46 /* . */) return undefined;
  p++;
  let frac = 0;
  const f0 = p;
  while (p < s.length && isDigit(s.charCodeAt(p))) frac = frac * 10 + (s.charCodeAt(p++) - 48);
  const digits = p - f0;
  if (digits === 0 || digits > 9 || s.charCodeAt(p) !== 93 /* ] */) return undefined;
  const scale = POW10[digits] as number;
  const seconds = (whole * scale + frac) / scale;
  p++;
  if (s.charCodeAt(p) === 32) p++;
  return [seconds, p];
}

/** `[  T140] ` or `[    C1] ` at s[i]. */
function readCaller(s: string, i: number): [string, number] | undefined {
  let p = i + 1;
  while (s.charCodeAt(p) === 32) p++;
  const k = s.charCodeAt(p);
  if (k !== 84 /* T */ && k !== 67 /* C */) return undefined;
  const start = p++;
  const d0 = p;
  while (p < s.length && isDigit(s.charCodeAt(p))) p++;
  if (p === d0 || s.charCodeAt(p) !== 93) return undefined;
  const id = s.slice(start, p);
  p++;
  if (s.charCodeAt(p) === 32) p++;
  return [id, p];
}

/** `<6>` at s[i]. */
function readLevel(s: string, i: number): [number, number] | undefined {
  let p = i + 1;
  let n = 0;
  const d0 = p;
  while (p < s.length && isDigit(s.charCodeAt(p))) n = n * 10 + (s.charCodeAt(p++) - 48);
  if (p === d0 || p - d0 > 3 || s.charCodeAt(p) !== 62 /* > */) return undefined;
  return [n, p + 1];
}

function setLevel(out: LogPrefix, n: number): void {
  if (n > 7) {
    out.level = n & 7;
    out.facility = n >> 3;
  } else out.level = n;
}

/** Reads the record prefix at s[i]; undefined when the line has none. */
export function readLogPrefix(s: string, i = 0): LogPrefix | undefined {
  let p = i;
  let out: LogPrefix | undefined;
  if (s.charCodeAt(p) === 60 /* < */) {
    // dmesg -r / kmsg style: the level comes first, `<4>[    7.145339] text`.
    const l = readLevel(s, p);
    if (l) {
      out = { textStart: l[1] };
      setLevel(out, l[0]);
      p = l[1];
    }
  }
  if (s.charCodeAt(p) === 91 /* [ */) {
    const c1 = s.charCodeAt(p + 1);
    if (c1 === 32 || isDigit(c1)) {
      const st = readStamp(s, p);
      if (st) {
        out ??= { textStart: p };
        out.timestamp = st[0];
        out.textStart = p = st[1];
      }
    } else if (c1 >= 65 && c1 <= 90) {
      WALLCLOCK.lastIndex = p;
      const m = WALLCLOCK.exec(s);
      if (m) {
        out ??= { textStart: p };
        out.wallclock = m[1] as string;
        out.textStart = p = WALLCLOCK.lastIndex;
      }
    }
  }
  if (s.charCodeAt(p) === 91) {
    const c = readCaller(s, p);
    if (c) {
      out ??= { textStart: p };
      out.caller = c[0];
      out.textStart = p = c[1];
    }
  }
  if (s.charCodeAt(p) === 60 && out?.level === undefined) {
    const l = readLevel(s, p);
    if (l) {
      out ??= { textStart: p };
      setLevel(out, l[0]);
      out.textStart = l[1];
    }
  }
  return out;
}
