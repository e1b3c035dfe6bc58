// Feeds a finished exchange into the models it updates, by command.
import type { Exchange } from '../model/exchange.js';
import { extractOops, parseBt, parseKmemInfo, parseLog, parsePs, parseSys, parserFor } from '../parsers/index.js';
import type { AppState } from './state.js';

function words(command: string): string[] {
  return command.trim().split(/\s+/);
}

export function routeExchange(s: AppState, ex: Exchange): AppState {
  const next: AppState = { ...s, exchanges: [...s.exchanges, ex] };
  if (ex.status !== 'ok') return next;
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
