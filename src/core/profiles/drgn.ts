// The drgn backend, complete: kdview's kdview:* requests to its helper, how
// their JSON answers become the same models as crash's outputs, and the
// triage a report runs (`kdview report --backend drgn`).
import type { Parsed } from '../../model/diagnostic.js';
import type { Exchange } from '../../model/exchange.js';
import { decodeDrgnHangs } from '../../parsers/drgn-hangs.js';
import { decodeDrgnBacktrace, decodeDrgnLog, decodeDrgnSys, decodeDrgnTasks } from '../../parsers/drgn-json.js';
import { setHangFacts } from '../hangs.js';
import { addTaskBts, noted, setLog, setPanicTask } from '../model-updates.js';
import type { Models } from '../models.js';
import type { BackendProfile, TriagePlan } from './profile.js';

export const DRGN_TRIAGE = {
  sys: 'kdview:sys',
  bt: 'kdview:crashed',
  btAll: 'kdview:bt-cpus',
  log: 'kdview:log',
  tasks: 'kdview:tasks',
  hangs: 'kdview:hangs',
} as const;

/** One request for every task's stack (drgn unwinds ~230 stacks a second). */
export function allStacksCommand(pids: readonly number[]): string {
  return `kdview:bt ${pids.join(' ')}`;
}

/** The request for every listed task's stack (each PID once), when any task is listed. */
export function everyStackCommand(m: Models): string | undefined {
  const pids = [...new Set((m.tasks ?? []).map((t) => t.pid))];
  return pids.length > 0 ? allStacksCommand(pids) : undefined;
}

const hex = (a: string) => (a.startsWith('0x') ? a : `0x${a}`);

function applyDrgn(next: Models, ex: Exchange): void {
  const [req, ...args] = ex.command.trim().slice('kdview:'.length).split(/\s+/);
  const read = <T>(parsed: Parsed<T>): T => noted(next, ex.command, 'drgn', parsed);
  switch (req) {
    case 'sys':
      next.sys = read(decodeDrgnSys(ex.output));
      break;
    case 'crashed':
      setPanicTask(next, read(decodeDrgnBacktrace(ex.output)).tasks[0]);
      break;
    case 'bt-cpus':
      next.btAll = read(decodeDrgnBacktrace(ex.output));
      break;
    case 'bt': {
      const bt = read(decodeDrgnBacktrace(ex.output));
      // Several tasks at once: every task's stack (the report's, for clusters).
      if (args.length > 1) next.foreachBt = bt;
      addTaskBts(next, bt.tasks, args.length === 1);
      break;
    }
    case 'log':
      setLog(next, read(decodeDrgnLog(ex.output)));
      break;
    case 'tasks':
      next.tasks = read(decodeDrgnTasks(ex.output)).tasks;
      break;
    case 'hangs':
      setHangFacts(next, read(decodeDrgnHangs(ex.output)));
      break;
    default:
      break;
  }
}

const triage: TriagePlan = {
  commands: Object.values(DRGN_TRIAGE),
  followUps: (m) => {
    const every = everyStackCommand(m);
    return { commands: every ? [every] : [], warnings: [] };
  },
  modes: [{ mode: 'normal', args: [] }],
  availableIn: () => true,
  warnings: ['drgn has no kmem -i or mod equivalent here: memory and modules are left out'],
};

export const DRGN_PROFILE: BackendProfile = {
  name: 'drgn',
  initial: ['kdview:sys', 'kdview:crashed', 'kdview:log', 'kdview:tasks'],
  background: ['kdview:bt-cpus', 'kdview:hangs'],
  allCpus: 'kdview:bt-cpus',
  taskBt: (t) => `kdview:bt ${t.pid === 0 ? hex(t.task) : t.pid}`,
  disassemble: () => undefined,
  hasBt: (s, t) => s.taskBts[t.pid],
  owns: (command) => command.trim().startsWith('kdview:'),
  apply: applyDrgn,
  hangsRequest: DRGN_TRIAGE.hangs,
  triage,
};
