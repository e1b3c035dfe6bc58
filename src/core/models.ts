// What kdview knows about one dump, parsed once from the backend's exchanges:
// shared by the TUI, reports and replay. UI-free.
import type { Backtrace, BacktraceTask } from '../model/backtrace.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Exchange } from '../model/exchange.js';
import type { Hang, WaitFacts } from '../model/hang.js';
import type { LogRecord } from '../model/log.js';
import type { MemoryInfo } from '../model/memory.js';
import type { ModuleList } from '../model/module.js';
import type { Oops } from '../model/oops.js';
import type { SysInfo } from '../model/sys.js';
import type { Task, TaskAge } from '../model/task.js';

/** A task's kernel stack base and saved stack pointer (from the task walk), hex without 0x. */
export interface SavedStack {
  pid: number;
  stack: string;
  sp: string;
}

/** What a parser could not read in one exchange's output (coded; at most MAX_KEPT kept). */
export interface ExchangeDiagnostics {
  command: string;
  /** The parser kind (`ps`, `bt`, ..., `walk`, `drgn`). */
  kind: string;
  /** How many there were (diagnostics holds the first ones). */
  count: number;
  diagnostics: Diagnostic[];
}

export interface Models {
  sys?: SysInfo;
  panicTask?: BacktraceTask;
  btAll?: Backtrace;
  /** Backtraces fetched for single tasks, by pid (scanned stacks of recovered tasks too). */
  taskBts: Record<number, BacktraceTask>;
  log?: LogRecord[];
  oopses: Oops[];
  /** The task list: crash's `ps`, or the walked list merged with it (tasksFromWalk). */
  tasks?: Task[];
  /** crash's own `ps` rows, kept so a walk and a later `ps` merge in either order. */
  psTasks?: Task[];
  /** The tasks the walk of init_task.tasks found (only when crash's table is incomplete). */
  walkedTasks?: Task[];
  /** Saved stack pointers from the walk, by task address: what a stack scan reads. */
  savedStacks?: Record<string, SavedStack>;
  /** crash's own task table is incomplete (PID-hash warning); the list came from walking the task list. */
  taskTableIncomplete: boolean;
  tasksFromWalk: boolean;
  /** `ps -m`: time since each task last ran. */
  ages?: TaskAge[];
  memory?: MemoryInfo;
  modules?: ModuleList;
  exchanges: Exchange[];
  /** Every task's stack: crash's last `foreach bt`, drgn's stacks of all tasks. */
  foreachBt?: Backtrace;
  /** What blocked tasks wait on (drgn `kdview:hangs`, or crash's stack scan), and the graph built from it. */
  hangFacts?: WaitFacts[];
  hangs?: Hang[];
  /** Lines the parsers did not understand, per exchange that had any. */
  diagnostics?: ExchangeDiagnostics[];
  /** The task whose stack the Backtrace pane shows (set by `bt PID`). */
  btPid?: number;
}

export function emptyModels(): Models {
  return { taskBts: {}, oopses: [], taskTableIncomplete: false, tasksFromWalk: false, exchanges: [] };
}
