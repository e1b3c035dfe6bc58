// `kdview fleet --html -o FILE`: one self-contained page (inline CSS and
// SVG, no scripts, no network references; a Content-Security-Policy forbids
// them), every string from the database escaped.
import type { FleetView } from '../store/fleet-view.js';
import type { SignatureDetail } from './fleet-text.js';
import { escapeXml as esc, horizontalBars } from './svg.js';

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1200px;color:#1c2833;padding:0 16px}
h1{font-size:22px;margin:0 0 12px}h2{font-size:17px;border-bottom:1px solid #d5d8dc;padding-bottom:4px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d5d8dc;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f4f6f7}td.n{text-align:right}.muted{color:#717d7e}.bad{color:#c0392b;font-weight:600}code{font-size:12px}
figure{margin:0}figcaption{font-weight:600;margin:6px 0}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body>${body}</body></html>
`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = `<tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>`;
  return `<table>${th}${rows.map((r) => `<tr>${r.map((c) => (c.startsWith('<td') ? c : `<td>${c}</td>`)).join('')}</tr>`).join('')}</table>`;
}

/** A matrix cell shaded by its share of the busiest cell. */
function heat(count: number | undefined, max: number): string {
  if (!count) return '<td class="n muted">·</td>';
  const a = (0.12 + 0.6 * (count / Math.max(1, max))).toFixed(2);
  return `<td class="n" style="background:rgba(192,57,43,${a})">${count}</td>`;
}

export function fleetHtml(v: FleetView, meta: { where: string; hosts: number; generatedAt?: string }): string {
  const at = meta.generatedAt ?? new Date().toISOString();
  let body = `<h1>kdview fleet</h1><p>${esc(`${v.records} dumps, ${v.signatures.length} signatures, ${v.releases.length} releases, ${meta.hosts} hosts`)} <span class="muted">${esc(`${meta.where} · ${at}`)}</span></p>`;
  const perRelease = v.releases.map((r) => ({ label: r, value: v.signatures.reduce((n, s) => n + (s.byRelease[r]?.count ?? 0), 0), note: '' }));
  for (const b of perRelease) b.note = `${b.value} dumps`;
  body += `<figure><figcaption>Dumps per release</figcaption>${horizontalBars(perRelease, 'dumps per release')}</figure>`;
  const top = v.signatures.slice(0, 15).map((s) => ({ label: s.title, value: s.total, note: `${s.total} dumps, ${s.hosts} hosts` }));
  body += `<figure><figcaption>Biggest signatures</figcaption>${horizontalBars(top, 'dumps per signature', 720, '#c0392b')}</figure>`;
  const max = Math.max(1, ...v.signatures.flatMap((s) => Object.values(s.byRelease).map((c) => c.count)));
  body += '<h2>Matrix: signatures × releases</h2>';
  body += table(
    ['signature', 'title', ...v.releases.map(esc), 'total', 'first', 'last', 'known'],
    v.signatures.map((s) => [
      `<code>${esc(s.signature)}</code>`, esc(s.title), ...v.releases.map((r) => heat(s.byRelease[r]?.count, max)),
      `<td class="n">${s.total}</td>`, esc(s.first.slice(0, 10)), esc(s.last.slice(0, 10)), esc(s.known.join(', ')),
    ]),
  );
  body += '<h2>New in release (regressions)</h2>';
  body += v.regressions.length === 0 ? '<p>None.</p>' : table(['new in', 'signature', 'title', 'dumps'], v.regressions.map((r) => [esc(r.release), `<code>${esc(r.signature)}</code>`, esc(r.title), `<td class="n">${r.count}</td>`]));
  body += '<h2>Not seen since release (fixed candidates)</h2>';
  body += v.fixedCandidates.length === 0
    ? '<p>None.</p>'
    : table(['not seen since', 'signature', 'title', 'dumps on newer releases'], v.fixedCandidates.map((f) => [esc(f.lastRelease), `<code>${esc(f.signature)}</code>`, esc(f.title), esc(`${f.newerDumps} on ${f.newerReleases.join(', ')}`)]));
  body += '<h2>Hardware suspects</h2>';
  body += v.hardwareSuspects.length === 0
    ? '<p>None.</p>'
    : table(['host', 'signatures', 'dumps', 'why'], v.hardwareSuspects.map((h) => [`${h.mce ? '<span class="bad">MCE</span> ' : ''}${esc(h.host)}`, `<td class="n">${h.signatures}</td>`, `<td class="n">${h.dumps}</td>`, esc(h.reason)]));
  return page('kdview fleet', body);
}

export function signatureHtml(d: SignatureDetail, meta: { where: string }): string {
  let body = `<h1>${esc(d.title)}</h1><p><code>${esc(d.signature)}</code> · ${esc(`${d.dumps.length} dumps on ${d.hosts.length} hosts`)} <span class="muted">${esc(meta.where)}</span></p>`;
  if (d.known.length > 0) body += `<p class="bad">${esc(`KNOWN: ${d.known.join(', ')}`)}</p>`;
  body += `<figure><figcaption>Dumps per host</figcaption>${horizontalBars(d.hosts.slice(0, 20).map((h) => ({ label: h.host, value: h.count, note: String(h.count) })), 'dumps per host')}</figure>`;
  body += table(['date', 'host', 'release', 'dump', 'report'], d.dumps.map((r) => [esc(r.dumpDate ?? r.recordedAt), esc(r.host ?? '?'), esc(r.release ?? '?'), esc(r.dumpPath), esc(r.reportPath ?? '(not saved)')]));
  return page(`kdview fleet: ${d.title}`, body);
}
