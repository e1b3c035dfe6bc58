// What the History pane needs to search every saved session.
import { readSession } from '../session/reader.js';
import { HistoryIndex, type HistoryHit } from '../session/history-index.js';

export interface HistorySource {
  search(query: string): Promise<HistoryHit[]>;
  /** The full output of the exchange a hit points at. */
  output(hit: HistoryHit): Promise<string>;
}

/** Searches the sessions folder; the index is rebuilt when asked to (new exchanges were recorded). */
export function historyFromDir(dir: string): HistorySource & { invalidate(): void } {
  let index = HistoryIndex.fromDir(dir);
  return {
    search: (q) => index.search(q, { limit: 200 }),
    invalidate: () => {
      index = HistoryIndex.fromDir(dir);
    },
    async output(hit) {
      const s = await readSession(hit.sessionPath);
      return s.exchanges.find((e) => e.seq === hit.seq)?.output ?? '';
    },
  };
}
