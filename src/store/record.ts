// One crash in the fleet database: what a report said about one dump.
// Column names (snake_case) are the database's; the record is camelCase.

export interface FleetRecord {
  /** Identity of the dump (path and crash time): with the signature, the unique key. */
  dumpKey: string;
  signature: string;
  title: string;
  type: string | null;
  trigger: string | null;
  culpritFunction: string | null;
  culpritModule: string | null;
  release: string | null;
  buildId: string | null;
  host: string | null;
  hardware: string | null;
  /** ISO time of the crash (the dump's own date), when known. */
  dumpDate: string | null;
  dumpPath: string;
  reportPath: string | null;
  /** Taint letters ("" = not tainted), null when unknown. */
  taint: string | null;
  /** The task at the root of a hang's wait-for graph, when the report names one. */
  hangBlocker: string | null;
  kdviewVersion: string;
  /** ISO time the record was written. */
  recordedAt: string;
  /** The log holds machine-check or EDAC lines (a hardware hint). */
  mce: boolean;
  /** Ids of the known-issue rules the report matched. */
  known: string[];
}

/** Record field -> column, in insert order. */
export const COLUMNS: ReadonlyArray<readonly [keyof FleetRecord, string]> = [
  ['dumpKey', 'dump_key'],
  ['signature', 'signature'],
  ['title', 'title'],
  ['type', 'type'],
  ['trigger', 'trigger_kind'],
  ['culpritFunction', 'culprit_function'],
  ['culpritModule', 'culprit_module'],
  ['release', 'release'],
  ['buildId', 'build_id'],
  ['host', 'host'],
  ['hardware', 'hardware'],
  ['dumpDate', 'dump_date'],
  ['dumpPath', 'dump_path'],
  ['reportPath', 'report_path'],
  ['taint', 'taint'],
  ['hangBlocker', 'hang_blocker'],
  ['kdviewVersion', 'kdview_version'],
  ['recordedAt', 'recorded_at'],
  ['mce', 'mce'],
  ['known', 'known'],
];

export type SqlValue = string | number | null;

/** The record as column values (booleans as 0/1, the known ids comma-joined). */
export function toRow(r: FleetRecord): SqlValue[] {
  return COLUMNS.map(([k]) => {
    const v = r[k];
    if (k === 'mce') return v ? 1 : 0;
    if (k === 'known') return (v as string[]).join(',');
    return v as string | null;
  });
}

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** A database row (by column name) back to a record. */
export function fromRow(row: Record<string, unknown>): FleetRecord {
  const out: Record<string, unknown> = {};
  for (const [k, col] of COLUMNS) out[k] = str(row[col]);
  return {
    ...(out as unknown as FleetRecord),
    dumpKey: String(row.dump_key),
    signature: String(row.signature),
    title: String(row.title),
    dumpPath: String(row.dump_path),
    kdviewVersion: String(row.kdview_version),
    recordedAt: String(row.recorded_at),
    mce: Number(row.mce ?? 0) !== 0,
    known: String(row.known ?? '').split(',').filter((s) => s !== ''),
  };
}

/** The identity of a dump: its path and, when known, its crash time (the same dump read twice is one crash). */
export function dumpKeyOf(dumpPath: string, dumpDate: string | null): string {
  return dumpDate ? `${dumpPath}@${dumpDate}` : dumpPath;
}
