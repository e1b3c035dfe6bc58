// The fixed-width layout of crash's `ps` table, taken from its header line:
//       PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM
// >     140       1   0  ffff966481dc6e00  RU   0.0     2260       60  lkdtm-trigger
// Numbers are right-aligned to the end of their header word, so a row can be
// read by looking at a few columns instead of scanning every character. A row
// whose delimiters are not where the layout says (a wide value pushed the
// columns along, or a damaged line) is left to the scanning reader.
import type { Task } from '../model/task.js';

export interface PsLayout {
  pid: number;
  ppid: number;
  cpu: number;
  task: number;
  taskEnd: number;
  st: number;
  mem: number;
  vsz: number;
  rss: number;
  comm: number;
}

/** crash 8.0.x on a 64-bit kernel. */
export const DEFAULT_LAYOUT: PsLayout = { pid: 9, ppid: 17, cpu: 21, task: 23, taskEnd: 39, st: 41, mem: 49, vsz: 58, rss: 67, comm: 69 };

/** The layout of a default-column header line (offsets relative to its start), or undefined. */
export function layoutOf(header: string): PsLayout | undefined {
  const end = (word: string): number => {
    const i = header.indexOf(` ${word} `);
    return i === -1 ? -1 : i + 1 + word.length;
  };
  const st = header.indexOf(' ST ') + 1;
  const comm = header.indexOf(' COMM') + 1;
  const l = { pid: end('PID'), ppid: end('PPID'), st, mem: end('%MEM'), vsz: end('VSZ'), rss: end('RSS'), comm };
  if (Object.values(l).some((x) => x <= 0)) return undefined;
  // TASK and CPU are centred under their header words: TASK is a 16-digit
  // address ending two before ST, and CPU ends two before TASK. (A 32-bit
  // dump has 8-digit addresses: its rows fail the checks and are scanned.)
  return { ...l, cpu: st - 20, task: st - 18, taskEnd: st - 2 };
}

/** State codes by (first char << 7 | second char); '' when unknown. */
const STATES: string[] = new Array<string>(1 << 14).fill('');
for (const st of ['RU', 'IN', 'UN', 'ZO', 'ST', 'TR', 'DE', 'WA', 'ID', 'NE', 'PA', 'SW', 'LW', 'EX', '??']) {
  STATES[(st.charCodeAt(0) << 7) | st.charCodeAt(1)] = st;
}

/** True when s[a, b) is all spaces. */
function blank(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (s.charCodeAt(i) !== 32) return false;
  return true;
}

/**
 * The unsigned integer right-aligned to s[.., e), whose padding back to
 * `from` must be spaces (at least one); -1 when there is none.
 */
function back(s: string, from: number, e: number): number {
  let n = 0;
  let scale = 1;
  let i = e - 1;
  while (i >= from) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n += (c - 48) * scale;
    scale *= 10;
    i--;
  }
  // The digits are s[i + 1, e); s[from, i + 1) must be padding.
  if (i === e - 1 || i < from || !blank(s, from, i + 1)) return -1;
  return n;
}

/** Reads the row at s[start, end) with layout l; undefined when it does not fit the layout. */
export function readLaidOutRow(s: string, start: number, end: number, l: PsLayout): Task | undefined {
  const b = start;
  if (end - b <= l.comm) return undefined;
  if (
    s.charCodeAt(b + l.pid) !== 32 || s.charCodeAt(b + l.ppid) !== 32 || s.charCodeAt(b + l.cpu) !== 32 ||
    s.charCodeAt(b + l.task - 1) !== 32 || s.charCodeAt(b + l.taskEnd) !== 32 || s.charCodeAt(b + l.st - 1) !== 32 ||
    s.charCodeAt(b + l.st + 2) !== 32 || s.charCodeAt(b + l.mem) !== 32 || s.charCodeAt(b + l.vsz) !== 32 ||
    s.charCodeAt(b + l.rss) !== 32 || s.charCodeAt(b + l.comm - 1) !== 32
  ) return undefined;
  const lead = s.charCodeAt(b);
  if (lead !== 32 && lead !== 62 /* > */) return undefined;
  const pid = back(s, b + 1, b + l.pid);
  const ppid = back(s, b + l.pid, b + l.ppid);
  const cpu = back(s, b + l.ppid, b + l.cpu);
  const vsz = back(s, b + l.mem, b + l.vsz);
  const rss = back(s, b + l.vsz, b + l.rss);
  if (pid < 0 || ppid < 0 || cpu < 0 || vsz < 0 || rss < 0) return undefined;
  if (!blank(s, b + l.cpu, b + l.task) || !blank(s, b + l.taskEnd, b + l.st) || !blank(s, b + l.rss, b + l.comm)) return undefined;
  const s0 = s.charCodeAt(b + l.st);
  const s1 = s.charCodeAt(b + l.st + 1);
  const state = s0 < 128 && s1 < 128 ? (STATES[(s0 << 7) | s1] as string) : '';
  if (state === '') return undefined;
  // %MEM: "d+.d" right-aligned to l.mem.
  const m = b + l.mem;
  const tenths = s.charCodeAt(m - 1) - 48;
  if (s.charCodeAt(m - 2) !== 46 || tenths < 0 || tenths > 9) return undefined;
  const whole = back(s, b + l.st + 2, m - 2);
  if (whole < 0) return undefined;
  const t0 = s.charCodeAt(b + l.task);
  const t1 = s.charCodeAt(b + l.taskEnd - 1);
  if (!((t0 >= 48 && t0 <= 57) || (t0 >= 97 && t0 <= 102)) || !((t1 >= 48 && t1 <= 57) || (t1 >= 97 && t1 <= 102))) return undefined;
  const task = s.slice(b + l.task, b + l.taskEnd);
  if (task.indexOf(' ') !== -1) return undefined;
  let e = end;
  while (s.charCodeAt(e - 1) === 32) e--;
  const c = b + l.comm;
  if (e <= c || s.charCodeAt(c) === 32) return undefined;
  const kernelThread = e - c > 1 && s.charCodeAt(c) === 91 && s.charCodeAt(e - 1) === 93;
  const comm = kernelThread ? s.slice(c + 1, e - 1) : s.slice(c, e);
  return { pid, ppid, cpu, task, state, mem: (whole * 10 + tenths) / 10, vsz, rss, comm, active: lead === 62, kernelThread };
}
