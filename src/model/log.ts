/** One kernel log record, from crash `log` (any of -T, -m, -c, -t, -d) or plain dmesg text. */
export interface LogRecord {
  /** Seconds since boot, from `[    7.145339]`. */
  timestamp?: number;
  /** Wall-clock stamp printed by `log -T`, e.g. "Thu Nov 26 04:16:23 UTC 2026". */
  wallclock?: string;
  /** Log level 0-7 printed by `log -m` as `<N>`. */
  level?: number;
  /** Syslog facility, when the `<N>` prefix carried one (N > 7). */
  facility?: number;
  /** Caller id printed by `log -c`, e.g. "T140" (task) or "C1" (CPU). */
  caller?: string;
  /** The message; continuation lines are joined with "\n". */
  text: string;
  /** drgn only: the printk sequence number of the record. */
  seq?: number;
  /** `log -d` dictionary lines (SUBSYSTEM=..., DEVICE=...); drgn always has them. */
  dict?: Record<string, string>;
  /** 1-based line of the record's first line in the parsed text. */
  line: number;
}
