// Parser for crash `runq` and `runq -t`:
// CPU 0 RUNQUEUE: ffff9664aee21580
//   CURRENT: PID: 140    TASK: ffff966481dc6e00  COMMAND: "lkdtm-trigger"
//   RT PRIO_ARRAY: ffff9664aee21780
//      [no tasks queued]
//   CFS RB_ROOT: ffff9664aee21630
//      [120] PID: 97     TASK: ffff966481a72940  COMMAND: "cruncher"
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { CpuRunQueue, RunQueue, RunqTask, RunQueues } from '../model/runq.js';
import { diag, isBlank, skipSpaces, splitLines, toInt, tokens } from './lines.js';
import { readTaskHeader } from './task-header.js';

function taskAt(t: string, i: number): RunqTask | undefined {
  const h = readTaskHeader(t, i);
  return h ? { pid: h.pid, task: h.task, command: h.command } : undefined;
}

/** Queue header: "RT PRIO_ARRAY: addr", "CFS RB_ROOT: addr", "DL_RQ: addr"... */
function readQueueHeader(t: string): RunQueue | undefined {
  const colon = t.indexOf(':');
  if (colon <= 0) return undefined;
  const words = t.slice(0, colon).split(' ');
  if (words.some((w) => !/^[A-Z_]+$/.test(w))) return undefined;
  const q = { name: words[0] as string } as RunQueue;
  const addr = t.slice(colon + 1).trim();
  if (addr) q.address = addr;
  q.tasks = [];
  return q;
}

export function parseRunq(text: string): Parsed<RunQueues> {
  const cpus: CpuRunQueue[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = splitLines(text);
  let cpu: CpuRunQueue | undefined;
  let queue: RunQueue | undefined;
  for (let n = 0; n < lines.length; n++) {
    const s = lines[n] as string;
    if (isBlank(s)) continue;
    const t = s.trim();
    const bad = (why: string): void => {
      const err = t.startsWith('runq: ');
      diagnostics.push(diag(n + 1, err ? t : why, s, err ? 'error' : 'warning'));
    };
    if (t.startsWith('CPU ')) {
      const tk = tokens(t);
      const num = toInt((tk[1] ?? '').replace(/:$/, ''));
      if (num === undefined) { bad('unreadable CPU line'); continue; }
      cpu = { cpu: num } as CpuRunQueue;
      queue = undefined;
      if (tk[2] === 'RUNQUEUE:' && tk[3]) cpu.address = tk[3];
      else if (tk[2] !== undefined && (tk[1] ?? '').endsWith(':')) {
        const ts = toInt(tk[2]);
        if (ts !== undefined) cpu.timestamp = ts;
      }
      cpu.queues = [];
      cpus.push(cpu);
      continue;
    }
    if (!cpu) { bad('line before any CPU'); continue; }
    if (t.startsWith('CURRENT: ')) {
      const task = taskAt(t, skipSpaces(t, 8));
      if (task) cpu.current = task;
      else bad('unreadable CURRENT task');
      continue;
    }
    if (t === '[no tasks queued]') continue;
    if (t.charCodeAt(0) === 91 /* [ */) {
      const close = t.indexOf(']');
      const prio = toInt(t.slice(1, close).trim());
      const task = close > 0 ? taskAt(t, skipSpaces(t, close + 1)) : undefined;
      if (!task || prio === undefined || !queue) { bad('unreadable queued task'); continue; }
      queue.tasks.push({ prio, ...task });
      continue;
    }
    const c0 = t.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) {
      // runq -t: "7138343600  PID: 140 ..." is the current task's timestamp.
      const sp = t.indexOf(' ');
      const ts = toInt(t.slice(0, sp));
      const task = sp > 0 ? taskAt(t, skipSpaces(t, sp)) : undefined;
      if (!task || ts === undefined) { bad('unreadable timestamped task'); continue; }
      task.timestamp = ts;
      cpu.current = task;
      continue;
    }
    const q = readQueueHeader(t);
    if (q) {
      queue = q;
      cpu.queues.push(q);
      continue;
    }
    bad('unrecognised runq line');
  }
  return { value: { cpus }, diagnostics };
}
