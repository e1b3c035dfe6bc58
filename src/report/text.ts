// Plain-text pieces shared by the Markdown and HTML renderers, so both show
// the same numbers.
import type { Cluster, HungTask, Report, ReportFrame } from './model.js';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 31457280 -> "30.0 MB" (binary units, as crash prints them). */
export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${UNITS[u]}`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '–';
}

/** One line per frame: `#8 direct_entry.cold [lkdtm]`, exception frames marked. */
export function frameLines(frames: readonly ReportFrame[]): string[] {
  return frames.map((f, i) => {
    const mod = f.module ? ` [${f.module}]` : '';
    const exc = f.exception ? `  <- exception RIP: ${f.exception}` : '';
    return `#${i} ${f.function}${mod}${exc}`;
  });
}

/** States by count, biggest first: [["IN", 52], ["ID", 24], ...]. */
export function statesByCount(byState: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(byState).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** "IN 52, ID 24, RU 5, UN 1" */
export function statesText(byState: Readonly<Record<string, number>>): string {
  return statesByCount(byState)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
}

/** The frame a cluster is best named by: the first one below the scheduler and locking helpers. */
export function clusterName(c: Cluster): string {
  const generic = /^(__schedule|schedule|schedule_timeout|schedule_hrtimeout_range\w*|schedule_preempt_disabled|io_schedule\w*|context_switch|__switch_to\w*|rwsem_down_\w+|__mutex_lock\w*|mutex_lock\w*|__down\w*|down\w*|__wait_for_common|wait_for_completion\w*|schedule_idle|do_idle|cpu_startup_entry)$/;
  const f = c.stack.find((x) => !generic.test(x.function.replace(/\..*$/, ''))) ?? c.stack[0];
  return f ? f.function : '(empty stack)';
}

/** "106 flusher, 107 flusher, ... (+12 more)" */
export function membersText(members: Cluster['members'], limit = 8): string {
  const shown = members.slice(0, limit).map((m) => `${m.pid} ${m.comm}`);
  return members.length > limit ? `${shown.join(', ')} (+${members.length - limit} more)` : shown.join(', ');
}

export function hungAge(t: HungTask): string {
  return t.age ?? 'age unknown';
}

/** The log levels present in the timeline, most severe first. */
export function timelineLevels(timeline: Report['log']['timeline']): string[] {
  const order = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug', 'none'];
  const seen = new Set<string>();
  for (const b of timeline.buckets) for (const k of Object.keys(b.byLevel)) seen.add(k);
  return order.filter((l) => seen.has(l));
}

export function seenBeforeText(r: Report): string {
  const s = r.seenBefore;
  if (!s) return 'not seen before in this history';
  return `seen before: ${s.count} time${s.count === 1 ? '' : 's'}, last ${s.lastAt}, dump ${s.lastDump}`;
}

export function stepsSummary(r: Report): string {
  const bad = r.steps.filter((s) => s.status !== 'ok');
  const mode = r.mode === 'normal' ? '' : ` (crash opened the dump only with --${r.mode})`;
  if (bad.length === 0 && r.complete) return `complete${mode}`;
  return `partial: ${bad.length} of ${r.steps.length} steps did not succeed${mode}`;
}

/** The task count line's note on where the list came from (recovery, idle tasks). */
export function tasksNote(r: Report): string {
  const t = r.tasks;
  const parts: string[] = [];
  if (t.idle > 0) parts.push(`${t.idle} idle`);
  if (t.source === 'walk')
    parts.push(`recovered: crash's task table was incomplete, so kdview walked the kernel task list; ${t.recovered} tasks were found only by the walk`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** What was recovered about one hung task, or ''. */
export function hungRecoveredNote(h: HungTask): string {
  const parts: string[] = [];
  if (h.recovered) parts.push('found by the task walk');
  if (h.stackRecovered) parts.push('stack reconstructed by a stack scan (stale return addresses may appear)');
  return parts.length > 0 ? ` — recovered: ${parts.join('; ')}` : '';
}

/** A cluster's note on members whose stacks come from stack scans, or ''. */
export function clusterRecoveredNote(c: Cluster): string {
  return c.recovered > 0 ? ` (${c.recovered === c.count ? 'all' : c.recovered} recovered by stack scans)` : '';
}
