// Loads node:sqlite without its ExperimentalWarning reaching the user's
// screen (Node 22 prints one on first use; Node 24 may too on some builds).
// Only that one warning is dropped: every other warning is emitted as before.
import { createRequire } from 'node:module';
import type * as Sqlite from 'node:sqlite';

type SqliteModule = typeof Sqlite;

let loaded: SqliteModule | undefined;

/** True for the warning node:sqlite emits when it is loaded. */
export function isSqliteWarning(warning: unknown, type?: unknown): boolean {
  const name = typeof type === 'string' ? type : warning instanceof Error ? warning.name : (type as { type?: string } | undefined)?.type;
  const text = warning instanceof Error ? warning.message : String(warning);
  return name === 'ExperimentalWarning' && /sqlite/i.test(text);
}

/** Wraps process.emitWarning so the SQLite ExperimentalWarning is dropped; idempotent. */
export function muteSqliteWarning(): void {
  const p = process as NodeJS.Process & { __kdviewSqliteMuted?: boolean };
  if (p.__kdviewSqliteMuted) return;
  p.__kdviewSqliteMuted = true;
  const original = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    if (isSqliteWarning(warning, rest[0])) return;
    original(warning, ...rest);
  }) as typeof process.emitWarning;
}

export function loadSqlite(): SqliteModule {
  if (loaded) return loaded;
  muteSqliteWarning();
  try {
    loaded = createRequire(import.meta.url)('node:sqlite') as SqliteModule;
  } catch {
    throw new Error(`the built-in SQLite (node:sqlite) needs Node 22.5 or later; this is Node ${process.versions.node}`);
  }
  return loaded;
}
