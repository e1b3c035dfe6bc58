// `kdview fleet` as text for a terminal: the matrix, regressions, fixed
// candidates and hardware suspects; and one signature's dumps. Every string
// from the database (titles, hosts, paths came from dumps) is made plain.
import stripAnsi from 'strip-ansi';
import type { FleetRecord } from '../store/record.js';
import type { FleetView } from '../store/fleet-view.js';

/** Dump text without escape sequences or control bytes, cut to `max` columns. */
export function plain(s: string | null | undefined, max = 200): string {
  const t = stripAnsi(String(s ?? '')).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const day = (iso: string) => iso.slice(0, 10);

export interface FleetMeta {
  where: string;
  hosts: number;
}

export function fleetText(v: FleetView, meta: FleetMeta, width = 120): string {
  const out: string[] = [];
  out.push(`kdview fleet — ${v.records} dumps, ${v.signatures.length} signatures, ${v.releases.length} releases, ${meta.hosts} hosts (${plain(meta.where)})`);
  if (v.records === 0) {
    out.push('', 'No reports recorded yet: `kdview report` records each report it writes.');
    return `${out.join('\n')}\n`;
  }
  const rels = v.releases;
  const relW = rels.map((r) => Math.max(4, Math.min(14, r.length)));
  const titleW = Math.max(20, Math.min(48, width - 16 - 18 - relW.reduce((a, b) => a + b + 1, 0) - 26));
  out.push('', 'MATRIX  dumps per signature and release (first and last crash)');
  out.push(`${'SIGNATURE'.padEnd(17)}${'TITLE'.padEnd(titleW + 1)}${rels.map((r, i) => plain(r, relW[i]).padStart(relW[i]!)).join(' ')}  ${'TOTAL'.padStart(5)}  FIRST       LAST`);
  for (const s of v.signatures) {
    const cells = rels.map((r, i) => String(s.byRelease[r]?.count ?? '·').padStart(relW[i]!)).join(' ');
    const known = s.known.length > 0 ? `  KNOWN ${s.known.join(', ')}` : '';
    out.push(`${s.signature.padEnd(17)}${plain(s.title, titleW).padEnd(titleW + 1)}${cells}  ${String(s.total).padStart(5)}  ${day(s.first)}  ${day(s.last)}${known}`);
  }
  out.push('', 'NEW IN RELEASE  never seen on an older release (regressions)');
  if (v.regressions.length === 0) out.push('  none');
  for (const r of v.regressions) out.push(`  new in ${plain(r.release, 40)}  ${r.signature}  ${plain(r.title, 60)}  (${r.count} dumps)`);
  out.push('', 'NOT SEEN SINCE RELEASE  absent from every newer release (fixed candidates)');
  if (v.fixedCandidates.length === 0) out.push('  none');
  for (const f of v.fixedCandidates) out.push(`  not seen since ${plain(f.lastRelease, 40)}  ${f.signature}  ${plain(f.title, 60)}  (${f.newerDumps} dumps on ${f.newerReleases.length} newer releases)`);
  out.push('', 'HARDWARE SUSPECTS  hosts with several unrelated signatures');
  if (v.hardwareSuspects.length === 0) out.push('  none');
  for (const h of v.hardwareSuspects) out.push(`  ${h.mce ? 'MCE ' : '    '}${plain(h.host, 40).padEnd(24)} ${h.signatures} signatures, ${h.dumps} dumps: ${plain(h.reason)}`);
  out.push('', 'One signature: kdview fleet SIGNATURE (a hash prefix).');
  return `${out.join('\n')}\n`;
}

export interface SignatureDetail {
  signature: string;
  title: string;
  known: string[];
  dumps: FleetRecord[];
  hosts: { host: string; count: number }[];
  releases: { release: string; count: number }[];
}

export function signatureDetail(dumps: readonly FleetRecord[], known: readonly string[]): SignatureDetail {
  const count = (key: (r: FleetRecord) => string) => {
    const m = new Map<string, number>();
    for (const d of dumps) m.set(key(d), (m.get(key(d)) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  return {
    signature: dumps[0]?.signature ?? '',
    title: dumps[0]?.title ?? '',
    known: [...known],
    dumps: [...dumps],
    hosts: count((d) => d.host ?? 'unknown').map(([host, n]) => ({ host, count: n })),
    releases: count((d) => d.release ?? 'unknown').map(([release, n]) => ({ release, count: n })),
  };
}

export function signatureText(d: SignatureDetail): string {
  const out = [`${d.signature}  ${plain(d.title)}`, `${d.dumps.length} dumps on ${d.hosts.length} hosts, ${d.releases.length} releases`];
  if (d.known.length > 0) out.push(`KNOWN ${d.known.join(', ')}`);
  out.push('', 'RELEASES  ' + d.releases.map((r) => `${plain(r.release, 40)} ×${r.count}`).join(', '));
  out.push('HOSTS     ' + d.hosts.map((h) => `${plain(h.host, 40)} ×${h.count}`).join(', '));
  out.push('', 'DUMPS  (newest first)');
  for (const r of d.dumps) {
    out.push(`  ${(r.dumpDate ?? r.recordedAt).slice(0, 19).replace('T', ' ')}  ${plain(r.host ?? '?', 24).padEnd(16)} ${plain(r.release ?? '?', 32).padEnd(24)} ${plain(r.dumpPath)}`);
    out.push(`      report: ${r.reportPath === null ? '(printed, not saved)' : plain(r.reportPath)}`);
  }
  return `${out.join('\n')}\n`;
}
