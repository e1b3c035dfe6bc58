// The database schema, as numbered migrations applied in order. A database
// remembers the versions it has in `kdview_schema`; a newer one than this
// kdview knows is refused. Each migration is written once for both
// engines; `{{ID}}` is the one place where SQLite and PostgreSQL differ.

export interface Migration {
  version: number;
  what: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    what: 'crashes: one row per dump and signature',
    statements: [
      `CREATE TABLE crashes (
        id {{ID}},
        dump_key TEXT NOT NULL,
        signature TEXT NOT NULL,
        title TEXT NOT NULL,
        type TEXT,
        trigger_kind TEXT,
        culprit_function TEXT,
        culprit_module TEXT,
        release TEXT,
        build_id TEXT,
        host TEXT,
        hardware TEXT,
        dump_date TEXT,
        dump_path TEXT NOT NULL,
        report_path TEXT,
        taint TEXT,
        hang_blocker TEXT,
        kdview_version TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (dump_key, signature)
      )`,
      'CREATE INDEX crashes_signature ON crashes (signature)',
    ],
  },
  {
    version: 2,
    what: 'hardware hints (MCE/EDAC lines) and known-issue matches; indexes for the fleet view',
    statements: [
      'ALTER TABLE crashes ADD COLUMN mce INTEGER NOT NULL DEFAULT 0',
      "ALTER TABLE crashes ADD COLUMN known TEXT NOT NULL DEFAULT ''",
      'CREATE INDEX crashes_release ON crashes (release)',
      'CREATE INDEX crashes_host ON crashes (host)',
    ],
  },
  {
    version: 3,
    what: 'kdview_meta: one-time facts (the import of signatures.jsonl)',
    statements: ['CREATE TABLE kdview_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)'],
  },
  {
    version: 4,
    what: 'crash_at (the dump date, else the record time) and covering indexes, so `kdview fleet` reads indexes only',
    statements: [
      'ALTER TABLE crashes ADD COLUMN crash_at TEXT',
      'UPDATE crashes SET crash_at = COALESCE(dump_date, recorded_at)',
      'CREATE INDEX crashes_cells ON crashes (signature, release, crash_at)',
      'CREATE INDEX crashes_titles ON crashes (signature, title)',
      'CREATE INDEX crashes_sig_host ON crashes (signature, host)',
      'CREATE INDEX crashes_host_sig ON crashes (host, signature, mce)',
      'CREATE INDEX crashes_known ON crashes (known, signature)',
    ],
  },
];

export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

export const SCHEMA_TABLE = `CREATE TABLE IF NOT EXISTS kdview_schema (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`;

export type Dialect = 'sqlite' | 'postgres';

export function dialectSql(sql: string, dialect: Dialect): string {
  return sql.replaceAll('{{ID}}', dialect === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY');
}

/** The migrations still to apply to a database at `current`, or an error when it is newer than this kdview. */
export function pending(current: number, upTo = LATEST_VERSION): Migration[] {
  if (current > LATEST_VERSION) throw new Error(`the database has schema version ${current}, newer than this kdview knows (${LATEST_VERSION}): upgrade kdview`);
  return MIGRATIONS.filter((m) => m.version > current && m.version <= upTo);
}
