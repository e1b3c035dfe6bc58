// Pane search, filtering as you type: a case-insensitive substring match over
// lower-cased keys computed once per list, narrowing the previous hits when
// the query grows (fzf style); fuse.js fuzzy matching when nothing matches
// exactly. Results keep the list's order.
import Fuse from 'fuse.js';

const FUZZY_LIMIT = 20_000;
/** Queries remembered per list, so backspace and retyping cost nothing. */
const REMEMBER = 32;

interface ListIndex {
  keys: string[];
  results: Map<string, number[]>;
  last?: { query: string; exact: number[] };
}

const indexes = new WeakMap<readonly unknown[], ListIndex>();

function indexOf<T>(items: readonly T[], text: (item: T) => string): ListIndex {
  let ix = indexes.get(items);
  if (!ix) {
    const keys = new Array<string>(items.length);
    for (let i = 0; i < items.length; i++) keys[i] = text(items[i] as T).toLowerCase();
    indexes.set(items, (ix = { keys, results: new Map() }));
  }
  return ix;
}

function exactHits(ix: ListIndex, q: string): number[] {
  const prev = ix.last && q.startsWith(ix.last.query) ? ix.last.exact : undefined;
  const out: number[] = [];
  if (prev) {
    for (const i of prev) if ((ix.keys[i] as string).includes(q)) out.push(i);
  } else {
    const keys = ix.keys;
    for (let i = 0; i < keys.length; i++) if ((keys[i] as string).includes(q)) out.push(i);
  }
  ix.last = { query: q, exact: out };
  return out;
}

function fuzzyHits(ix: ListIndex, q: string): number[] {
  const pool = ix.keys.slice(0, FUZZY_LIMIT).map((t, i) => ({ i, t }));
  const fuse = new Fuse(pool, { keys: ['t'], threshold: 0.35, ignoreLocation: true });
  return fuse
    .search(q)
    .map((r) => r.item.i)
    .sort((a, b) => a - b);
}

/** Indexes of the items that match the query (undefined when the query is empty). */
export function searchIndexes<T>(items: readonly T[], text: (item: T) => string, query: string | undefined): number[] | undefined {
  // Spaces inside and after the query are typed on purpose ("task-1 " is not "task-10").
  const q = query?.trimStart().toLowerCase();
  if (!q?.trim()) return undefined;
  const ix = indexOf(items, text);
  const hit = ix.results.get(q);
  if (hit) return hit;
  const exact = exactHits(ix, q);
  const result = exact.length > 0 ? exact : fuzzyHits(ix, q);
  if (ix.results.size >= REMEMBER) ix.results.delete(ix.results.keys().next().value as string);
  ix.results.set(q, result);
  return result;
}
