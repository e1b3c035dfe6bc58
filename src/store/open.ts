// Which database a run uses: `--db PATH|postgres://…` > KDVIEW_DB > the
// default SQLite file next to the sessions folder
// (`$XDG_STATE_HOME/kdview/fleet.sqlite`, 0600).
import { dirname, join, resolve } from 'node:path';
import { CliError } from '../model/user-error.js';
import { sessionsDir } from '../session/paths.js';
import { redactUrl } from './pg-driver.js';
import { FleetStore } from './store.js';

export interface StoreOptions {
  db?: string;
  sessionsDir?: string;
}

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** The database spec a run uses: a PostgreSQL URL or an absolute SQLite path. */
export function storeSpec(o: StoreOptions, env: NodeJS.ProcessEnv = process.env): string {
  const given = o.db !== undefined && o.db !== '' ? o.db : env.KDVIEW_DB !== undefined && env.KDVIEW_DB !== '' ? env.KDVIEW_DB : undefined;
  if (given !== undefined) return isPostgresUrl(given) ? given : resolve(given);
  return join(dirname(sessionsDir(o.sessionsDir, env)), 'fleet.sqlite');
}

/** Opens (creating and migrating as needed) the fleet database; a clear one-line error when it cannot. */
export async function openStore(spec: string): Promise<FleetStore> {
  const shown = isPostgresUrl(spec) ? redactUrl(spec) : spec;
  let store: FleetStore | undefined;
  try {
    if (isPostgresUrl(spec)) {
      const { openPostgres } = await import('./pg-driver.js');
      store = new FleetStore(await openPostgres(spec));
    } else {
      const { openSqlite } = await import('./sqlite-driver.js');
      store = new FleetStore(openSqlite(spec));
    }
    await store.migrate();
    return store;
  } catch (err) {
    await store?.close().catch(() => undefined);
    const msg = (err as Error).message.split('\n')[0] ?? String(err);
    throw new CliError(`database ${shown}: ${msg}`);
  }
}
