// One-line summaries of each parser's model, for `kdview parse` on a
// terminal (the registry names one per kind).
import type { Backtrace } from '../model/backtrace.js';
import type { LogRecord } from '../model/log.js';
import type { MemoryInfo } from '../model/memory.js';
import type { ModuleList } from '../model/module.js';
import type { Oops } from '../model/oops.js';
import type { RunQueues } from '../model/runq.js';
import type { SysInfo } from '../model/sys.js';
import type { PsOutput } from '../model/task.js';

export function sysSummary(v: unknown): string[] {
  const s = v as SysInfo;
  const keys: [string, unknown][] = [['release', s.release], ['machine', s.machine], ['cpus', s.cpus], ['tasks', s.tasks],
    ['uptime', s.uptime], ['memory', s.memory], ['panic', s.panic], ['panic task', s.pid !== undefined ? `${s.pid} ${s.command ?? ''}` : undefined]];
  return keys.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${String(v)}`);
}

export function btSummary(v: unknown): string[] {
  return (v as Backtrace).tasks.map((t) => {
    const exc = t.frames.find((f) => f.exception?.rip !== undefined)?.exception?.rip;
    const top = t.frames.slice(0, 3).map((f) => f.function).join(' < ');
    return `PID ${t.pid} ${t.command} CPU ${t.cpu ?? '?'}: ${t.frames.length} frames${top ? ` (${top}${t.frames.length > 3 ? ' ...' : ''})` : ''}${exc ? `, exception RIP ${exc}` : ''}`;
  });
}

export function logSummary(v: unknown): string[] {
  const r = v as LogRecord[];
  const stamped = r.filter((x) => x.timestamp !== undefined);
  const span = stamped.length > 0 ? `, ${stamped[0]?.timestamp} .. ${stamped[stamped.length - 1]?.timestamp} s` : '';
  return [`${r.length} records${span}`];
}

export function psSummary(v: unknown): string[] {
  const p = v as PsOutput;
  const out: string[] = [];
  if (p.tasks.length > 0) {
    const counts = new Map<string, number>();
    for (const t of p.tasks) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
    out.push(`${p.tasks.length} tasks: ${[...counts].map(([s, n]) => `${s} ${n}`).join(', ')}`);
    const active = p.tasks.filter((t) => t.active).map((t) => `${t.pid} ${t.comm}`);
    if (active.length > 0) out.push(`active: ${active.join(', ')}`);
  }
  if (p.states) out.push(`states: ${Object.entries(p.states).map(([s, n]) => `${s} ${n}`).join(', ')}`);
  if (p.ages) out.push(`${p.ages.length} tasks by last run`);
  return out;
}

export function kmemSummary(v: unknown): string[] {
  return (v as MemoryInfo).rows.map((r) => `${r.name}: ${r.total ?? '?'}${r.percent !== undefined ? ` (${r.percent}% of ${r.of ?? '?'})` : ''}`);
}

export function modSummary(v: unknown): string[] {
  return (v as ModuleList).modules.map((m) => `${m.name} ${m.size} ${m.object ?? '(not loaded)'}`);
}

export function runqSummary(v: unknown): string[] {
  return (v as RunQueues).cpus.map((c) => {
    const queued = c.queues.reduce((n, q) => n + q.tasks.length, 0);
    return `CPU ${c.cpu}: current ${c.current ? `${c.current.pid} ${c.current.command}` : '?'}, ${queued} queued`;
  });
}

export function oopsSummary(v: unknown): string[] {
  const o = v as Oops[];
  if (o.length === 0) return ['no crash reports found'];
  const why = o.find((x) => x.primary)?.trigger;
  return [
    ...o.map((x) => `${x.title}${x.pid !== undefined ? ` [pid ${x.pid}${x.comm ? ` ${x.comm}` : ''}]` : ''} (records ${x.records.first}-${x.records.last})${x.corrupted ? ' (corrupted)' : ''}`),
    ...(why ? [`why: ${why.kind}: ${why.detail}`] : []),
  ];
}
