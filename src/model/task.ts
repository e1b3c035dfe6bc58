/** Two-letter task states crash prints in `ps`, plus "??" for an unknown state. */
export type TaskState =
  | 'RU' | 'IN' | 'UN' | 'ZO' | 'ST' | 'TR' | 'DE' | 'WA' | 'ID' | 'NE' | 'PA' | 'SW' | 'LW' | 'EX' | '??';

/** One row of crash `ps`. */
export interface Task {
  pid: number;
  /** -1 when crash printed -1 or "-" (parent unknown). */
  ppid: number;
  /** -1 when crash printed "-". */
  cpu: number;
  /** task_struct address, hex without 0x. */
  task: string;
  /**
   * crash's two-letter state. From drgn, task_state_to_char() mapped to the
   * same codes: R→RU, S→IN, D→UN, T→ST, t→TR, X→DE, Z→ZO, P→PA, I→ID.
   */
  state: string;
  /** %MEM (from drgn: RSS as a share of totalram pages, one decimal). */
  mem: number;
  /** VSZ in KiB. */
  vsz: number;
  /**
   * RSS in KiB. crash 8.0.2 counts file + anon pages; from drgn it is file +
   * anon + shmem pages, as the kernel's get_mm_rss() (VmRSS) counts them, so
   * tasks mapping tmpfs or shared memory show more under drgn. Both add the
   * per-thread counts not yet synced to the mm (kernels up to 6.1).
   */
  rss: number;
  /** Command name; `[name]` brackets of kernel threads removed. */
  comm: string;
  /** Marked `>` by crash: running on a CPU at the time of the dump. */
  active: boolean;
  /** Shown as `[name]` by crash. */
  kernelThread: boolean;
  /** Columns crash printed that this model has no field for, by header name. */
  extra?: Record<string, string>;
  /** Only the walk of the kernel task list found it (crash's own table missed it). */
  recovered?: boolean;
}

/** One row of `ps -m` (time since last run) or `ps -l` (last-run timestamp). */
export interface TaskAge {
  pid: number;
  task: string;
  cpu: number;
  state: string;
  comm: string;
  /** `ps -m`: "days hh:mm:ss.mmm" as printed, e.g. "0 00:00:06.599". */
  age?: string;
  /** `ps -m`: the age in milliseconds. */
  ageMs?: number;
  /** `ps -l`: the task's last-run timestamp in nanoseconds. */
  lastRun?: number;
}

/** Output of `ps` and its variants; keys appear only when that form was seen. */
export interface PsOutput {
  /** Rows of the `ps` table. */
  tasks: Task[];
  /** `ps -S`: number of tasks per state. */
  states?: Record<string, number>;
  /** `ps -m` / `ps -l` rows, in the order printed (most recent first). */
  ages?: TaskAge[];
}
