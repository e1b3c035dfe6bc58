// Every report is recorded in the fleet database: before rendering, the
// report gets "seen before" from it; after writing, its record is stored
// with the report's path. A database problem is a warning: the report is
// still written.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { inspectDump } from '../inspect/dump-info.js';
import type { Report } from '../report/model.js';
import { sessionsDir } from '../session/paths.js';
import { recordFromReport, type DumpFacts } from '../store/from-report.js';
import { importSignaturesOnce } from '../store/import-seen.js';
import { isPostgresUrl, openStore, storeSpec } from '../store/open.js';
import type { FleetStore } from '../store/store.js';
import { dumpKeyOf } from '../store/record.js';

export interface RecordOptions {
  db?: string;
  sessionsDir?: string;
  /** false with --no-record: the database is read when it exists, never created or written. */
  record?: boolean;
}

/** The database of this run, or undefined when there is none to use (a warning says why). */
export async function openRunStore(o: RecordOptions, warn: (m: string) => void): Promise<FleetStore | undefined> {
  const spec = storeSpec(o);
  if (o.record === false && !isPostgresUrl(spec) && !existsSync(spec)) return undefined;
  try {
    const store = await openStore(spec);
    if (o.record !== false) {
      const jsonl = join(dirname(sessionsDir(o.sessionsDir)), 'signatures.jsonl');
      const n = await importSignaturesOnce(store, jsonl);
      if (n > 0) warn(`imported ${n} signatures from ${jsonl} into ${store.where} (the file is retired as ${jsonl}.imported)`);
    }
    return store;
  } catch (err) {
    warn(`${(err as Error).message}; the report is not recorded`);
    return undefined;
  }
}

/** The dump's header facts (build-id, crash time, host), when the input is a dump kdview can read. */
export async function dumpFacts(path: string): Promise<DumpFacts> {
  const info = await inspectDump(path).catch(() => undefined);
  if (!info || info.problem !== undefined || info.format === 'unknown') return {};
  return { buildId: info.buildId, date: info.date, hostname: info.hostname, release: info.release };
}

/** Sets `seenBefore` from the database (other dumps with this signature). */
export async function annotateSeen(store: FleetStore | undefined, report: Report, facts: DumpFacts, warn: (m: string) => void): Promise<void> {
  if (!store) return;
  try {
    report.seenBefore = await store.seenBefore(report.signature.hash, dumpKeyOf(report.input.dump, facts.date ?? null), report.input.dump);
  } catch (err) {
    warn(`database ${store.where}: ${(err as Error).message}`);
  }
}

export async function recordReport(
  store: FleetStore | undefined,
  report: Report,
  o: { reportPath: string | null; facts: DumpFacts; record?: boolean },
  warn: (m: string) => void,
): Promise<void> {
  if (!store || o.record === false) return;
  try {
    const known = ((report as { known?: { id: string }[] }).known ?? []).map((k) => k.id);
    await store.insert([recordFromReport(report, { reportPath: o.reportPath === null ? null : resolve(o.reportPath), dump: o.facts, known })]);
  } catch (err) {
    warn(`database ${store.where}: ${(err as Error).message}; the report is not recorded`);
  }
}
