// What one backend is to kdview, in one place: the commands that fill the
// models, how its outputs become models, and the triage a report runs.
import type { BacktraceTask, Frame } from '../../model/backtrace.js';
import type { Exchange } from '../../model/exchange.js';
import type { Task } from '../../model/task.js';
import type { Models } from '../models.js';

export type BackendName = 'crash' | 'drgn';

/** How a backend can open a dump: crash tries plain, then --zero_excluded, then --minimal. */
export type OpenMode = 'normal' | 'zero_excluded' | 'minimal';

export interface TriagePlan {
  /** The fixed part of a report's triage, in the order it runs. */
  commands: readonly string[];
  /** Commands that follow once the fixed part's models are known (`bt PID` of UN tasks; drgn: all stacks). */
  followUps(m: Models): { commands: string[]; warnings: string[] };
  /** The modes the backend may open a dump in, tried in this order, with their extra arguments. */
  modes: readonly { mode: OpenMode; args: readonly string[] }[];
  /** Whether a command works in a mode (crash --minimal offers only a few). */
  availableIn(mode: OpenMode, command: string): boolean;
  /** Warnings every report from this backend carries. */
  warnings: readonly string[];
}

export interface BackendProfile {
  name: BackendName;
  /** Commands that fill the panes at start-up, then the ones that may come later. */
  initial: readonly string[];
  background: readonly string[];
  /** The command for bt -a (all CPUs). */
  allCpus: string;
  /** The command that prints every task's stack for the cluster view, if the backend has one (drgn's names the tasks). */
  allStacks?(m: Models): string | undefined;
  /** The command for one task's backtrace. */
  taskBt(task: Task): string;
  /** The command that disassembles around a frame, if the backend has one. */
  disassemble(frame: Frame): string | undefined;
  /** Whether a task's backtrace is already known. */
  hasBt(s: Models, task: Task): BacktraceTask | undefined;
  /** Whether this profile reads the command's output (it is one of its commands). */
  owns(command: string): boolean;
  /** The models step for this backend's exchanges: `next` is a fresh copy the step may change. */
  apply(next: Models, ex: Exchange): void;
  /** After the models step in a live session (`next` is fresh, `before` the models it came from): both engines label each stack. */
  settle?(next: Models, before: Models, ex: Exchange): void;
  /** The request that answers the hang facts itself (drgn's kdview:hangs); without it kdview reads them from the stacks (crash). */
  hangsRequest?: string;
  /** Recovery of an incomplete task table (crash only): the walk commands, each tried when the one before failed. */
  walk?: readonly string[];
  /** Recovery: the command that prints one task's saved stack pointer, when the walk did not. */
  stackPointers?(task: Task): string;
  triage: TriagePlan;
}
