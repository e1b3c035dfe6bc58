// The fleet database: migrations, recording, and the queries behind
// "seen before" and `kdview fleet`, the same SQL on SQLite and PostgreSQL.
import type { SqlDriver } from './driver.js';
import { LATEST_VERSION, SCHEMA_TABLE, dialectSql, pending } from './migrations.js';
import { COLUMNS, fromRow, toRow, type FleetRecord } from './record.js';

/** One cell of the matrix: a signature on a release. */
export interface Cell {
  signature: string;
  title: string;
  release: string | null;
  count: number;
  first: string;
  last: string;
}

/** One host: how many signatures and dumps, how many of its signatures are local to few hosts, MCE/EDAC lines. */
export interface HostSummary {
  host: string;
  signatures: number;
  unrelated: number;
  dumps: number;
  mce: boolean;
}

export interface SeenBefore {
  count: number;
  lastAt: string;
  lastDump: string;
}

/** The record's columns, then crash_at (derived: the dump date, else the record time). */
const COLS = [...COLUMNS.map(([, c]) => c), 'crash_at'].join(', ');
const MARKS = [...COLUMNS, 0].map(() => '?').join(', ');
/** A re-run on the same dump refreshes what may have changed, and adds no row. */
const REFRESH = ['title', 'crash_at', 'report_path', 'kdview_version', 'known', 'mce', 'type', 'trigger_kind', 'hang_blocker']
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');
const WHEN = 'crash_at';

export class FleetStore {
  /** Transactions of this process, one after another (reports of `--jobs N` share the connection). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly driver: SqlDriver) {}

  /** Runs fn in one exclusive transaction, after this process's earlier ones. Not reentrant. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.driver.exclusive(fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  get where(): string {
    return this.driver.where;
  }

  async version(): Promise<number> {
    await this.driver.run(SCHEMA_TABLE);
    const rows = await this.driver.all('SELECT MAX(version) AS v FROM kdview_schema');
    return Number(rows[0]?.v ?? 0);
  }

  /** Brings the schema to `upTo` (default: the latest), one migration at a time, atomically. */
  async migrate(upTo = LATEST_VERSION): Promise<number> {
    return this.transaction(async () => {
      const current = await this.version();
      for (const m of pending(current, upTo)) {
        for (const s of m.statements) await this.driver.run(dialectSql(s, this.driver.dialect));
        await this.driver.run('INSERT INTO kdview_schema (version, applied_at) VALUES (?, ?)', [m.version, new Date().toISOString()]);
      }
      return this.version();
    });
  }

  /** Records crashes; a dump already recorded with the same signature is refreshed, not duplicated. */
  async insert(records: readonly FleetRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.transaction(() => this.insertRows(records));
  }

  /** The inserts alone, for use inside a transaction. */
  async insertRows(records: readonly FleetRecord[]): Promise<void> {
    for (const r of records) {
      await this.driver.run(
        `INSERT INTO crashes (${COLS}) VALUES (${MARKS}) ON CONFLICT (dump_key, signature) DO UPDATE SET ${REFRESH}`,
        [...toRow(r), r.dumpDate ?? r.recordedAt],
      );
    }
  }

  async count(): Promise<number> {
    const rows = await this.driver.all('SELECT COUNT(*) AS n FROM crashes');
    return Number(rows[0]?.n ?? 0);
  }

  /** Other dumps with this signature: how many, and the latest. */
  async seenBefore(signature: string, dumpKey: string, dumpPath: string): Promise<SeenBefore | null> {
    // Another dump: another key, and not an undated record of this very path (an imported signatures.jsonl line).
    const other = 'signature = ? AND dump_key <> ? AND NOT (dump_path = ? AND dump_date IS NULL)';
    const rows = await this.driver.all(`SELECT COUNT(*) AS n, MAX(${WHEN}) AS last FROM crashes WHERE ${other}`, [signature, dumpKey, dumpPath]);
    const n = Number(rows[0]?.n ?? 0);
    if (n === 0) return null;
    const lastAt = String(rows[0]?.last);
    const dump = await this.driver.all(
      `SELECT dump_path FROM crashes WHERE ${other} AND ${WHEN} = ? LIMIT 1`,
      [signature, dumpKey, dumpPath, lastAt],
    );
    return { count: n, lastAt, lastDump: String(dump[0]?.dump_path ?? '') };
  }

