// The wait-for graph: waiters grouped by the lock they wait on, each lock
// followed through its owner (who may wait on another lock in turn) down to
// the task that holds everything up. Pure: facts in, hangs out.
import type { Hang, HangLink, HangLock, HangRoot, HangTask, WaitFacts } from '../../model/hang.js';
import { activity, schedulerFrame, sinceText, waitsIn } from './hangs-activity.js';
import { decodeOwner } from './hangs-owner.js';
import { hangSummary } from './hangs-text.js';

const norm = (a: string) => a.toLowerCase().replace(/^0x/, '').replace(/^0+(?=.)/, '');

/** The group a waiter belongs to: its lock's address, or where it waits when no lock was found. */
function groupKey(f: WaitFacts): string {
  const l = f.lock;
  if (l?.address) return `${l.kind}@${norm(l.address)}`;
  return `${l?.kind ?? 'none'}:${waitsIn(f) ?? '?'}`;
}

export function hangTask(f: WaitFacts): HangTask {
  return { pid: f.pid, comm: f.comm, state: f.state, waitsIn: waitsIn(f), since: f.sinceMs === undefined ? null : Math.round(f.sinceMs / 100) / 10 };
}

function hangLock(f: WaitFacts): HangLock {
  const l = f.lock;
  return { kind: l?.kind ?? 'none', address: l?.address ? norm(l.address) : null, name: l?.name ?? null };
}

/** A task waits when it is in D state, or sleeps on a lock that was found. */
function isWaiter(f: WaitFacts): boolean {
  return !f.active && (f.state === 'UN' || (f.lock !== undefined && f.lock.kind !== 'none'));
}

interface Group {
  key: string;
  waiters: WaitFacts[];
  /** The waiter whose lock facts are the most complete (has an owner word, a name). */
  best: WaitFacts;
}

function score(f: WaitFacts): number {
  return (f.lock?.owner ? 2 : 0) + (f.lock?.name ? 1 : 0);
}

function groups(facts: readonly WaitFacts[]): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const f of facts) {
    if (!isWaiter(f)) continue;
    const key = groupKey(f);
    const g = out.get(key);
    if (!g) out.set(key, { key, waiters: [f], best: f });
    else {
      g.waiters.push(f);
      if (score(f) > score(g.best)) g.best = f;
    }
  }
  return out;
}

function ownerNote(g: Group, readerOwned: boolean, note: string | undefined, ownerKnown: boolean): string | null {
  const parts: string[] = [];
  if (note && (!ownerKnown || readerOwned)) parts.push(note);
  if (g.best.lock?.evidence) parts.push(g.best.lock.evidence);
  return parts.length > 0 ? parts.join('; ') : null;
}

export interface HangOptions {
  /** Names for task addresses that are not among the facts (from the task list). */
  taskNames?: ReadonlyMap<string, { pid: number; comm: string; state: string }>;
}

export function buildHangs(facts: readonly WaitFacts[], opts: HangOptions = {}): Hang[] {
  const byTask = new Map(facts.map((f) => [norm(f.task), f]));
  const gs = groups(facts);
  const named = (addr: string) => {
    const f = byTask.get(addr);
    if (f) return { pid: f.pid, comm: f.comm, state: f.state };
    return opts.taskNames?.get(addr) ?? { pid: -1, comm: `task ${addr}`, state: '??' };
  };
  const link = (g: Group) => {
    const d = decodeOwner(g.best.lock ?? { kind: 'none' });
    const owner = d.task ? norm(d.task) : undefined;
    const l: HangLink = { lock: hangLock(g.best), owner: owner ? named(owner) : null, note: ownerNote(g, d.readerOwned, d.note, owner !== undefined) };
    return { l, owner, readerOwned: d.readerOwned };
  };
  const hangs: Hang[] = [];
  for (const g of gs.values()) {
    const first = link(g);
    const chain: HangLink[] = [first.l];
    const seen = new Set(g.waiters.map((w) => norm(w.task)));
    const visited = new Set([g.key]);
    let cycle = false;
    let rootAddr = first.owner;
    while (rootAddr !== undefined) {
      const f = byTask.get(rootAddr);
      const next = f && isWaiter(f) && f.lock && f.lock.kind !== 'none' ? gs.get(groupKey(f)) : undefined;
      if (seen.has(rootAddr) || (next && visited.has(next.key))) {
        cycle = true;
        break;
      }
      seen.add(rootAddr);
      if (!next) break;
      visited.add(next.key);
      const nl = link(next);
      chain.push(nl.l);
      if (nl.owner === undefined) {
        rootAddr = undefined;
        break;
      }
      rootAddr = nl.owner;
    }
    const rootFacts = rootAddr !== undefined ? byTask.get(rootAddr) : undefined;
    let root: HangRoot | null = null;
    if (rootFacts) {
      const a = activity(rootFacts);
      root = { ...hangTask(rootFacts), activity: cycle ? 'blocked' : a.kind, doing: cycle ? `${a.text} (deadlock)` : `${a.text}${sinceText(rootFacts.sinceMs)}` };
    } else if (rootAddr !== undefined) {
      const n = named(rootAddr);
      root = { ...n, waitsIn: null, since: null, activity: 'unknown', doing: 'not examined (its stack was not read)' };
    }
    const readers = first.readerOwned && first.owner ? [named(first.owner)].map(({ pid, comm }) => ({ pid, comm })) : [];
    const owner = first.l.owner && !first.readerOwned ? { pid: first.l.owner.pid, comm: first.l.owner.comm } : null;
    const waiters = g.waiters.map(hangTask).sort((a, b) => a.pid - b.pid);
    const blocked = waiters.length + chain.slice(1).length;
    const h: Hang = { root, lock: first.l.lock, owner, waiters, chain, cycle, readers, blocked, summary: '' };
    const sched = schedulerFrame(g.best.stack);
    if (sched) h.scheduler = sched;
    h.summary = hangSummary(h);
    hangs.push(h);
  }
  return hangs.sort((a, b) => b.blocked - a.blocked || b.waiters.length - a.waiters.length || (a.root?.pid ?? 1e9) - (b.root?.pid ?? 1e9));
}
