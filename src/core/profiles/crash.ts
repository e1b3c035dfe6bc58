// The crash backend, complete: the commands that fill the models, how their
// outputs become models, the triage a report runs and the recovery of an
// incomplete task table.
import type { Parsed } from '../../model/diagnostic.js';
import type { Exchange } from '../../model/exchange.js';
import { parseBt, parseKmemInfo, parseLog, parseMod, parsePs, parseSys, parserFor } from '../../parsers/index.js';
import { addTaskBts, noted, setLog, setPanicTask } from '../model-updates.js';
import type { Models } from '../models.js';
import {
  applyScan,
  applyStackPointers,
  applyWalk,
  isTaskWalk,
  setTaskLists,
  stackPointerCommand,
  TASK_WALK_COMMAND,
  TASK_WALK_COMMAND_PLAIN,
} from '../task-recovery.js';
import type { BackendProfile, OpenMode, TriagePlan } from './profile.js';

/** The fixed part of a report's triage, in the order it runs. */
export const TRIAGE = {
  sys: 'sys',
  bt: 'bt',
  btAll: 'bt -a',
  /** `log -m` is `log` with each record's level, for colours, the level filter and the timeline. */
  log: 'log -m',
  ps: 'ps',
  psAges: 'ps -m',
  foreachBt: 'foreach bt',
  kmem: 'kmem -i',
  mod: 'mod',
} as const;

/** At most this many `bt PID` runs for UN tasks; beyond it their stacks come from `foreach bt`. */
export const MAX_HUNG_BT = 64;

export const hungBtCommand = (pid: number) => `bt ${pid}`;

/** Commands crash's --minimal mode offers: log, dis, rd, sym, eval, set, exit. */
const MINIMAL_OK = new Set(['log', 'dis', 'rd', 'sym', 'eval', 'set', 'exit']);

const hex = (a: string) => (a.startsWith('0x') ? a : `0x${a}`);

function words(command: string): string[] {
  return command.trim().split(/\s+/);
}

function applyCrash(next: Models, ex: Exchange): void {
  if (isTaskWalk(ex.command)) return applyWalk(next, ex);
  const read = <T>(kind: string, parsed: Parsed<T>): T => noted(next, ex.command, kind, parsed);
  const w = words(ex.command);
  if (w[0] === 'rd') {
    applyScan(next, ex);
    return;
  }
  if (w[0] === 'struct') {
    applyStackPointers(next, ex);
    return;
  }
  switch (parserFor(ex.command)) {
    case 'sys':
      next.sys = read('sys', parseSys(ex.output));
      break;
    case 'bt': {
      const bt = read('bt', parseBt(ex.output));
      if (w[0] === 'bt' && w.includes('-a')) next.btAll = bt;
      else if (w[0] === 'foreach' || w.length > 1) {
        if (w[0] === 'foreach' && w.length === 2) next.foreachBt = bt;
        addTaskBts(next, bt.tasks, w[0] === 'bt');
      } else setPanicTask(next, bt.tasks[0]);
      break;
    }
    case 'log':
      setLog(next, read('log', parseLog(ex.output)));
      break;
    case 'ps':
      if (w.length === 1) setTaskLists(next, read('ps', parsePs(ex.output)).tasks, next.walkedTasks);
      else if (w.length === 2 && w[1] === '-m') next.ages = read('ps', parsePs(ex.output)).ages ?? [];
      break;
    case 'kmem-i':
      next.memory = read('kmem-i', parseKmemInfo(ex.output));
      break;
    case 'mod':
      if (w.length === 1) next.modules = read('mod', parseMod(ex.output));
      break;
    default:
      break;
  }
}

const triage: TriagePlan = {
  commands: Object.values(TRIAGE),
  followUps(m) {
    // Tasks crash's own table has (`bt PID` fails on the others; their stacks are scanned).
    const pids = [...new Set((m.psTasks ?? []).filter((t) => t.state === 'UN').map((t) => t.pid))];
    const warnings =
      pids.length > MAX_HUNG_BT ? [`${pids.length} UN tasks: bt PID ran for the first ${MAX_HUNG_BT}; the rest use foreach bt`] : [];
    return { commands: pids.slice(0, MAX_HUNG_BT).map(hungBtCommand), warnings };
  },
  modes: [
    { mode: 'normal', args: [] },
    { mode: 'zero_excluded', args: ['--zero_excluded'] },
    { mode: 'minimal', args: ['--minimal'] },
  ] satisfies { mode: OpenMode; args: string[] }[],
  availableIn: (mode, command) => mode !== 'minimal' || MINIMAL_OK.has(words(command)[0] ?? ''),
  warnings: [],
};

export const CRASH_PROFILE: BackendProfile = {
  name: 'crash',
  initial: ['sys', 'bt', 'log -m', 'ps'],
  background: ['bt -a', 'kmem -i'],
  allCpus: 'bt -a',
  allStacks: () => TRIAGE.foreachBt,
  taskBt: (t) => `bt ${t.pid === 0 ? t.task : t.pid}`,
  disassemble: (f) => (f.address ? `dis -l ${hex(f.address)} 8` : undefined),
  hasBt: (s, t) => s.taskBts[t.pid],
  owns: (command) => !command.trim().startsWith('kdview:'),
  apply: applyCrash,
  // The walk with stack fields first; without them where crash rejects them (and in older recordings).
  walk: [TASK_WALK_COMMAND, TASK_WALK_COMMAND_PLAIN],
  stackPointers: stackPointerCommand,
  triage,
};