  /** The matrix: every (signature, release) with its count and first/last crash. */
  async cells(): Promise<Cell[]> {
    const rows = await this.driver.all(
      `SELECT signature, release, COUNT(*) AS n, MIN(${WHEN}) AS first, MAX(${WHEN}) AS last FROM crashes GROUP BY signature, release`,
    );
    const titles = new Map((await this.driver.all('SELECT signature, MAX(title) AS title FROM crashes GROUP BY signature')).map((r) => [String(r.signature), String(r.title)]));
    return rows.map((r) => ({
      signature: String(r.signature),
      title: titles.get(String(r.signature)) ?? '',
      release: r.release === null ? null : String(r.release),
      count: Number(r.n),
      first: String(r.first),
      last: String(r.last),
    }));
  }

  /** Hosts per signature. */
  async signatureHosts(): Promise<Map<string, number>> {
    const rows = await this.driver.all('SELECT signature, COUNT(DISTINCT host) AS n FROM crashes GROUP BY signature');
    return new Map(rows.map((r) => [String(r.signature), Number(r.n)]));
  }

  async hostCount(): Promise<number> {
    const rows = await this.driver.all('SELECT COUNT(DISTINCT host) AS n FROM crashes');
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Per host: its signatures, dumps and MCE flag, and how many of its
   * signatures are seen on at most `localLimit` hosts ("unrelated" to the fleet's bugs).
   */
  async hostSummaries(localLimit: number): Promise<HostSummary[]> {
    const rows = await this.driver.all(
      `SELECT host, COUNT(DISTINCT signature) AS sigs, COUNT(*) AS dumps, MAX(mce) AS mce FROM crashes WHERE host IS NOT NULL GROUP BY host`,
    );
    const local = await this.driver.all(
      `SELECT c.host AS host, COUNT(DISTINCT c.signature) AS n FROM crashes c
       JOIN (SELECT signature FROM crashes GROUP BY signature HAVING COUNT(DISTINCT host) <= ?) l ON l.signature = c.signature
       WHERE c.host IS NOT NULL GROUP BY c.host`,
      [localLimit],
    );
    const unrelated = new Map(local.map((r) => [String(r.host), Number(r.n)]));
    return rows.map((r) => ({
      host: String(r.host), signatures: Number(r.sigs), dumps: Number(r.dumps), mce: Number(r.mce) !== 0, unrelated: unrelated.get(String(r.host)) ?? 0,
    }));
  }

  /** Known-issue ids per signature, as recorded. */
  async knownBySignature(): Promise<Map<string, string[]>> {
    const rows = await this.driver.all("SELECT DISTINCT signature, known FROM crashes WHERE known <> ''");
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const ids = new Set([...(out.get(String(r.signature)) ?? []), ...String(r.known).split(',')]);
      out.set(String(r.signature), [...ids].filter((s) => s !== '').sort());
    }
    return out;
  }

  /** Every dump of the signatures starting with `prefix`, newest first. */
  async dumpsOf(prefix: string): Promise<FleetRecord[]> {
    const rows = await this.driver.all(`SELECT * FROM crashes WHERE signature LIKE ? ORDER BY ${WHEN} DESC, id DESC`, [`${prefix.replace(/[^0-9a-f]/gi, '')}%`]);
    return rows.map(fromRow);
  }

  async all(): Promise<FleetRecord[]> {
    return (await this.driver.all('SELECT * FROM crashes ORDER BY id')).map(fromRow);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const rows = await this.driver.all('SELECT value FROM kdview_meta WHERE key = ?', [key]);
    return rows[0] === undefined ? undefined : String(rows[0].value);
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.driver.run('INSERT INTO kdview_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
