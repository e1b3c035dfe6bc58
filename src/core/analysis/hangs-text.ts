// Sentences about hangs, for the Summary line, the Hangs pane and reports.
import type { Hang, HangLock, HangTask } from '../../model/hang.js';

const KIND_NAMES: Record<HangLock['kind'], string> = {
  mutex: 'mutex',
  rwsem: 'rw_semaphore',
  'percpu-rwsem': 'percpu rw_semaphore',
  semaphore: 'semaphore',
  completion: 'completion',
  folio: 'page (folio) wait',
  buffer: 'buffer lock',
  waitqueue: 'wait queue',
  none: 'nothing found',
};

/** "the i_rwsem of /data/db.log on vdb (rw_semaphore ffff8a0301457500)". */
export function lockLabel(l: HangLock): string {
  const kind = KIND_NAMES[l.kind];
  if (l.kind === 'none') return 'no lock found';
  const at = l.address ? ` ${l.address}` : '';
  return l.name ? `the ${l.name} (${kind}${at})` : `the ${kind}${at}`;
}

function names(ts: readonly HangTask[], max = 6): string {
  const shown = ts.slice(0, max).map((t) => t.comm);
  return ts.length > max ? `${shown.join(', ')}, and ${ts.length - max} more` : shown.join(', ');
}

function who(ts: readonly HangTask[]): string {
  if (ts.length === 1 && ts[0]) return `${ts[0].comm} (PID ${ts[0].pid})`;
  return `${ts.length} tasks (${names(ts)})`;
}

export function hangSummary(h: Hang): string {
  const w = who(h.waiters);
  const verb = h.waiters.length === 1 ? 'waits' : 'wait';
  if (h.lock.kind === 'none') {
    const where = h.waiters[0]?.waitsIn;
    const sched = h.scheduler;
    if (sched && where && where !== sched) return `${w} ${verb} in ${sched} (called from ${where}), no lock found`;
    return `${w} ${verb} in ${where ?? sched ?? 'an unknown place'}, no lock found`;
  }
  let s = `${w} ${verb} for ${lockLabel(h.lock)}`;
  const first = h.chain[0];
  if (h.owner) s += `, held by ${h.owner.comm} (PID ${h.owner.pid})`;
  else if (h.readers.length > 0) s += `, held for read (last recorded reader: ${h.readers.map((r) => `${r.comm} (PID ${r.pid})`).join(', ')})`;
  else if (first?.note) s += ` (${first.note})`;
  for (const l of h.chain.slice(1)) {
    s += `, which waits for ${lockLabel(l.lock)}`;
    if (l.owner) s += `, held by ${l.owner.comm} (PID ${l.owner.pid})`;
    else if (l.note) s += ` (${l.note})`;
  }
  if (h.cycle) s += `: a deadlock (the chain of owners comes back to a waiter)`;
  else if (h.root) s += `, which ${h.root.doing}`;
  return s;
}

/** The Summary pane's line: the root that blocks the most tasks. */
export function stuckOnLine(hangs: readonly Hang[]): string | undefined {
  const h = hangs[0];
  if (!h) return undefined;
  const r = h.root;
  const total = hangs.reduce((n, x) => n + x.waiters.length, 0);
  const more = hangs.length > 1 ? ` (${hangs.length} groups, ${total} waiting tasks in all: see Hangs)` : '';
  if (h.cycle && r) return `deadlock: ${r.comm} (PID ${r.pid}) and the owners of ${lockLabel(h.lock)}${more}`;
  if (r) return `${r.comm} (PID ${r.pid}) ${r.doing}, holding up ${h.blocked} task${h.blocked === 1 ? '' : 's'} on ${lockLabel(h.lock)}${more}`;
  return `${h.summary}${more}`;
}
