// Report -> Markdown that reads well pasted into a ticket. Dump text goes
// into fenced blocks (a fence longer than any backtick run inside) or is
// escaped, so it can neither format nor inject HTML.
import { hangsMarkdown } from './hangs-section.js';
import type { Report } from './model.js';
import { knownMarkdown } from './known-section.js';
import { checkSummary, crossCheckMarkdown } from './cross-check-section.js';
import {
  clusterName,
  formatBytes,
  formatMs,
  frameLines,
  hungAge,
  membersText,
  percent,
  seenBeforeText,
  statesText,
  stepsSummary,
  timelineLevels,
  clusterRecoveredNote,
  hungRecoveredNote,
  tasksNote,
} from './text.js';

/** Escapes text for a Markdown paragraph or table cell (one line). */
export function mdText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*[\]|~])/g, '\\$1')
    .replace(/(^|[^A-Za-z0-9_])_|_(?![A-Za-z0-9_])/g, (m) => m.replace('_', '\\_'));
}

/** A fenced code block that no content can close early. */
export function mdBlock(text: string, info = 'text'): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')}\n${fence}`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function summary(r: Report): string {
  const k = r.kernel;
  const t = r.crashingTask;
  const taint =
    r.taint.letters === null ? 'unknown (no crash report in the log)' : r.taint.letters === '' ? 'not tainted' : r.taint.flags.map((f) => `${f.letter} (${f.meaning})`).join(', ');
  const rows: [string, string][] = [
    ['Panic', mdText(r.panic.message ?? 'none recorded')],
    ['Signature', `${mdText(r.signature.title)} · ${r.signature.hash}${r.signature.frames.length ? ` (${mdText(r.signature.frames.join(' ← '))})` : ''}`],
    ['Seen before', mdText(seenBeforeText(r))],
    ['Crashing task', t ? mdText(`PID ${t.pid} ${t.comm}${t.cpu !== null ? ` on CPU ${t.cpu}` : ''}`) : 'unknown'],
    ['Kernel', mdText([k.release, k.version, k.machine].filter((x) => x).join(' ') || 'unknown')],
    ['Machine', mdText([k.nodename, k.cpus !== null ? `${k.cpus} CPUs` : null, k.memory, k.uptime ? `uptime ${k.uptime}` : null, k.date].filter((x) => x).join(', ') || 'unknown')],
    ['Taint', mdText(taint)],
    ...(r.crossCheck ? [['Check', mdText(checkSummary(r.crossCheck))] as [string, string]] : []),
    ['Dump', mdText(`${r.input.dump} (mode: ${r.mode})`)],
    ['Report', mdText(`${stepsSummary(r)}; kdview ${r.generator.version}, ${r.generator.backend} ${r.generator.backendVersion ?? ''}, ${r.generatedAt}`)],
  ];
  return table(['', ''], rows);
}

function oopses(r: Report): string[] {
  if (r.oopses.length === 0) return ['No crash report (oops, BUG, panic, ...) was found in the log.'];
  return r.oopses.map((o) => `- **${mdText(o.title)}** (${o.kind}${o.timestamp !== null ? `, at ${o.timestamp.toFixed(6)} s` : ''}): ${mdText(o.message)}`);
}

/** "stack from drgn: why" and a blank line, when a stack came from the other engine (html.ts says it the same way). */
function stackFrom(from: Report['backtraceFrom']): string[] {
  return from ? [`_stack from ${from.engine}: ${mdText(from.why)}_`, ''] : [];
}

function tasks(r: Report): string[] {
  const out = [`${r.tasks.total} tasks${tasksNote(r)}: ${statesText(r.tasks.byState) || 'none listed'}.`];
  if (r.hungTasks.length === 0) return [...out, '', 'No task in UN (uninterruptible) state.'];
  out.push('', `### Hung tasks (UN), longest blocked first`);
  for (const h of r.hungTasks) {
    out.push('', `**PID ${h.pid} ${mdText(h.comm)}**, blocked ${mdText(hungAge(h))}${h.cpu !== null ? `, CPU ${h.cpu}` : ''}${mdText(hungRecoveredNote(h))}`, '');
    out.push(...stackFrom(h.backtraceFrom));
    out.push(h.backtrace.length ? mdBlock(frameLines(h.backtrace).join('\n')) : '_no backtrace_');
  }
  return out;
}

