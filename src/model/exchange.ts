/** One command sent to a backend and everything it answered. */
export type ExchangeStatus = 'ok' | 'error' | 'timeout' | 'cancelled';

export interface Exchange {
  /** The command as typed (crash command or drgn Python snippet). */
  command: string;
  /** The cleaned output: no echo, no prompt, no ANSI, LF line ends. */
  output: string;
  /** ISO-8601 time the command was sent. */
  startedAt: string;
  /** Wall time from send to the end of output, in milliseconds. */
  ms: number;
  status: ExchangeStatus;
  /** Why the status is not ok: crash's own error line, "timed out after 30 s", ... */
  error?: string;
}
