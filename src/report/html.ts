// Report -> one self-contained HTML file: inline CSS and SVG, no scripts, no
// network references (a Content-Security-Policy forbids both), and every
// piece of dump text escaped.
import { hangsHtml } from './hangs-section.js';
import type { Report } from './model.js';
import { knownHtml } from './known-section.js';
import { crossCheckHtml } from './cross-check-section.js';
import { escapeXml as esc, horizontalBars, stackedBar, timeline, type Segment } from './svg.js';
import {
  clusterName,
  formatBytes,
  formatMs,
  frameLines,
  hungAge,
  membersText,
  percent,
  seenBeforeText,
  statesByCount,
  statesText,
  stepsSummary,
  timelineLevels,
  clusterRecoveredNote,
  hungRecoveredNote,
  tasksNote,
} from './text.js';

const STATE_COLORS: Record<string, string> = {
  RU: '#2e8b57', IN: '#4a78b0', UN: '#c0392b', ID: '#9aa5b1', ZO: '#8e44ad', ST: '#d68910', TR: '#d68910', DE: '#5d6d7e',
};
const LEVEL_COLORS: Record<string, string> = {
  emerg: '#7b0000', alert: '#a00000', crit: '#c0392b', err: '#e74c3c', warning: '#e67e22', notice: '#f1c40f',
  info: '#4a78b0', debug: '#9aa5b1', none: '#c8ccd0',
};
const MEMORY_COLORS: Record<string, string> = { 'OTHER USED': '#c0392b', SLAB: '#8e44ad', CACHED: '#4a78b0', BUFFERS: '#16a085', FREE: '#2e8b57' };

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1c2833;padding:0 16px}
h1{font-size:22px;margin:0 0 12px}h2{font-size:17px;border-bottom:1px solid #d5d8dc;padding-bottom:4px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #d5d8dc;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f4f6f7}pre{background:#f8f9f9;border:1px solid #e5e8e8;padding:8px;overflow-x:auto;font-size:12px;line-height:1.35}
.glance{display:grid;grid-template-columns:repeat(auto-fill,minmax(500px,1fr));gap:8px 24px}figure{margin:0}figcaption{font-weight:600;margin:6px 0}
.bad{color:#c0392b;font-weight:600}.ok{color:#2e8b57}.kv th{width:140px}.muted{color:#717d7e}`;

function tr(cells: readonly string[], head = false): string {
  const tag = head ? 'th' : 'td';
  return `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
}

function tableHtml(head: readonly string[], rows: readonly (readonly string[])[], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}>${head.length ? tr(head, true) : ''}${rows.map((r) => tr(r)).join('')}</table>`;
}

const pre = (text: string) => `<pre>${esc(text)}</pre>`;

function summary(r: Report): string {
  const k = r.kernel;
  const t = r.crashingTask;
  const taint = r.taint.letters === null ? 'unknown' : r.taint.letters === '' ? 'not tainted' : r.taint.flags.map((f) => `${f.letter} (${f.meaning})`).join(', ');
  const rows: [string, string][] = [
    ['Panic', `<span class="bad">${esc(r.panic.message ?? 'none recorded')}</span>`],
    ['Signature', `${esc(r.signature.title)} · <code>${esc(r.signature.hash)}</code> <span class="muted">${esc(r.signature.frames.join(' ← '))}</span>`],
    ['Seen before', esc(seenBeforeText(r))],
    ['Crashing task', t ? esc(`PID ${t.pid} ${t.comm}${t.cpu !== null ? ` on CPU ${t.cpu}` : ''}`) : 'unknown'],
    ['Kernel', esc([k.release, k.version, k.machine].filter((x) => x).join(' ') || 'unknown')],
    ['Machine', esc([k.nodename, k.cpus !== null ? `${k.cpus} CPUs` : null, k.memory, k.uptime ? `uptime ${k.uptime}` : null, k.date].filter((x) => x).join(', '))],
    ['Taint', esc(taint)],
    ['Dump', esc(`${r.input.dump} (mode: ${r.mode})`)],
    ['Report', `<span class="${r.complete ? 'ok' : 'bad'}">${esc(stepsSummary(r))}</span> <span class="muted">${esc(`kdview ${r.generator.version}, ${r.generator.backend} ${r.generator.backendVersion ?? ''}, ${r.generatedAt}`)}</span>`],
  ];
  return tableHtml([], rows.map(([a, b]) => [esc(a), b]), 'kv');
}

/** "stack from drgn: why", when a stack came from the other engine. */
function stackFrom(from: Report['backtraceFrom']): string {
  return from ? `<p><i>${esc(`stack from ${from.engine}: ${from.why}`)}</i></p>` : '';
}

function tasksHtml(r: Report): string {
  let out = `<p>${esc(`${r.tasks.total} tasks${tasksNote(r)}: ${statesText(r.tasks.byState) || 'none listed'}`)}</p>`;
  if (r.hungTasks.length === 0) return `${out}<p>No task in UN (uninterruptible) state.</p>`;
  out += '<h3>Hung tasks (UN), longest blocked first</h3>';
  for (const h of r.hungTasks) {
    out += `<p><b>${esc(`PID ${h.pid} ${h.comm}`)}</b>, blocked ${esc(hungAge(h))}${esc(hungRecoveredNote(h))}</p>${stackFrom(h.backtraceFrom)}${pre(frameLines(h.backtrace).join('\n') || 'no backtrace')}`;
  }
  return out;
}

function clustersHtml(r: Report): string {
  if (r.clusters.length === 0) return '<p>No two tasks share a stack.</p>';
  const rows = r.clusters.map((c, i) => [String(i + 1), String(c.count), esc(statesText(c.states)), esc(clusterName(c)), esc(membersText(c.members))]);
  let out = tableHtml(['#', 'tasks', 'states', 'stack at', 'members'], rows);
  for (const [i, c] of r.clusters.slice(0, 10).entries()) out += `<details><summary>${esc(`Cluster ${i + 1}: ${c.count} tasks${clusterRecoveredNote(c)}`)}</summary>${pre(frameLines(c.stack).join('\n'))}</details>`;
  return out;
}

function memoryHtml(r: Report): string {
  const m = r.memory;
  if (m.rows.length === 0) return '<p>kmem -i gave nothing.</p>';
  const breakdown = m.totalBytes === null ? '' : `<p>${esc(`TOTAL MEM ${formatBytes(m.totalBytes)} = ${m.breakdown.map((b) => `${b.name} ${formatBytes(b.bytes)} (${percent(b.bytes, m.totalBytes ?? 0)})`).join(' + ')}`)}</p>`;
  const rows = m.rows.map((x) => [esc(x.name), x.pages === null ? '' : String(x.pages), x.bytes === null ? '' : formatBytes(x.bytes), x.percent === null ? '' : esc(`${x.percent}% of ${x.of ?? ''}`)]);
  return breakdown + tableHtml(['', 'pages', 'total', 'percentage'], rows);
}

const W = 500;

function timelineSvg(r: Report): string {
  const t = r.log.timeline;
  if (t.buckets.length === 0) return '<p>No time-stamped log records.</p>';
  const levels = timelineLevels(t);
  const cols = t.buckets.map((b) => ({ start: b.start, parts: levels.map((l) => ({ label: l, value: b.byLevel[l] ?? 0, color: LEVEL_COLORS[l] ?? '#999' })) }));
  const legend = levels.map((l) => `<span style="color:${LEVEL_COLORS[l] ?? '#999'}">■</span> ${esc(l)}`).join(' &nbsp;');
  return `${timeline(cols, t.bucketSeconds, t.crashAt, 'log records by level over time', W)}<div>${legend}</div>`;
}

/** The four charts, side by side: task states, memory, biggest clusters, log timeline. */
function glance(r: Report): string {
  const fig = (title: string, body: string) => `<figure><figcaption>${esc(title)}</figcaption>${body}</figure>`;
  const states: Segment[] = statesByCount(r.tasks.byState).map(([s, n]) => ({ label: s, value: n, color: STATE_COLORS[s] ?? '#7f8c8d' }));
  const m = r.memory;
  const mem = m.breakdown.map((b) => ({ label: b.name, value: b.bytes, color: MEMORY_COLORS[b.name] ?? '#7f8c8d', display: `${formatBytes(b.bytes)} (${percent(b.bytes, m.totalBytes ?? 0)})` }));
  const bars = r.clusters.slice(0, 8).map((c, i) => ({ label: `${i + 1}. ${clusterName(c)}`, value: c.count, note: `${c.count} (${statesText(c.states)})` }));
  const t = r.log.timeline;
  return `<div class="glance">${[
    fig(`Tasks by state (${r.tasks.total})`, states.length ? stackedBar(states, 'tasks by state', W) : '<p>No tasks listed.</p>'),
    fig(`Memory (kmem -i)${m.totalBytes !== null ? `, ${formatBytes(m.totalBytes)} total` : ''}`, mem.length ? stackedBar(mem, 'memory breakdown', W) : '<p>No memory summary.</p>'),
    fig('Biggest stack clusters (tasks)', bars.length ? horizontalBars(bars, 'biggest stack clusters', W) : '<p>No two tasks share a stack.</p>'),
    fig(`Log records by level${t.bucketSeconds ? ` per ${t.bucketSeconds} s` : ''}, up to the crash`, timelineSvg(r)),
  ].join('')}</div>`;
}

export function renderHtml(r: Report): string {
  const t = r.crashingTask;
  const parts = [
    `<h1>${esc(`Crash report: ${r.signature.title}`)}</h1>`,
    summary(r),
    crossCheckHtml(r, esc),
    '<h2>Known issues</h2>', knownHtml(r),
    '<h2>At a glance</h2>',
    glance(r),
    '<h2>Crash reports in the log</h2>',
    r.oopses.length ? `<ul>${r.oopses.map((o) => `<li><b>${esc(o.title)}</b> ${esc(`(${o.kind}): ${o.message}`)}</li>`).join('')}</ul>` : '<p>None found.</p>',
    `<h2>${esc(`Backtrace of the crashing task${t ? ` (PID ${t.pid} ${t.comm})` : ''}`)}</h2>`,
    stackFrom(r.backtraceFrom),
    pre(frameLines(r.backtrace).join('\n') || 'no backtrace'),
    '<h2>Hangs</h2>', hangsHtml(r),
    '<h2>Tasks</h2>', tasksHtml(r),
    '<h2>Stack clusters</h2>', clustersHtml(r),
    '<h2>Memory (kmem -i)</h2>', memoryHtml(r),
    '<h2>Modules</h2>',
    r.modules.length ? tableHtml(['module', 'size', 'symbols'], r.modules.map((m) => [esc(m.name), String(m.size), m.symbols ? 'loaded' : 'not loaded'])) : '<p>None.</p>',
    `<h2>${esc(`Log from shortly before the first crash report (record ${r.log.excerptFrom} of ${r.log.records})`)}</h2>`,
    pre(r.log.excerpt),
    ...r.raw.map((s) => `<h2>${esc(`crash> ${s.command}`)}</h2>${s.status === 'ok' ? '' : `<p class="bad">${esc(`${s.status}: ${s.error ?? ''}`)}</p>`}${pre(s.output)}`),
    '<h2>Steps</h2>',
    tableHtml(['command', 'status', 'time', 'error'], r.steps.map((s) => [esc(s.command), `<span class="${s.status === 'ok' ? 'ok' : 'bad'}">${s.status}</span>`, formatMs(s.ms), esc(s.error ?? '')])),
    r.warnings.length ? `<h2>Warnings</h2><ul>${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '',
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`kdview: ${r.signature.title}`)}</title>
<style>${CSS}</style></head>
<body>
${parts.join('\n')}
</body></html>
`;
}
