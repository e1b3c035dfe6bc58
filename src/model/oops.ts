/** Kinds of kernel crash reports found in a log (coarse; `OopsType` is the fine-grained one). */
export type OopsKind =
  | 'bug'
  | 'null-deref'
  | 'page-fault'
  | 'gpf'
  | 'oops'
  | 'invalid-opcode'
  | 'divide-error'
  | 'double-fault'
  | 'warning'
  | 'lockdep'
  | 'panic'
  | 'soft-lockup'
  | 'hard-lockup'
  | 'hung-task'
  | 'rcu-stall'
  | 'oom-kill'
  | 'oom-panic'
  | 'kasan'
  | 'ubsan'
  | 'atomic-sleep';

/** The report type as kernel developers tell them apart (one per header format). */
export const OOPS_TYPES = [
  'null-deref', 'paging-request', 'page-fault', 'gpf', 'divide-error', 'invalid-opcode', 'stack-segment',
  'stack-overflow', 'stack-guard', 'double-fault', 'bug', 'warning', 'kasan', 'kmsan', 'kcsan', 'kfence', 'ubsan',
  'lockdep-circular', 'lockdep-recursive', 'lockdep-inconsistent', 'suspicious-rcu', 'bad-unlock-balance',
  'held-lock-freed', 'lock-held-return-user', 'non-static-key', 'atomic-sleep', 'scheduling-while-atomic',
  'preemptible-context', 'workqueue-leaked-lock', 'refcount', 'odebug', 'list-corruption', 'usercopy',
  'bad-page-state', 'bad-page-map', 'bad-rss-counter', 'soft-lockup', 'hard-lockup', 'rcu-stall', 'hung-task',
  'workqueue-lockup', 'netdev-unregister', 'memory-leak', 'oom-kill', 'oom-panic', 'panic', 'arm64-internal-error',
  'unhandled-fault',
] as const;
export type OopsType = (typeof OOPS_TYPES)[number];

/** Why the machine stopped (or would have): the kernel's reason for the dump. */
export const TRIGGER_KINDS = [
  'sysrq', 'panic-on-oops', 'panic-on-warn', 'hung-task-panic', 'softlockup-panic', 'hardlockup', 'oom-panic',
  'nmi', 'mce', 'stack-protector', 'init-killed', 'rootfs-mount', 'panic', 'unknown',
] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export interface OopsTrigger {
  kind: TriggerKind;
  /** What the log said, e.g. "Kernel panic - not syncing: hung_task: blocked tasks". */
  detail: string;
}

/** One crash report (oops, BUG, WARNING, panic, lockup, ...) found in a log. */
export interface Oops {
  kind: OopsKind;
  /** Fine-grained report type, e.g. "kasan", "lockdep-circular", "refcount". */
  type: OopsType;
  /** One line naming type and culprit the way kernel developers do, e.g. "kernel BUG in lkdtm_BUG". */
  title: string;
  /** Other titles the same bug commonly gets (e.g. "bad-access in f" for faults). */
  altTitles?: string[];
  /** The title without numbers, addresses or offsets: the grouping key of signatures. */
  normalizedTitle: string;
  /** The headline log line, e.g. "kernel BUG at drivers/misc/lkdtm/bugs.c:78!". */
  message: string;
  /** The culprit function, reporting and helper frames skipped (panic, warn helpers, locks, ...). */
  function?: string;
  /** Plain panics (no bug culprit): the function that called panic(), e.g. "sysrq_handle_crash". */
  panicFrom?: string;
  /** Module of the culprit function when the log named one. */
  module?: string;
  /** True when the report is truncated or mangled so that no culprit is reliable. */
  corrupted: boolean;
  corruptedReason?: string;
  /** The report that led to the dump (or would have): usually the first fatal one. */
  primary?: boolean;
  /** On the primary report: why the dump happened (the log's trigger). */
  trigger?: OopsTrigger;
  /** The kernel-mode RIP / pc text, e.g. "lkdtm_BUG+0x0/0x10 [lkdtm]". */
  rip?: string;
  cpu?: number;
  pid?: number;
  comm?: string;
  /** printk caller id (`[ T123]` / `[ C1]`) of the report's header, when the log carried them. */
  caller?: string;
  /** Taint letters without the padding, e.g. "GWOE"; "" when the kernel said "Not tainted". */
  tainted?: string;
  /** The "Hardware name:" line. */
  hardware?: string;
  /** A `Kernel panic - not syncing:` reason that followed this report. */
  panic?: string;
  /** Hung-task reports: every task the same check found blocked ("comm:pid"). */
  blocked?: string[];
  /** Functions of the Call Trace in order; unreliable (`?`) entries left out. */
  trace?: string[];
  /** Index range (inclusive, 0-based) of the log records this report spans. */
  records: { first: number; last: number };
  /** Timestamp of the first record, when it had one. */
  timestamp?: number;
}

/** What a whole log says: its reports, which one led to the dump, and why the dump happened. */
export interface OopsAnalysis {
  oopses: Oops[];
  /** Index into oopses of the report that led to the dump, or null. */
  primary: number | null;
  trigger: OopsTrigger | null;
  /** Records that looked like reports but came from user space (facility) or did not stop the machine. */
  ignored: { record: number; reason: string; text: string }[];
}
