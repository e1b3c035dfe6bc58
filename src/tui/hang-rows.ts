// The Hangs pane's rows: each hang as an indented tree, root → lock → waiters.
import { lockLabel } from '../core/analysis/hangs-text.js';
import type { Hang, HangTask } from '../model/hang.js';
import type { AppState } from './state.js';

export interface HangRow {
  key: string;
  depth: number;
  kind: 'root' | 'link' | 'lock' | 'waiter' | 'note';
  text: string;
  /** The task a row names (Enter opens its backtrace). */
  pid?: number;
  state?: string;
}

const age = (since: number | null) => (since === null ? '' : `${since.toFixed(1)} s`);

function waiterRow(h: number, w: HangTask, depth: number): HangRow {
  return {
    key: `${h}:w:${w.pid}`,
    depth,
    kind: 'waiter',
    pid: w.pid,
    state: w.state,
    text: `${String(w.pid).padStart(7)}  ${w.comm.padEnd(16)} ${age(w.since).padStart(9)}  in ${w.waitsIn ?? '?'}`,
  };
}

export function hangRowsOf(hangs: readonly Hang[]): HangRow[] {
  const rows: HangRow[] = [];
  hangs.forEach((h, i) => {
    const r = h.root;
    if (r) {
      const tag = h.cycle ? 'DEADLOCK ' : '';
      rows.push({ key: `${i}:root`, depth: 0, kind: 'root', pid: r.pid, state: r.state, text: `${tag}${r.comm} (PID ${r.pid}) ${r.doing}` });
    } else {
      rows.push({ key: `${i}:root`, depth: 0, kind: 'note', text: h.lock.kind === 'none' ? h.summary : `no owner found · ${h.chain[0]?.note ?? 'no owner recorded'}` });
    }
    let depth = 1;
    for (let k = h.chain.length - 1; k >= 1; k--) {
      const l = h.chain[k];
      const prev = h.chain[k - 1];
      if (!l || !prev) continue;
      rows.push({ key: `${i}:l:${k}`, depth, kind: 'link', text: `holds ${lockLabel(l.lock)}, which ${prev.owner ? `${prev.owner.comm} (PID ${prev.owner.pid})` : '?'} waits for` });
      if (prev.owner) rows.push({ key: `${i}:o:${k}`, depth: depth + 1, kind: 'waiter', pid: prev.owner.pid, state: prev.owner.state, text: `${String(prev.owner.pid).padStart(7)}  ${prev.owner.comm}` });
      depth += 2;
    }
    if (h.lock.kind !== 'none') {
      const held = h.owner ? 'holds' : h.readers.length > 0 ? 'read-holds (last recorded reader)' : 'waited on:';
      rows.push({ key: `${i}:lock`, depth, kind: 'lock', text: `${r ? held : 'waited on:'} ${lockLabel(h.lock)}${h.readers.length > 0 ? ` · readers: ${h.readers.map((x) => `${x.comm} (${x.pid})`).join(', ')}` : ''}` });
    }
    for (const w of h.waiters) rows.push(waiterRow(i, w, depth + 1));
  });
  return rows;
}

const cache = new WeakMap<readonly Hang[], HangRow[]>();

export function hangRows(s: Pick<AppState, 'hangs'>): HangRow[] {
  const hangs = s.hangs ?? [];
  let rows = cache.get(hangs);
  if (!rows) cache.set(hangs, (rows = hangRowsOf(hangs)));
  return rows;
}
