// The few things the fleet store needs from a SQL engine. Statements are
// written once with `?` placeholders; the PostgreSQL driver numbers them.
import type { Dialect } from './migrations.js';
import type { SqlValue } from './record.js';

export type Row = Record<string, unknown>;

export interface SqlDriver {
  readonly dialect: Dialect;
  /** Where the data lives, for messages (a path, or the URL without its password). */
  readonly where: string;
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs a statement; the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs fn in a transaction that excludes other writers (and, on PostgreSQL, other migrators); not reentrant. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `a = ? AND b = ?` -> `a = $1 AND b = $2` (no `?` appears inside the store's string literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
