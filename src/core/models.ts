// What kdview knows about one dump, parsed once from the backend's exchanges:
// shared by the TUI, reports and replay. UI-free.
import type { Backtrace, BacktraceTask } from '../model/backtrace.js';
import type { Exchange } from '../model/exchange.js';
import type { Hang, WaitFacts } from '../model/hang.js';
import type { LogRecord } from '../model/log.js';
import type { MemoryInfo } from '../model/memory.js';
import type { Oops } from '../model/oops.js';
import type { SysInfo } from '../model/sys.js';
import type { Task } from '../model/task.js';

export interface Models {
  sys?: SysInfo;
  panicTask?: BacktraceTask;
  btAll?: Backtrace;
  /** Backtraces fetched for single tasks, by pid. */
  taskBts: Record<number, BacktraceTask>;
  log?: LogRecord[];
  oopses: Oops[];
  tasks?: Task[];
  /** crash's own task table is incomplete (PID-hash warning); the list came from walking the task list. */
  taskTableIncomplete: boolean;
  tasksFromWalk: boolean;
  memory?: MemoryInfo;
  exchanges: Exchange[];
  /** The last `foreach bt` (crash), for the cluster view. */
  foreachBt?: Backtrace;
  /** What blocked tasks wait on (drgn `kdview:hangs`, or crash's stack scan), and the graph built from it. */
  hangFacts?: WaitFacts[];
  hangs?: Hang[];
  /** The task whose stack the Backtrace pane shows (set by `bt PID`). */
  btPid?: number;
}

export function emptyModels(): Models {
  return { taskBts: {}, oopses: [], taskTableIncomplete: false, tasksFromWalk: false, exchanges: [] };
}
