// Frames of a long `bt -a` / `foreach bt` repeat: every task asleep in the
// same call chain prints the same `function+off at address [module]` after
// its own stack pointer. A frame line whose text after the stack pointer
// equals one read before reuses that frame's strings (one string compare
// instead of reading and slicing the symbol, the offset and the address),
// which also keeps one copy of each string in the model.
import type { Frame } from '../../model/backtrace.js';
import type { Codes } from '../codes.js';

interface Seen {
  /** The line's text after `[sp] `, to its end. */
  tail: string;
  function: string;
  offset: number | undefined;
  address: string;
  module: string | undefined;
}

const SLOTS = 4096;

export class FrameCache {
  private readonly slots: (Seen | undefined)[] = new Array<Seen | undefined>(SLOTS).fill(undefined);
  /** How many frames came from the cache. */
  hits = 0;

  /** A cheap key for the tail s[a, end), from its length and a few of its chars (codes c, offset o). */
  private static key(c: Codes, o: number, a: number, end: number): number {
    const n = end - a;
    let h = n * 31 + (c[end - 1 - o] as number);
    h = h * 31 + (c[end - 2 - o] as number);
    h = h * 31 + (c[end - 4 - o] as number);
    h = h * 31 + (c[a + (n >> 1) - o] as number);
    return (h ^ (h >>> 12)) & (SLOTS - 1);
  }

  /** The frame read before for the same tail s[a, end), or undefined; c[i - o] is the code of s[i]. */
  find(s: string, c: Codes, o: number, a: number, end: number): Seen | undefined {
    if (end - a < 8) return undefined;
    const seen = this.slots[FrameCache.key(c, o, a, end)];
    // (slice and === compare whole blocks; startsWith goes char by char, at twice the cost.)
    if (seen === undefined || seen.tail.length !== end - a || s.slice(a, end) !== seen.tail) return undefined;
    this.hits++;
    return seen;
  }

  /** Remembers frame f, read from a line whose text after the stack pointer is s[a, end). */
  keep(s: string, c: Codes, o: number, a: number, end: number, f: Frame): void {
    if (end - a < 8) return;
    this.slots[FrameCache.key(c, o, a, end)] = { tail: s.slice(a, end), function: f.function, offset: f.offset, address: f.address, module: f.module };
  }
}
