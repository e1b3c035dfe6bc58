// The Hangs section: the model's hangs as the report's JSON, and as Markdown
// and HTML (with a small SVG of the graph: waiters → lock → owner → root).
import type { Hang } from '../model/hang.js';
import type { ReportHang } from './hangs-schema.js';
import type { Report } from './model.js';
import { escapeXml as esc } from './svg.js';

export function reportHang(h: Hang): ReportHang {
  return {
    root: h.root ? { ...h.root } : null,
    lock: { ...h.lock },
    owner: h.owner ? { ...h.owner } : null,
    waiters: h.waiters.map((w) => ({ ...w })),
    chain: h.chain.map((l) => ({ lock: { ...l.lock }, owner: l.owner ? { ...l.owner } : null, note: l.note })),
    cycle: h.cycle,
    readers: h.readers.map((r) => ({ ...r })),
    blocked: h.blocked,
    summary: h.summary,
  };
}

const age = (s: number | null) => (s === null ? '?' : `${s.toFixed(1)} s`);

/** Markdown lines (escape: the caller's text escaper). */
export function hangsMarkdown(r: Report, text: (s: string) => string): string[] {
  if (r.hangs.length === 0) return ['No blocked task found waiting on a lock.'];
  const out: string[] = [];
  r.hangs.forEach((h, i) => {
    out.push(`${i + 1}. ${h.cycle ? '**Deadlock.** ' : ''}${text(h.summary)}`);
    for (const w of h.waiters) out.push(`   - ${w.state} PID ${w.pid} ${text(w.comm)}, ${age(w.since)} in \`${text(w.waitsIn ?? '?')}\``);
    for (const l of h.chain.slice(1)) out.push(`   - then: ${text(l.lock.name ?? l.lock.kind)} ${l.lock.address ?? ''} held by ${l.owner ? `${text(l.owner.comm)} (PID ${l.owner.pid})` : text(l.note ?? 'no owner recorded')}`);
  });
  return out;
}

const W = 720;
const ROW = 22;

/** A small left-to-right graph of one hang: waiters → lock → owner chain → root. */
export function hangSvg(h: ReportHang): string {
  const waiters = h.waiters.slice(0, 8);
  const more = h.waiters.length - waiters.length;
  const rows = Math.max(waiters.length + (more > 0 ? 1 : 0), 1);
  const height = rows * ROW + 16;
  const mid = height / 2;
  const cols = [20, 200, 420, 580];
  const parts: string[] = [];
  const box = (x: number, y: number, w: number, label: string, fill: string) =>
    `<rect x="${x}" y="${y - 9}" width="${w}" height="18" rx="4" fill="${fill}" stroke="#666"/><text x="${x + 4}" y="${y + 4}" font-size="11">${esc(label.length > w / 6.2 ? `${label.slice(0, Math.floor(w / 6.2) - 1)}…` : label)}</text>`;
  waiters.forEach((w, i) => {
    const y = 8 + i * ROW + ROW / 2;
    parts.push(box(cols[0] ?? 0, y, 150, `${w.state} ${w.pid} ${w.comm}`, '#fde2e2'));
    parts.push(`<line x1="${(cols[0] ?? 0) + 150}" y1="${y}" x2="${cols[1]}" y2="${mid}" stroke="#999"/>`);
  });
  if (more > 0) parts.push(`<text x="${cols[0]}" y="${8 + waiters.length * ROW + 14}" font-size="11">+${more} more</text>`);
  parts.push(box(cols[1] ?? 0, mid, 200, h.lock.name ?? `${h.lock.kind} ${h.lock.address ?? ''}`, '#fff4cc'));
  const last = h.chain[h.chain.length - 1];
  const owner = h.root ? `${h.root.comm} (${h.root.pid})${h.chain.length > 1 ? ` via ${h.chain.length - 1} more lock${h.chain.length > 2 ? 's' : ''}` : ''}` : (last?.note ?? 'no owner recorded');
  parts.push(`<line x1="${(cols[1] ?? 0) + 200}" y1="${mid}" x2="${cols[2]}" y2="${mid}" stroke="#999" marker-end="url(#a)"/>`);
  parts.push(box(cols[2] ?? 0, mid, 150, h.cycle ? `deadlock: ${owner}` : owner, h.root ? '#dbe8fb' : '#eee'));
  if (h.root) parts.push(`<text x="${cols[3]}" y="${mid + 4}" font-size="11">${esc(h.root.activity)}</text>`);
  return `<svg width="${W}" height="${height}" role="img" aria-label="${esc(h.summary)}"><defs><marker id="a" markerWidth="8" markerHeight="8" refX="8" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#999"/></marker></defs>${parts.join('')}</svg>`;
}

export function hangsHtml(r: Report): string {
  if (r.hangs.length === 0) return '<p>No blocked task found waiting on a lock.</p>';
  return r.hangs
    .map((h) => {
      const rows = h.waiters.map((w) => `<li>${esc(`${w.state} PID ${w.pid} ${w.comm}, ${age(w.since)} in ${w.waitsIn ?? '?'}`)}</li>`).join('');
      return `<div class="hang"><p>${h.cycle ? '<b>Deadlock.</b> ' : ''}${esc(h.summary)}</p>${hangSvg(h)}<ul>${rows}</ul></div>`;
    })
    .join('');
}
