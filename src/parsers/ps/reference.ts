// The reference reader of crash `ps` output, line by line and word by word:
// table rows in any columns (the definition of a row; the fast reader in
// fast.ts must agree with it), `ps -S` state counts, `ps -m`/`ps -l` ages.
import type { Task, TaskAge } from '../../model/task.js';
import { skipSpaces, skipToken } from '../lines.js';
import { toDecimal, toInt, toSignedInt } from '../numbers.js';
import { readTaskHeader } from '../task-header.js';

/** True for a state code crash prints: two capitals, or "??". */
export function isStateCode(s: string): boolean {
  if (s === '??') return true;
  if (s.length !== 2) return false;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90;
}

/** crash prints "-" for an unknown CPU or parent: -1 then, like the -1 it prints itself. */
function dashOrInt(tok: string): number | undefined {
  return tok === '-' || tok === '--' ? -1 : toSignedInt(tok);
}

/** Reads a table row with the given header columns (the last one, COMM, takes the rest). */
export function readReferenceRow(s: string, columns: readonly string[]): Task | string {
  let i = 0;
  let active = false;
  if (s.charCodeAt(0) === 62 /* > */) {
    active = true;
    i = 1;
  }
  const t: Task = { pid: 0, ppid: 0, cpu: 0, task: '', state: '', mem: 0, vsz: 0, rss: 0, comm: '', active, kernelThread: false };
  const seen = { pid: false, task: false, state: false };
  const last = columns.length - 1;
  for (let c = 0; c < last; c++) {
    i = skipSpaces(s, i);
    const e = skipToken(s, i);
    if (e === i) return `missing ${columns[c] ?? 'column'} column`;
    const tok = s.slice(i, e);
    i = e;
    const name = columns[c] as string;
    switch (name) {
      case 'PID': { const n = toInt(tok); if (n === undefined) return 'PID is not a number'; t.pid = n; seen.pid = true; break; }
      case 'PPID': { const n = dashOrInt(tok); if (n === undefined) return 'PPID is not a number'; t.ppid = n; break; }
      case 'CPU': { const n = dashOrInt(tok); if (n === undefined) return 'CPU is not a number'; t.cpu = n; break; }
      case 'TASK': t.task = tok; seen.task = true; break;
      case 'ST': if (!isStateCode(tok)) return `unknown state "${tok}"`; t.state = tok; seen.state = true; break;
      case '%MEM': { const n = toDecimal(tok); if (n === undefined) return '%MEM is not a number'; t.mem = n; break; }
      case 'VSZ': { const n = toInt(tok); if (n === undefined) return 'VSZ is not a number'; t.vsz = n; break; }
      case 'RSS': { const n = toInt(tok); if (n === undefined) return 'RSS is not a number'; t.rss = n; break; }
      default: (t.extra ??= {})[name] = tok;
    }
  }
  i = skipSpaces(s, i);
  let comm = s.slice(i).trimEnd();
  if (comm.length === 0) return 'missing COMM column';
  if (comm.length > 1 && comm.charCodeAt(0) === 91 && comm.charCodeAt(comm.length - 1) === 93) {
    t.kernelThread = true;
    comm = comm.slice(1, -1);
  }
  t.comm = comm;
  if (!seen.pid || !seen.state) return 'row lacks PID or ST';
  return t;
}

/** `  RU: 5` from `ps -S`. */
export function readStateCount(t: string): [string, number] | undefined {
  const colon = t.indexOf(':');
  if (colon !== 2) return undefined;
  const code = t.slice(0, 2);
  if (!isStateCode(code)) return undefined;
  const n = toInt(t.slice(3).trim());
  return n === undefined ? undefined : [code, n];
}

/** "0 00:00:06.599" -> milliseconds. */
function ageToMs(age: string): number | undefined {
  const m = /^(\d+) (\d+):(\d\d):(\d\d)\.(\d{3})$/.exec(age);
  if (!m) return undefined;
  const [d, h, mi, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number];
  return (((d * 24 + h) * 60 + mi) * 60 + s) * 1000 + ms;
}

/** `[0 00:00:00.008] [RU]  PID: 98 ...` (ps -m) or `[7154399170] [RU]  PID: ...` (ps -l). */
export function readAgeRow(t: string): TaskAge | string {
  const close = t.indexOf(']');
  if (close === -1) return 'no closing bracket';
  const stamp = t.slice(1, close).trim();
  let i = skipSpaces(t, close + 1);
  if (t.charCodeAt(i) !== 91) return 'no [state] after the time';
  const sClose = t.indexOf(']', i);
  const state = t.slice(i + 1, sClose);
  if (!isStateCode(state)) return `unknown state "${state}"`;
  i = skipSpaces(t, sClose + 1);
  const h = readTaskHeader(t, i);
  if (!h) return 'unreadable PID/TASK/CPU/COMMAND part';
  const row: TaskAge = { pid: h.pid, task: h.task, cpu: h.cpu ?? -1, state, comm: h.command };
  if (stamp.indexOf(' ') !== -1) {
    const ms = ageToMs(stamp);
    if (ms === undefined) return `unreadable age "${stamp}"`;
    row.age = stamp;
    row.ageMs = ms;
  } else {
    const ns = toInt(stamp);
    if (ns === undefined) return `unreadable timestamp "${stamp}"`;
    row.lastRun = ns;
  }
  return row;
}
