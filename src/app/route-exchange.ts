// Feeds a finished exchange into the models it updates, by command.
import type { Exchange } from '../model/exchange.js';
import { decodeDrgnBacktrace, decodeDrgnLog, decodeDrgnSys, decodeDrgnTasks } from '../parsers/drgn-json.js';
import { extractOops, parseBt, parseKmemInfo, parseLog, parsePs, parseSys, parserFor } from '../parsers/index.js';
import type { AppState } from './state.js';

function words(command: string): string[] {
  return command.trim().split(/\s+/);
}

/** drgn's kdview:* requests, decoded into the same models as crash's output. */
function routeDrgn(next: AppState, ex: Exchange): AppState {
  const [req, arg] = ex.command.trim().slice('kdview:'.length).split(/\s+/);
  switch (req) {
    case 'sys':
      next.sys = decodeDrgnSys(ex.output).value;
      break;
    case 'crashed': {
      const t = decodeDrgnBacktrace(ex.output).value.tasks[0];
      if (t) {
        next.panicTask = t;
        next.taskBts = { ...next.taskBts, [t.pid]: t };
        next.btPid ??= t.pid;
      }
      break;
    }
    case 'bt-cpus':
      next.btAll = decodeDrgnBacktrace(ex.output).value;
      break;
    case 'bt': {
      const bt = decodeDrgnBacktrace(ex.output).value;
      const taskBts = { ...next.taskBts };
      for (const t of bt.tasks) taskBts[t.pid] = t;
      next.taskBts = taskBts;
      if (bt.tasks[0] && arg !== undefined) next.btPid = bt.tasks[0].pid;
      break;
    }
    case 'log': {
      const log = decodeDrgnLog(ex.output).value;
      next.log = log;
      next.oopses = extractOops(log);
      break;
    }
    case 'tasks':
      next.tasks = decodeDrgnTasks(ex.output).value.tasks;
      break;
    default:
      break;
  }
  return next;
}

export function routeExchange(s: AppState, ex: Exchange): AppState {
  const next: AppState = { ...s, exchanges: [...s.exchanges, ex] };
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
        const taskBts = { ...s.taskBts };
        for (const t of bt.tasks) taskBts[t.pid] = t;
        next.taskBts = taskBts;
        if (w[0] === 'bt' && bt.tasks[0]) next.btPid = bt.tasks[0].pid;
      } else if (bt.tasks[0]) {
        next.panicTask = bt.tasks[0];
        next.taskBts = { ...s.taskBts, [bt.tasks[0].pid]: bt.tasks[0] };
        next.btPid ??= bt.tasks[0].pid;
      }
      break;
    }
    case 'log': {
      const log = parseLog(ex.output).value;
      next.log = log;
      next.oopses = extractOops(log);
      break;
    }
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
