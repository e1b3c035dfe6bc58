// The embedded engine: node:sqlite on a file created 0600 in a 0700 folder,
// WAL journal so readers never block the writer, a busy timeout so two
// writers (two `report --all` runs) wait for each other instead of failing.
import { chmodSync, closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SqlDriver, Row } from './driver.js';
import type { SqlValue } from './record.js';
import { loadSqlite } from './sqlite-load.js';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function startsAsSqlite(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    return n === 16 && head.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates the database file 0600 (its folder 0700), or checks that an
 * existing file is a SQLite database before anything touches it; only then
 * is a database of ours that others can read tightened to 0600.
 */
function prepareFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const st = statSync(path, { throwIfNoEntry: false });
  if (st?.isDirectory()) throw new Error('is a folder, not a database file');
  if (!st) {
    closeSync(openSync(path, 'wx', 0o600));
    return;
  }
  if (!st.isFile()) throw new Error('is not a regular file');
  if (st.size === 0) return; // an empty file left by an interrupted first run (or made by the user): SQLite fills it
  if (!startsAsSqlite(path)) throw new Error('is not a SQLite database');
  if ((st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) chmodSync(path, 0o600);
}

export function openSqlite(path: string): SqlDriver {
  prepareFile(path);
  const { DatabaseSync } = loadSqlite();
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA busy_timeout = 20000');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
  } catch (err) {
    db.close();
    throw err;
  }
  const driver: SqlDriver = {
    dialect: 'sqlite',
    where: path,
    async all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
      return db.prepare(sql).all(...params) as Row[];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      return Number(db.prepare(sql).run(...params).changes);
    },
    async exclusive<T>(fn: () => Promise<T>): Promise<T> {
      db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn();
        db.exec('COMMIT');
        return out;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
    async close(): Promise<void> {
      if (db.isOpen) db.close();
    },
  };
  return driver;
}
