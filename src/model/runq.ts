/** Output of crash `runq` (and `runq -t`). */
export interface RunQueues {
  cpus: CpuRunQueue[];
}

export interface CpuRunQueue {
  cpu: number;
  /** Address of the per-CPU struct rq, hex without 0x. */
  address?: string;
  /** `runq -t`: the run queue's clock. */
  timestamp?: number;
  current?: RunqTask;
  /** Sub-queues in the order printed: "RT" (PRIO_ARRAY), "CFS" (RB_ROOT), "DL", ... */
  queues: RunQueue[];
}

export interface RunQueue {
  name: string;
  /** Address printed after the queue name, hex without 0x. */
  address?: string;
  tasks: RunqTask[];
}

export interface RunqTask {
  pid: number;
  task: string;
  command: string;
  /** The `[120]` priority in front of a queued task. */
  prio?: number;
  /** `runq -t`: the task's last-arrival timestamp. */
  timestamp?: number;
}
