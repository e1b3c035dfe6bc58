// Both engines at once (`--backend both`): the panes fill from drgn's
// requests as soon as drgn answers; crash, once loaded, adds what drgn has no
// equivalent for (`kmem -i`), takes over `bt -a` and the bulk `foreach bt` of
// the cluster view (drgn serves them until then), and takes over the Console.
// Each fact comes from the engine that gives it first: crash does not re-run
// what drgn already filled, so the panes never flicker or reset when crash
// arrives. If drgn never answers, crash's own profile (with its task-list
// recovery) applies.
import { settleStacks } from '../both-stacks.js';
import { tableIncomplete } from '../task-recovery.js';
import type { BackendProfile } from './profile.js';
import { CRASH_PROFILE } from './crash.js';
import { DRGN_PROFILE, everyStackCommand } from './drgn.js';

export interface EngineStatus {
  /** The engine that was ready first. */
  readonly first: 'crash' | 'drgn' | undefined;
  isDead(name: 'crash' | 'drgn'): boolean;
  /** Loaded the dump and still running. */
  isUp(name: 'crash' | 'drgn'): boolean;
  /** What the engine warned about once it had loaded the dump. */
  startupWarnings(name: 'crash' | 'drgn'): readonly string[];
}

export function bothProfile(engines: EngineStatus): BackendProfile {
  const drgnFirst = () => engines.first !== 'crash';
  const drgnUp = () => !engines.isDead('drgn');
  const crashUp = () => !engines.isDead('crash');
  /** Bulk work goes to crash once it has loaded the dump, to drgn before (or when crash is gone). */
  const bulkToCrash = () => engines.isUp('crash') || !drgnUp();
  // crash 8.0.2 on stock Debian 12 kernels lists a few tasks only (its PID hash lookups fail): every task's stack stays drgn's.
  const crashListsAll = () => !tableIncomplete(engines.startupWarnings('crash'));
  return {
    name: 'crash',
    get initial() {
      return drgnFirst() ? DRGN_PROFILE.initial : CRASH_PROFILE.initial;
    },
    get background() {
      return drgnFirst() ? [...DRGN_PROFILE.background, 'kmem -i'] : CRASH_PROFILE.background;
    },
    get allCpus() {
      return bulkToCrash() ? CRASH_PROFILE.allCpus : DRGN_PROFILE.allCpus;
    },
    allStacks: (m) => {
      // drgn's request for every listed task's stack (about 4 ms a task), while crash loads or when crash cannot list every task.
      if (!bulkToCrash() || (drgnUp() && !crashListsAll())) return everyStackCommand(m) ?? (crashUp() ? CRASH_PROFILE.allStacks?.(m) : undefined);
      return crashUp() ? CRASH_PROFILE.allStacks?.(m) : undefined;
    },
    // drgn unwinds every task it lists, including those crash 8.0.2 cannot find, and through modules.
    taskBt: (t) => (drgnUp() ? DRGN_PROFILE : CRASH_PROFILE).taskBt(t),
    disassemble: (f) => (crashUp() ? CRASH_PROFILE.disassemble(f) : undefined),
    hasBt: (s, t) => s.taskBts[t.pid],
    owns: () => true,
    apply: (next, ex) => (DRGN_PROFILE.owns(ex.command) ? DRGN_PROFILE : CRASH_PROFILE).apply(next, ex),
    // Each stack labelled with its engine; drgn's kept where crash's stops short.
    settle: (next, before, ex) => settleStacks(next, before.taskBts, DRGN_PROFILE.owns(ex.command) ? 'drgn' : 'crash'),
    // drgn answers kdview:hangs among its background requests: crash does not read the same stacks again.
    get hangsRequest() {
      return drgnFirst() && drgnUp() ? DRGN_PROFILE.hangsRequest : undefined;
    },
    get walk() {
      return drgnFirst() ? undefined : CRASH_PROFILE.walk;
    },
    stackPointers: CRASH_PROFILE.stackPointers,
    triage: CRASH_PROFILE.triage,
  };
}
