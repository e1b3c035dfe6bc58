// Pane search: an exact (case-insensitive) substring pre-filter, then fuse.js
// fuzzy matching when nothing matches exactly. Results keep the list's order.
import Fuse from 'fuse.js';

const FUZZY_LIMIT = 20_000;
const cache = new WeakMap<readonly unknown[], { query: string; result: number[] }>();

/** Indexes of the items that match the query (all when the query is empty). */
export function searchIndexes<T>(items: readonly T[], text: (item: T) => string, query: string | undefined): number[] | undefined {
  const q = query?.trim().toLowerCase();
  if (!q) return undefined;
  const hit = cache.get(items);
  if (hit && hit.query === q) return hit.result;
  const exact: number[] = [];
  for (let i = 0; i < items.length; i++) if (text(items[i] as T).toLowerCase().includes(q)) exact.push(i);
  let result = exact;
  if (exact.length === 0) {
    const pool = items.slice(0, FUZZY_LIMIT).map((item, i) => ({ i, t: text(item) }));
    const fuse = new Fuse(pool, { keys: ['t'], threshold: 0.35, ignoreLocation: true });
    result = fuse
      .search(q)
      .map((r) => r.item.i)
      .sort((a, b) => a - b);
  }
  cache.set(items, { query: q, result });
  return result;
}
