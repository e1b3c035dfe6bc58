// The Fleet tab of the dump picker: the fleet view as rows to show, read from
// the database a report run would use (never created here: no database, no rows).
import { existsSync } from 'node:fs';
import { loadFleet, type FleetView } from '../store/fleet-view.js';
import { isPostgresUrl, openStore, storeSpec, type StoreOptions } from '../store/open.js';

export interface FleetRow {
  signature: string;
  title: string;
  total: number;
  hosts: number;
  /** "6.1.9 → 6.6.2", or one release. */
  releases: string;
  /** Marks: "NEW in 6.6.2", "not since 6.1.10", "KNOWN id". */
  marks: string[];
}

export interface FleetPanel {
  where: string;
  records: number;
  hosts: number;
  releases: number;
  rows: FleetRow[];
  suspects: string[];
  /** Why there is nothing to show (no database yet, or it could not be read). */
  note?: string;
}

export function fleetRows(v: FleetView): FleetRow[] {
  const regress = new Map(v.regressions.map((r) => [r.signature, r.release]));
  const fixed = new Map(v.fixedCandidates.map((f) => [f.signature, f.lastRelease]));
  return v.signatures.map((s) => ({
    signature: s.signature,
    title: s.title,
    total: s.total,
    hosts: s.hosts,
    releases: s.firstRelease === null ? '?' : s.firstRelease === s.lastRelease ? s.firstRelease : `${s.firstRelease} → ${s.lastRelease}`,
    marks: [
      ...(regress.has(s.signature) ? [`NEW in ${regress.get(s.signature)}`] : []),
      ...(fixed.has(s.signature) ? [`not since ${fixed.get(s.signature)}`] : []),
      ...s.known.map((k) => `KNOWN ${k}`),
    ],
  }));
}

export async function loadFleetPanel(o: StoreOptions): Promise<FleetPanel> {
  const spec = storeSpec(o);
  const empty = { where: spec, records: 0, hosts: 0, releases: 0, rows: [], suspects: [] };
  if (!isPostgresUrl(spec) && !existsSync(spec)) return { ...empty, note: 'no fleet database yet: `kdview report` records every report it writes' };
  try {
    const store = await openStore(spec);
    try {
      const { view, hosts } = await loadFleet(store);
      const suspects = view.hardwareSuspects.map((h) => `${h.mce ? 'MCE ' : ''}${h.host}: ${h.reason}`);
      return { where: store.where, records: view.records, hosts, releases: view.releases.length, rows: fleetRows(view), suspects };
    } finally {
      await store.close();
    }
  } catch (err) {
    return { ...empty, note: (err as Error).message };
  }
}
