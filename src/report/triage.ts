// The default triage: which crash commands a report runs, and which of them
// work in each mode crash can open a dump in.
import type { ReportMode } from './model.js';

export const TRIAGE = {
  sys: 'sys',
  bt: 'bt',
  btAll: 'bt -a',
  /** `log -m` is `log` with each record's level, which the timeline needs. */
  log: 'log -m',
  ps: 'ps',
  psAges: 'ps -m',
  foreachBt: 'foreach bt',
  kmem: 'kmem -i',
  mod: 'mod',
} as const;

/** The fixed part of the triage, in the order it runs; `bt PID` of each UN task follows. */
export const TRIAGE_COMMANDS: readonly string[] = Object.values(TRIAGE);

/** Commands crash's --minimal mode offers: log, dis, rd, sym, eval, set, exit. */
const MINIMAL_OK = new Set(['log', 'dis', 'rd', 'sym', 'eval', 'set', 'exit']);

export function availableIn(mode: ReportMode, command: string): boolean {
  if (mode !== 'minimal') return true;
  return MINIMAL_OK.has(command.trim().split(/\s+/)[0] ?? '');
}

/** Extra crash arguments per mode, tried in this order. */
export const MODES: readonly { mode: ReportMode; args: readonly string[] }[] = [
  { mode: 'normal', args: [] },
  { mode: 'zero_excluded', args: ['--zero_excluded'] },
  { mode: 'minimal', args: ['--minimal'] },
];

/** At most this many `bt PID` runs for UN tasks; beyond it their stacks come from `foreach bt`. */
export const MAX_HUNG_BT = 64;

export function hungBtCommand(pid: number): string {
  return `bt ${pid}`;
}
