// The one models step: a finished exchange updates the models it fills, parsed
// once, by command. The TUI, reports and replay all go through here.
import type { BacktraceTask } from '../model/backtrace.js';
import type { Exchange } from '../model/exchange.js';
import type { LogRecord } from '../model/log.js';
import { decodeDrgnBacktrace, decodeDrgnLog, decodeDrgnSys, decodeDrgnTasks } from '../parsers/drgn-json.js';
import { extractOops, parseBt, parseKmemInfo, parseLog, parsePs, parseSys, parserFor } from '../parsers/index.js';
import type { Models } from './models.js';
import { decodeDrgnHangs } from '../parsers/drgn-hangs.js';
import { setHangFacts } from './hangs.js';

function words(command: string): string[] {
  return command.trim().split(/\s+/);
}

/** The crashing task's stack (crash `bt`, drgn `kdview:crashed`). */
function setPanicTask(next: Models, t: BacktraceTask | undefined): void {
  if (!t) return;
  next.panicTask = t;
  next.taskBts = { ...next.taskBts, [t.pid]: t };
  next.btPid ??= t.pid;
}

/** Stacks of single tasks (`bt PID`, `foreach bt`, `kdview:bt PID`); `select` shows the first. */
function addTaskBts(next: Models, tasks: readonly BacktraceTask[], select: boolean): void {
  const taskBts = { ...next.taskBts };
  for (const t of tasks) taskBts[t.pid] = t;
  next.taskBts = taskBts;
  if (select && tasks[0]) next.btPid = tasks[0].pid;
}

function setLog(next: Models, log: LogRecord[]): void {
  next.log = log;
  next.oopses = extractOops(log);
}

/** drgn's kdview:* requests, decoded into the same models as crash's output. */
function routeDrgn<M extends Models>(next: M, ex: Exchange): M {
  const [req, arg] = ex.command.trim().slice('kdview:'.length).split(/\s+/);
  switch (req) {
    case 'sys':
      next.sys = decodeDrgnSys(ex.output).value;
      break;
    case 'crashed':
      setPanicTask(next, decodeDrgnBacktrace(ex.output).value.tasks[0]);
      break;
    case 'bt-cpus':
      next.btAll = decodeDrgnBacktrace(ex.output).value;
      break;
    case 'bt':
      addTaskBts(next, decodeDrgnBacktrace(ex.output).value.tasks, arg !== undefined);
      break;
    case 'log':
      setLog(next, decodeDrgnLog(ex.output).value);
      break;
    case 'tasks':
      next.tasks = decodeDrgnTasks(ex.output).value.tasks;
      break;
    case 'hangs':
      setHangFacts(next, decodeDrgnHangs(ex.output).value);
      break;
    default:
      break;
  }
  return next;
}

export function applyExchange<M extends Models>(s: M, ex: Exchange): M {
  const next: M = { ...s, exchanges: [...s.exchanges, ex] };
  if (ex.status !== 'ok') return next;
  if (ex.command.trim().startsWith('kdview:')) return routeDrgn(next, ex);
  const kind = parserFor(ex.command);
  const w = words(ex.command);
  switch (kind) {
    case 'sys':
      next.sys = parseSys(ex.output).value;
      break;
    case 'bt': {
      const bt = parseBt(ex.output).value;
      if (w[0] === 'bt' && w.includes('-a')) next.btAll = bt;
      else if (w[0] === 'foreach' || w.length > 1) {
        if (w[0] === 'foreach' && w.length === 2) next.foreachBt = bt;
        addTaskBts(next, bt.tasks, w[0] === 'bt');
      } else setPanicTask(next, bt.tasks[0]);
      break;
    }
    case 'log':
      setLog(next, parseLog(ex.output).value);
      break;
    case 'ps':
      if (w.length === 1 && !s.tasksFromWalk) next.tasks = parsePs(ex.output).value.tasks;
      break;
    case 'kmem-i':
      next.memory = parseKmemInfo(ex.output).value;
      break;
    default:
      break;
  }
  return next;
}
