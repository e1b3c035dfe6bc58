// The wait-for graph of blocked tasks: what each waits on, who holds it, and
// the task at the root that holds everything up. Types only.

/** What a task sleeps on. `none`: it sleeps, but no lock or wait object was found. */
export type LockKind =
  | 'mutex'
  | 'rwsem'
  | 'percpu-rwsem'
  | 'semaphore'
  | 'completion'
  | 'folio'
  | 'buffer'
  | 'waitqueue'
  | 'none';

/** What a backend read about the object one task waits on, before decoding. */
export interface LockFacts {
  kind: LockKind;
  /** Address of the lock (hex without 0x); absent when not found. */
  address?: string;
  /** Human name of the lock from its containing object ("i_rwsem of /data/db.log on vdb"). */
  name?: string;
  /** The raw owner word (mutex, rwsem), hex without 0x, flag bits not yet masked. */
  owner?: string;
  /** The raw count word (rwsem), hex without 0x (two's complement). */
  count?: string;
  /** Waiting for read or write (rwsem, percpu rwsem). */
  mode?: 'read' | 'write';
  /** How the lock was found: "frame variable sem of rwsem_down_write_slowpath", "waiter record on the stack". */
  via?: string;
  /** Best evidence when the lock records no owner (the freezer of a frozen fs, ...). */
  evidence?: string;
  /** Tasks (task_struct addresses) recorded as holding it for read, where the kernel records them. */
  readers?: string[];
}

/** What a backend read about one task: a blocked task, or the owner of a lock. */
export interface WaitFacts {
  pid: number;
  comm: string;
  /** crash's two-letter state (UN, IN, RU, ...). */
  state: string;
  /** task_struct address, hex without 0x. */
  task: string;
  /** Milliseconds since the task last ran (sched_info.last_arrival, or ps -m). */
  sinceMs?: number;
  /** On a CPU at the time of the dump. */
  active?: boolean;
  /** Function names of its stack, innermost first. */
  stack: string[];
  /** Index in `stack` of the frame that waits (the lock's slow path, or the first frame above the scheduler). */
  waitFrame?: number;
  /** What it waits on, if anything was found. */
  lock?: LockFacts;
  /** Why nothing more is known (stack unreadable, ...). */
  note?: string;
}

/** What the task at the end of a chain is doing. */
export type ActivityKind =
  | 'running'
  | 'io'
  | 'blocked'
  | 'userfault'
  | 'pipe'
  | 'timer'
  | 'futex'
  | 'poll'
  | 'user'
  | 'sleeping'
  | 'unknown';

export interface HangTask {
  pid: number;
  comm: string;
  state: string;
  /** The waiting frame's function. */
  waitsIn: string | null;
  /** Seconds since it last ran; null when not known. */
  since: number | null;
}

export interface HangLock {
  kind: LockKind;
  address: string | null;
  name: string | null;
}

export interface HangRoot extends HangTask {
  activity: ActivityKind;
  /** "sleeps in handle_userfault (a userfaultfd fault nobody serves)". */
  doing: string;
}

/** One step of the chain from the waiters' lock to the root: a lock and who holds it. */
export interface HangLink {
  lock: HangLock;
  owner: { pid: number; comm: string; state: string } | null;
  /** "no owner recorded" and the best evidence, when owner is null. */
  note: string | null;
}

/** One group of waiters on one lock, followed down to its root. */
export interface Hang {
  /** The task that holds everything up (the end of the owner chain); null when no owner is known. */
  root: HangRoot | null;
  lock: HangLock;
  owner: { pid: number; comm: string } | null;
  waiters: HangTask[];
  /** This lock, then the lock its owner waits on, and so on down to the root. */
  chain: HangLink[];
  /** The owner chain comes back to a waiter: a deadlock. */
  cycle: boolean;
  /** Readers recorded on an rwsem held for read (may be stale: the kernel records only the last). */
  readers: Array<{ pid: number; comm: string }>;
  /** All tasks blocked behind the root through this group (waiters and the chain's owners). */
  blocked: number;
  /** The scheduler function the waiters called (schedule, io_schedule, ...), when their stacks show it. */
  scheduler?: string;
  /** One sentence: "4 tasks (...) wait for ..., held by ..., which ...". */
  summary: string;
}