function clusters(r: Report): string[] {
  if (r.clusters.length === 0) return ['No two tasks share a stack (or `foreach bt` gave none).'];
  const rows = r.clusters.map((c, i) => [String(i + 1), String(c.count), mdText(statesText(c.states)), mdText(clusterName(c)), mdText(membersText(c.members))]);
  const out = [table(['#', 'tasks', 'states', 'stack at', 'members'], rows)];
  for (const [i, c] of r.clusters.slice(0, 10).entries()) {
    out.push('', `**Cluster ${i + 1}**: ${c.count} tasks${mdText(clusterRecoveredNote(c))}`, '', mdBlock(frameLines(c.stack).join('\n')));
  }
  return out;
}

function memory(r: Report): string[] {
  const m = r.memory;
  if (m.rows.length === 0) return ['`kmem -i` gave nothing.'];
  const rows = m.rows.map((x) => [mdText(x.name), x.pages === null ? '' : String(x.pages), x.bytes === null ? '' : formatBytes(x.bytes), x.percent === null ? '' : `${x.percent}% of ${mdText(x.of ?? '')}`]);
  const out = [table(['', 'pages', 'total', 'percentage'], rows)];
  if (m.totalBytes !== null && m.breakdown.length > 0) {
    const parts = m.breakdown.map((b) => `${b.name} ${formatBytes(b.bytes)} (${percent(b.bytes, m.totalBytes ?? 0)})`);
    out.push('', `TOTAL MEM ${formatBytes(m.totalBytes)} = ${parts.join(' + ')}`);
  }
  return out;
}

function timeline(r: Report): string[] {
  const t = r.log.timeline;
  const levels = timelineLevels(t);
  const rows = t.buckets
    .filter((b) => Object.keys(b.byLevel).length > 0)
    .map((b) => [`${b.start}–${+(b.start + t.bucketSeconds).toFixed(3)} s`, ...levels.map((l) => String(b.byLevel[l] ?? 0))]);
  if (rows.length === 0) return ['No time-stamped log records.'];
  const head = `Records per ${t.bucketSeconds} s by level, up to the crash${t.crashAt !== null ? ` at ${t.crashAt.toFixed(6)} s` : ''}:`;
  return [head, '', table(['time', ...levels], rows)];
}

function modules(r: Report): string[] {
  if (r.modules.length === 0) return ['No modules loaded (or `mod` gave none).'];
  return [table(['module', 'size', 'symbols'], r.modules.map((m) => [mdText(m.name), String(m.size), m.symbols ? 'loaded' : 'not loaded']))];
}

function steps(r: Report): string[] {
  const rows = r.steps.map((s) => [mdText(s.command), s.status, formatMs(s.ms), mdText(s.error ?? '')]);
  return [table(['command', 'status', 'time', 'error'], rows)];
}

export function renderMarkdown(r: Report): string {
  const t = r.crashingTask;
  const out: string[] = [`# Crash report: ${mdText(r.signature.title)}`, '', summary(r), ...crossCheckMarkdown(r, mdText), '', '## Known issues', '', ...knownMarkdown(r, mdText)];
  out.push('', '## Crash reports in the log', '', ...oopses(r));
  out.push('', `## Backtrace of the crashing task${t ? ` (PID ${t.pid} ${mdText(t.comm)})` : ''}`, '');
  out.push(...stackFrom(r.backtraceFrom));
  out.push(r.backtrace.length ? mdBlock(frameLines(r.backtrace).join('\n')) : '_no backtrace (bt gave none)_');
  out.push('', '## Hangs (what the blocked tasks wait on, and who holds it)', '', ...hangsMarkdown(r, mdText));
  out.push('', '## Tasks', '', ...tasks(r), '', '## Stack clusters (identical `foreach bt` stacks)', '', ...clusters(r));
  out.push('', '## Memory (`kmem -i`)', '', ...memory(r), '', '## Modules', '', ...modules(r));
  out.push('', '## Log timeline', '', ...timeline(r));
  out.push('', `## Log from shortly before the first crash report (record ${r.log.excerptFrom} of ${r.log.records})`, '', mdBlock(r.log.excerpt));
  for (const s of r.raw) {
    out.push('', `## crash> ${mdText(s.command)}`, '');
    if (s.status !== 'ok') out.push(`_${s.status}: ${mdText(s.error ?? '')}_`, '');
    out.push(mdBlock(s.output));
  }
  out.push('', '## Steps', '', ...steps(r));
  if (r.warnings.length > 0) out.push('', '## Warnings', '', ...r.warnings.map((w) => `- ${mdText(w)}`));
  return `${out.join('\n')}\n`;
}
