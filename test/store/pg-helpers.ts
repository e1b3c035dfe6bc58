// A private PostgreSQL for the fleet-store tests (KDVIEW_TEST_PG_URL, started
// by scripts/pg-test-server.sh): a fresh database per test, dropped after.
import { randomBytes } from 'node:crypto';
import { after, type TestContext } from 'node:test';
import pg from 'pg';

const created: string[] = [];

export function pgUrl(t: TestContext): string | undefined {
  const url = process.env.KDVIEW_TEST_PG_URL;
  if (url) return url;
  const msg = 'KDVIEW_TEST_PG_URL is not set: start one with `eval "$(scripts/pg-test-server.sh start DIR)"`';
  if (process.env.CI === 'true') throw new Error(`CI=true: ${msg}`);
  console.error(`\n*** SKIP: ${msg} ***\n`);
  t.skip(msg);
  return undefined;
}

export async function freshDatabase(url: string): Promise<string> {
  const name = `kdview_t_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  created.push(name);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

after(async () => {
  const url = process.env.KDVIEW_TEST_PG_URL;
  if (!url || created.length === 0) return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});
