/** What crash's `sys` prints (and the same block it prints at start-up). */
export interface SysInfo {
  /** KERNEL: path of the vmlinux crash loaded. */
  kernel?: string;
  /** DUMPFILE: path of the dump, without the bracketed flags. */
  dumpfile?: string;
  /** Bracketed flags after DUMPFILE, e.g. ["PARTIAL DUMP"]. */
  dumpfileFlags?: string[];
  /** CPUS: number of CPUs present. */
  cpus?: number;
  /** The N of `CPUS: 4 [OFFLINE: N]`. */
  cpusOffline?: number;
  /** DATE: as printed. */
  date?: string;
  /** UPTIME: as printed, e.g. "00:00:06" or "12 days, 03:04:05". */
  uptime?: string;
  /** UPTIME in seconds, when the text could be read. */
  uptimeSeconds?: number;
  /** LOAD AVERAGE: the three numbers. */
  loadAverage?: number[];
  /**
   * TASKS: as crash counted them, which includes one idle task (PID 0) per
   * CPU. From drgn: the tasks `for_each_task` walks, which skips the idle tasks.
   */
  tasks?: number;
  nodename?: string;
  release?: string;
  version?: string;
  /** MACHINE: the architecture, e.g. "x86_64". */
  machine?: string;
  /** The `(2596 Mhz)` after MACHINE. */
  mhz?: number;
  /** MEMORY: as printed, e.g. "767.5 MB". */
  memory?: string;
  /** MEMORY in bytes (approximate: crash rounds). */
  memoryBytes?: number;
  /** PANIC: the panic string, without the quotes. */
  panic?: string;
  /** Text crash prints after the closing quote of PANIC, e.g. "(check log for details)". */
  panicNote?: string;
  /** The start-up block adds the panic task: PID, COMMAND, TASK, CPU, STATE. */
  pid?: number;
  command?: string;
  task?: string;
  /** The `[THREAD_INFO: addr]` after TASK. */
  threadInfo?: string;
  cpu?: number;
  state?: string;
  /** Lines crash printed as `WARNING: ...` around the block. */
  warnings?: string[];
  /** Any other `KEY: value` line, keyed by the key as printed. */
  extra?: Record<string, string>;
}
