// Parser for crash `runq` and `runq -t`:
// CPU 0 RUNQUEUE: ffff9664aee21580
//   CURRENT: PID: 140    TASK: ffff966481dc6e00  COMMAND: "lkdtm-trigger"
//   RT PRIO_ARRAY: ffff9664aee21780
//      [no tasks queued]
//   CFS RB_ROOT: ffff9664aee21630
//      [120] PID: 97     TASK: ffff966481a72940  COMMAND: "cruncher"
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { CpuRunQueue, RunQueue, RunqTask, RunQueues } from '../model/runq.js';
import { diag, eachLine, findChar, skipSpaces, skipToken } from './lines.js';
import { readTaskHeader } from './task-header.js';

function taskAt(s: string, i: number, end: number): RunqTask | undefined {
  const h = readTaskHeader(s, i, end);
  return h ? { pid: h.pid, task: h.task, command: h.command } : undefined;
}

/** A decimal integer at s[a, b), or -1. */
function uint(s: string, a: number, b: number): number {
  if (b <= a || b - a > 15) return -1;
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** Queue header at s[i, end): "RT PRIO_ARRAY: addr", "CFS RB_ROOT: addr", "DL_RQ: addr"... */
function readQueueHeader(s: string, i: number, end: number): RunQueue | undefined {
  const colon = findChar(s, 58 /* : */, i, end);
  if (colon <= i) return undefined;
  for (let k = i; k < colon; k++) {
    const c = s.charCodeAt(k);
    if (!((c >= 65 && c <= 90) || c === 95 || c === 32)) return undefined;
  }
  const name = s.slice(i, Math.min(skipToken(s, i), colon));
  const a = skipSpaces(s, colon + 1);
  let b = end;
  while (b > a && s.charCodeAt(b - 1) === 32) b--;
  return b > a ? { name, address: s.slice(a, b), tasks: [] } : { name, tasks: [] };
}

class RunqReader {
  readonly cpus: CpuRunQueue[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private cpu: CpuRunQueue | undefined;
  private queue: RunQueue | undefined;

  private bad(s: string, start: number, end: number, n: number, why: string): void {
    const line = s.slice(start, end);
    const err = line.trim().startsWith('runq: ');
    this.diagnostics.push(diag(n, err ? line.trim() : why, line, err ? 'error' : 'warning'));
  }

  line(s: string, start: number, end: number, n: number): void {
    const i = skipSpaces(s, start);
    if (i >= end) return;
    const c = s.charCodeAt(i);
    const cpu = this.cpu;
    if (c === 91 /* [ */ && cpu) {
      if (s.startsWith('[no tasks queued]', i)) return;
      const close = findChar(s, 93 /* ] */, i, end);
      const prio = close > 0 ? uint(s, skipSpaces(s, i + 1), close) : -1;
      const task = close > 0 ? taskAt(s, skipSpaces(s, close + 1), end) : undefined;
      if (!task || prio < 0 || !this.queue) return this.bad(s, start, end, n, 'unreadable queued task');
      this.queue.tasks.push({ prio, pid: task.pid, task: task.task, command: task.command });
      return;
    }
    if (s.startsWith('CPU ', i)) return this.cpuLine(s, i, start, end, n);
    if (!cpu) return this.bad(s, start, end, n, 'line before any CPU');
    if (s.startsWith('CURRENT: ', i)) {
      const task = taskAt(s, skipSpaces(s, i + 8), end);
      if (task) cpu.current = task;
      else this.bad(s, start, end, n, 'unreadable CURRENT task');
      return;
    }
    if (c >= 48 && c <= 57) {
      // runq -t: "7138343600  PID: 140 ..." is the current task's timestamp.
      const sp = Math.min(skipToken(s, i), end);
      const ts = uint(s, i, sp);
      const task = taskAt(s, skipSpaces(s, sp), end);
      if (!task || ts < 0) return this.bad(s, start, end, n, 'unreadable timestamped task');
      task.timestamp = ts;
      cpu.current = task;
      return;
    }
    const q = readQueueHeader(s, i, end);
    if (q) {
      this.queue = q;
      cpu.queues.push(q);
      return;
    }
    this.bad(s, start, end, n, 'unrecognised runq line');
  }

  /** "CPU 0 RUNQUEUE: ffff9664aee21580" or, with -t, " CPU 0: 7145328301". */
  private cpuLine(s: string, i: number, start: number, end: number, n: number): void {
    const a = i + 4;
    let b = Math.min(skipToken(s, a), end);
    const timed = s.charCodeAt(b - 1) === 58; /* : */
    const num = uint(s, a, timed ? b - 1 : b);
    if (num < 0) return this.bad(s, start, end, n, 'unreadable CPU line');
    const cpu = { cpu: num } as CpuRunQueue;
    let p = skipSpaces(s, b);
    if (s.startsWith('RUNQUEUE: ', p)) {
      p = skipSpaces(s, p + 10);
      b = Math.min(skipToken(s, p), end);
      if (b > p) cpu.address = s.slice(p, b);
    } else if (timed && p < end) {
      const ts = uint(s, p, Math.min(skipToken(s, p), end));
      if (ts >= 0) cpu.timestamp = ts;
    }
    cpu.queues = [];
    this.cpus.push(cpu);
    this.cpu = cpu;
    this.queue = undefined;
  }
}

export function parseRunq(text: string): Parsed<RunQueues> {
  const r = new RunqReader();
  eachLine(text, (s, start, end, n) => r.line(s, start, end, n));
  return { value: { cpus: r.cpus }, diagnostics: r.diagnostics };
}
