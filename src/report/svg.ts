// Small inline-SVG charts for the HTML report: a stacked bar, horizontal
// bars, and a stacked-column timeline. No scripts, no external references;
// every label goes through escapeXml.

export interface Segment {
  label: string;
  value: number;
  color: string;
  /** Shown instead of the value in the legend and tooltip. */
  display?: string;
}

/** Escapes text for HTML and SVG (content and attributes) and drops control bytes other than tab and newline. */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const FONT = 'font-family="sans-serif" font-size="12"';

function svg(width: number, height: number, label: string, body: string): string {
  return `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(label)}">${body}</svg>`;
}

/** One bar split into segments, with a legend underneath. */
export function stackedBar(segments: readonly Segment[], label: string, width = 720): string {
  const total = segments.reduce((n, s) => n + s.value, 0);
  const barH = 28;
  let x = 0;
  let body = '';
  for (const s of segments) {
    if (s.value <= 0 || total <= 0) continue;
    const w = (s.value / total) * width;
    const tip = `${s.label}: ${s.display ?? s.value}`;
    body += `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${barH}" fill="${s.color}"><title>${escapeXml(tip)}</title></rect>`;
    if (w > 40) body += `<text x="${(x + 4).toFixed(1)}" y="18" ${FONT} fill="#fff">${escapeXml(s.label)}</text>`;
    x += w;
  }
  let lx = 0;
  let ly = barH + 18;
  for (const s of segments) {
    const text = `${s.label} ${s.display ?? s.value}`;
    const w = 20 + text.length * 7;
    if (lx + w > width) {
      lx = 0;
      ly += 18;
    }
    body += `<rect x="${lx}" y="${ly - 10}" width="10" height="10" fill="${s.color}"/><text x="${lx + 14}" y="${ly}" ${FONT}>${escapeXml(text)}</text>`;
    lx += w;
  }
  return svg(width, ly + 6, label, body);
}

export interface Bar {
  label: string;
  value: number;
  /** Text after the bar, e.g. "12 tasks (UN 12)". */
  note: string;
}

/** One horizontal bar per item, longest = full width. */
export function horizontalBars(bars: readonly Bar[], label: string, width = 720, color = '#4a78b0'): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const labelW = Math.min(260, Math.round(width * 0.4));
  const rowH = 22;
  let body = '';
  bars.forEach((b, i) => {
    const y = i * rowH;
    const w = Math.max(2, (b.value / max) * (width - labelW - 120));
    const name = b.label.length > 38 ? `${b.label.slice(0, 37)}…` : b.label;
    body += `<text x="0" y="${y + 15}" ${FONT}>${escapeXml(name)}<title>${escapeXml(b.label)}</title></text>`;
    body += `<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${color}"/>`;
    body += `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 15}" ${FONT}>${escapeXml(b.note)}</text>`;
  });
  return svg(width, Math.max(rowH, bars.length * rowH), label, body);
}

export interface Column {
  /** Start of the bucket, in seconds. */
  start: number;
  parts: readonly Segment[];
}

/** Stacked columns over time with a marker at `markAt` seconds. */
export function timeline(columns: readonly Column[], step: number, markAt: number | null, label: string, width = 720): string {
  const h = 140;
  const n = Math.max(1, columns.length);
  const colW = width / n;
  const max = Math.max(1, ...columns.map((c) => c.parts.reduce((s, p) => s + p.value, 0)));
  let body = `<line x1="0" y1="${h}" x2="${width}" y2="${h}" stroke="#888"/>`;
  columns.forEach((c, i) => {
    let y = h;
    for (const p of c.parts) {
      if (p.value <= 0) continue;
      const ph = (p.value / max) * (h - 10);
      y -= ph;
      const tip = `${c.start}s–${+(c.start + step).toFixed(3)}s ${p.label}: ${p.value}`;
      body += `<rect x="${(i * colW + 1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, colW - 2).toFixed(1)}" height="${ph.toFixed(1)}" fill="${p.color}"><title>${escapeXml(tip)}</title></rect>`;
    }
  });
  if (markAt !== null && step > 0) {
    const x = Math.min(width - 1, (markAt / (step * n)) * width);
    body += `<line x1="${x.toFixed(1)}" y1="0" x2="${x.toFixed(1)}" y2="${h}" stroke="#c00" stroke-dasharray="4 3"/>`;
    body += `<text x="${Math.max(0, x - 90).toFixed(1)}" y="12" ${FONT} fill="#c00">${escapeXml(`crash at ${markAt.toFixed(3)} s`)}</text>`;
  }
  body += `<text x="0" y="${h + 16}" ${FONT}>0 s</text>`;
  body += `<text x="${width - 70}" y="${h + 16}" ${FONT}>${escapeXml(`${+(step * n).toFixed(3)} s`)}</text>`;
  return svg(width, h + 22, label, body);
}
