// The shared engine: PostgreSQL through `pg`, one connection per kdview run.
import type { SqlDriver, Row } from './driver.js';
import { numberPlaceholders } from './driver.js';
import type { SqlValue } from './record.js';

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openPostgres(url: string): Promise<SqlDriver> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined); // a dropped connection surfaces on the next query
  await client.connect();
  // One query at a time on the connection (pg deprecates overlapping ones; reports of --jobs N share it).
  let chain: Promise<unknown> = Promise.resolve();
  const query = (sql: string, params: SqlValue[] = []) => {
    const next = chain.then(() => client.query(sql, params));
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    dialect: 'postgres',
    where: redactUrl(url),
    async all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
      return (await query(numberPlaceholders(sql), [...params])).rows as Row[];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      return (await query(numberPlaceholders(sql), [...params])).rowCount ?? 0;
    },
    async exclusive<T>(fn: () => Promise<T>): Promise<T> {
      await query('BEGIN');
      try {
        // One writer of the schema at a time, across every kdview on the server.
        await query('SELECT pg_advisory_xact_lock(7316230)');
        const out = await fn();
        await query('COMMIT');
        return out;
      } catch (err) {
        await query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    async close(): Promise<void> {
      await client.end().catch(() => undefined);
    },
  };
}
