// What a doctor check reports.

export type CheckStatus = 'ok' | 'fail' | 'warn' | 'skip';

export interface Check {
  /** Stable id, e.g. "crashkernel", "config:PROC_VMCORE". */
  id: string;
  status: CheckStatus;
  /** One line: what was found. */
  title: string;
  /** How to fix it, one or two lines (for fail and warn). */
  fix?: string[];
}

export const ok = (id: string, title: string): Check => ({ id, status: 'ok', title });
export const fail = (id: string, title: string, ...fix: string[]): Check => ({ id, status: 'fail', title, fix });
export const warn = (id: string, title: string, ...fix: string[]): Check => ({ id, status: 'warn', title, fix });
export const skip = (id: string, title: string): Check => ({ id, status: 'skip', title });
