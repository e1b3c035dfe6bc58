// `kdview fleet` as data: the signature x release matrix, regressions ("new
// in RELEASE"), fixed candidates ("not seen since RELEASE") and hardware
// suspects, computed from the store's aggregates. Pure.
import { sortReleases } from './kernel-version.js';
import type { Cell, HostSummary } from './store.js';

export interface FleetSignature {
  signature: string;
  title: string;
  total: number;
  hosts: number;
  first: string;
  last: string;
  known: string[];
  /** Per release (or "unknown"): count, first and last crash. */
  byRelease: Record<string, { count: number; first: string; last: string }>;
  firstRelease: string | null;
  lastRelease: string | null;
}

export interface FleetView {
  records: number;
  /** Known releases, oldest first (records without a release are under "unknown"). */
  releases: string[];
  signatures: FleetSignature[];
  /** Signatures never seen on a release older than the one they first appear on. */
  regressions: { signature: string; title: string; release: string; count: number }[];
  /** Signatures absent from every release newer than their last one, which have crashes of their own. */
  fixedCandidates: { signature: string; title: string; lastRelease: string; newerReleases: string[]; newerDumps: number }[];
  hardwareSuspects: { host: string; signatures: number; unrelated: number; dumps: number; mce: boolean; reason: string }[];
}

export const UNKNOWN_RELEASE = 'unknown';

/** A signature seen on this many hosts or fewer is "local" to them: several local ones on one host point at the host. */
export function localLimit(hostCount: number): number {
  return Math.max(2, Math.floor(hostCount / 10));
}

/** Hosts with at least 3 local signatures, or MCE/EDAC lines and 2 or more signatures. */
export function hardwareSuspects(hosts: readonly HostSummary[], limit: number): FleetView['hardwareSuspects'] {
  const out: FleetView['hardwareSuspects'] = [];
  for (const e of hosts) {
    const local = e.unrelated >= 3;
    if (!local && !(e.mce && e.signatures >= 2)) continue;
    const why = [local ? `${e.unrelated} unrelated signatures seen on at most ${limit} hosts` : `${e.signatures} signatures`, e.mce ? 'machine-check/EDAC lines in its logs' : ''];
    out.push({ ...e, reason: why.filter((x) => x !== '').join('; ') });
  }
  return out.sort((a, b) => Number(b.mce) - Number(a.mce) || b.unrelated - a.unrelated || b.dumps - a.dumps || a.host.localeCompare(b.host));
}

export interface FleetInput {
  cells: readonly Cell[];
  /** Hosts per signature. */
  signatureHosts: ReadonlyMap<string, number>;
  hosts: readonly HostSummary[];
  localLimit: number;
  known?: ReadonlyMap<string, string[]>;
}

export function fleetView({ cells, signatureHosts, hosts, localLimit: limit, known = new Map() }: FleetInput): FleetView {
  const releases = sortReleases(cells.flatMap((c) => (c.release === null ? [] : [c.release])));
  const rank = new Map(releases.map((r, i) => [r, i]));
  const sigs = new Map<string, FleetSignature>();
  const perRelease = new Map<string, number>();
  for (const c of cells) {
    const rel = c.release ?? UNKNOWN_RELEASE;
    perRelease.set(rel, (perRelease.get(rel) ?? 0) + c.count);
    const s = sigs.get(c.signature) ?? {
      signature: c.signature, title: c.title, total: 0, hosts: signatureHosts.get(c.signature) ?? 0, first: c.first, last: c.last,
      known: known.get(c.signature) ?? [], byRelease: {}, firstRelease: null, lastRelease: null,
    };
    s.total += c.count;
    if (c.first < s.first) s.first = c.first;
    if (c.last > s.last) s.last = c.last;
    s.byRelease[rel] = { count: c.count, first: c.first, last: c.last };
    if (c.release !== null) {
      const i = rank.get(c.release)!;
      if (s.firstRelease === null || i < rank.get(s.firstRelease)!) s.firstRelease = c.release;
      if (s.lastRelease === null || i > rank.get(s.lastRelease)!) s.lastRelease = c.release;
    }
    sigs.set(c.signature, s);
  }
  const signatures = [...sigs.values()].sort((a, b) => b.total - a.total || a.signature.localeCompare(b.signature));
  const oldest = releases[0];
  const newest = releases[releases.length - 1];
  const regressions = signatures
    .filter((s) => s.firstRelease !== null && s.firstRelease !== oldest)
    .map((s) => ({ signature: s.signature, title: s.title, release: s.firstRelease!, count: s.total }))
    .sort((a, b) => rank.get(b.release)! - rank.get(a.release)! || b.count - a.count);
  const fixedCandidates = signatures
    .filter((s) => s.lastRelease !== null && s.lastRelease !== newest)
    .map((s) => {
      const newer = releases.slice(rank.get(s.lastRelease!)! + 1);
      return { signature: s.signature, title: s.title, lastRelease: s.lastRelease!, newerReleases: newer, newerDumps: newer.reduce((n, r) => n + (perRelease.get(r) ?? 0), 0) };
    })
    .filter((f) => f.newerDumps > 0)
    .sort((a, b) => rank.get(a.lastRelease)! - rank.get(b.lastRelease)! || a.signature.localeCompare(b.signature));
  const records = [...perRelease.values()].reduce((a, b) => a + b, 0);
  const hasUnknown = perRelease.has(UNKNOWN_RELEASE);
  return { records, releases: hasUnknown ? [...releases, UNKNOWN_RELEASE] : releases, signatures, regressions, fixedCandidates, hardwareSuspects: hardwareSuspects(hosts, limit) };
}

/** The fleet view straight from a store: a few aggregate queries, then the pure step above. */
export async function loadFleet(store: {
  cells(): Promise<Cell[]>;
  signatureHosts(): Promise<Map<string, number>>;
  hostCount(): Promise<number>;
  hostSummaries(localLimit: number): Promise<HostSummary[]>;
  knownBySignature(): Promise<Map<string, string[]>>;
}): Promise<{ view: FleetView; hosts: number }> {
  const cells = await store.cells();
  const signatureHosts = await store.signatureHosts();
  const hostCount = await store.hostCount();
  const limit = localLimit(hostCount);
  const hosts = await store.hostSummaries(limit);
  const known = await store.knownBySignature();
  return { view: fleetView({ cells, signatureHosts, hosts, localLimit: limit, known }), hosts: hostCount };
}
