// What differs between the crash and drgn backends for the panes: which
// commands fill them and how their outputs become models.
import type { BacktraceTask, Frame } from '../model/backtrace.js';
import type { Task } from '../model/task.js';
import type { Models } from './models.js';

export type BackendName = 'crash' | 'drgn';

export interface BackendProfile {
  name: BackendName;
  /** Commands that fill the panes at start-up, then the ones that may come later. */
  initial: readonly string[];
  background: readonly string[];
  /** The command for bt -a (all CPUs). */
  allCpus: string;
  /** The command for one task's backtrace. */
  taskBt(task: Task): string;
  /** The command that disassembles around a frame, if the backend has one. */
  disassemble(frame: Frame): string | undefined;
  /** Whether a task's backtrace is already known. */
  hasBt(s: Models, task: Task): BacktraceTask | undefined;
}

const hex = (a: string) => (a.startsWith('0x') ? a : `0x${a}`);

export const CRASH_PROFILE: BackendProfile = {
  name: 'crash',
  // `log -m` is `log` with each record's level, for colours and the level filter.
  initial: ['sys', 'bt', 'log -m', 'ps'],
  background: ['bt -a', 'kmem -i'],
  allCpus: 'bt -a',
  taskBt: (t) => `bt ${t.pid === 0 ? t.task : t.pid}`,
  disassemble: (f) => (f.address ? `dis -l ${hex(f.address)} 8` : undefined),
  hasBt: (s, t) => s.taskBts[t.pid],
};

export const DRGN_PROFILE: BackendProfile = {
  name: 'drgn',
  initial: ['kdview:sys', 'kdview:crashed', 'kdview:log', 'kdview:tasks'],
  background: ['kdview:bt-cpus', 'kdview:hangs'],
  allCpus: 'kdview:bt-cpus',
  taskBt: (t) => `kdview:bt ${t.pid === 0 ? hex(t.task) : t.pid}`,
  disassemble: () => undefined,
  hasBt: (s, t) => s.taskBts[t.pid],
};

export function profileFor(name: BackendName): BackendProfile {
  return name === 'drgn' ? DRGN_PROFILE : CRASH_PROFILE;
}
