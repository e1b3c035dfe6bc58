/** Kinds of kernel crash reports found in a log. */
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

/** One crash report (oops, BUG, WARNING, panic, lockup, ...) found in a log. */
export interface Oops {
  kind: OopsKind;
  /** One line naming kind and culprit, e.g. "kernel BUG in lkdtm_BUG". */
  title: string;
  /** The headline log line, e.g. "kernel BUG at drivers/misc/lkdtm/bugs.c:78!". */
  message: string;
  /** The culprit function, generic frames skipped (panic, warn helpers, locks, ...). */
  function?: string;
  /** Module of the culprit function when the log named one. */
  module?: string;
  /** The kernel-mode RIP / pc text, e.g. "lkdtm_BUG+0x0/0x10 [lkdtm]". */
  rip?: string;
  cpu?: number;
  pid?: number;
  comm?: string;
  /** Taint letters without the padding, e.g. "GWOE"; "" when the kernel said "Not tainted". */
  tainted?: string;
  /** The "Hardware name:" line. */
  hardware?: string;
  /** A `Kernel panic - not syncing:` reason that followed this report. */
  panic?: string;
  /** Functions of the Call Trace in order; unreliable (`?`) entries left out. */
  trace?: string[];
  /** Index range (inclusive, 0-based) of the log records this report spans. */
  records: { first: number; last: number };
  /** Timestamp of the first record, when it had one. */
  timestamp?: number;
}
