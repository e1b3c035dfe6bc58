/** Something a parser could not read; parsers report these instead of throwing. */
export interface Diagnostic {
  /** Stable code, `KIND.what` (e.g. `ps.unreadable-row`): see src/parsers/diagnostic-codes.ts. */
  code?: string;
  /** 1-based line number in the parsed text. */
  line: number;
  severity: 'warning' | 'error';
  message: string;
  /** The offending line, truncated. */
  text?: string;
}

/** What every parser returns. */
export interface Parsed<T> {
  value: T;
  diagnostics: Diagnostic[];
}
