// Fast reader for a row of crash `ps` in its default columns:
// >     140       1   0  ffff966481dc6e00  RU   0.0     2260       60  lkdtm-trigger
// Reads s[start, end) with char codes; s may be the whole output. The scans
// need no `< end` bound where the char they look for cannot be LF (or NaN,
// which charCodeAt returns past the end of s).
import type { Task } from '../model/task.js';
import { stateCode } from './ps-words.js';

/** Number read by readNumber(), and the index after it. */
let num = 0;
let pos = 0;

/** Skips spaces, then reads a non-negative integer (or "-"/"--" as -1, or "-N"). */
function readNumber(s: string, i: number, end: number, signed: boolean): boolean {
  while (s.charCodeAt(i) === 32) i++;
  let neg = false;
  if (signed && s.charCodeAt(i) === 45 /* - */) {
    neg = true;
    i++;
    if (s.charCodeAt(i) === 45) i++;
    if (i >= end || s.charCodeAt(i) === 32) {
      num = -1;
      pos = i;
      return true;
    }
  }
  const d0 = i;
  let n = 0;
  let c = s.charCodeAt(i);
  while (c >= 48 && c <= 57) {
    n = n * 10 + (c - 48);
    c = s.charCodeAt(++i);
  }
  if (i === d0 || i - d0 > 15 || (i < end && c !== 32)) return false;
  num = neg ? -n : n;
  pos = i;
  return true;
}

/** Skips spaces, then reads "0.0"-style %MEM. */
function readPercent(s: string, i: number, end: number): boolean {
  while (s.charCodeAt(i) === 32) i++;
  let whole = 0;
  let frac = 0;
  let scale = 1;
  const d0 = i;
  let c = s.charCodeAt(i);
  while (c >= 48 && c <= 57) {
    whole = whole * 10 + (c - 48);
    c = s.charCodeAt(++i);
  }
  if (c === 46) {
    c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      frac = frac * 10 + (c - 48);
      scale *= 10;
      c = s.charCodeAt(++i);
    }
  }
  if (i === d0 || (i < end && c !== 32)) return false;
  num = (whole * scale + frac) / scale;
  pos = i;
  return true;
}

/** Reads a default-column row; returns a reason string when it is not one. */
export function readDefaultRow(s: string, start: number, end: number): Task | string {
  let i = start;
  const active = s.charCodeAt(i) === 62; /* > */
  if (active) i++;
  if (!readNumber(s, i, end, false)) return 'PID is not a number';
  const pid = num;
  if (!readNumber(s, pos, end, true)) return 'PPID is not a number';
  const ppid = num;
  if (!readNumber(s, pos, end, true)) return 'CPU is not a number';
  const cpu = num;
  i = pos;
  while (s.charCodeAt(i) === 32) i++;
  const t0 = i;
  while (i < end && s.charCodeAt(i) !== 32) i++;
  if (i === t0) return 'missing TASK column';
  const task = s.slice(t0, i);
  while (s.charCodeAt(i) === 32) i++;
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  if (i + 2 > end || (i + 2 < end && s.charCodeAt(i + 2) !== 32)) return 'missing ST column';
  const known = stateCode(a, b);
  if (known === '' && !(a >= 65 && a <= 90 && b >= 65 && b <= 90)) return `unknown state "${s.slice(i, i + 2)}"`;
  const state = known === '' ? s.slice(i, i + 2) : known;
  if (!readPercent(s, i + 2, end)) return '%MEM is not a number';
  const mem = num;
  if (!readNumber(s, pos, end, false)) return 'VSZ is not a number';
  const vsz = num;
  if (!readNumber(s, pos, end, false)) return 'RSS is not a number';
  const rss = num;
  i = pos;
  while (s.charCodeAt(i) === 32) i++;
  let e = end;
  while (e > i && s.charCodeAt(e - 1) === 32) e--;
  if (e === i) return 'missing COMM column';
  const kernelThread = e - i > 1 && s.charCodeAt(i) === 91 && s.charCodeAt(e - 1) === 93;
  const comm = kernelThread ? s.slice(i + 1, e - 1) : s.slice(i, e);
  return { pid, ppid, cpu, task, state, mem, vsz, rss, comm, active, kernelThread };
}
