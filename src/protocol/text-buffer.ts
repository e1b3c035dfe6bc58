/**
 * Text received from a backend between two frame boundaries, kept as a list of
 * chunks. `buf += chunk` followed by a search flattens the whole string on
 * every chunk: for a 10 MB `foreach bt` that is gigabytes copied and seconds
 * of page faults. Here a search looks only at the new text (plus the overlap a
 * match can straddle), and the chunks are joined once, when the frame ends.
 */
export class TextBuffer {
  private chunks: string[] = [];
  private total = 0;
  /** Every match starting before `scanned - needle.length + 1` has been looked for already. */
  private scanned = 0;
  private hit: { needle: string; at: number } | undefined;

  get length(): number {
    return this.total;
  }

  push(chunk: string): void {
    if (chunk === '') return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** Empties the buffer (or restarts it with `initial`). */
  reset(initial = ''): void {
    this.chunks = initial === '' ? [] : [initial];
    this.total = initial.length;
    this.scanned = 0;
    this.hit = undefined;
  }

  /** The whole text (joined once; later calls reuse the joined string). */
  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }

  /** The text from `from` to the end, touching only the chunks that hold it. */
  private from(from: number): string {
    const parts: string[] = [];
    let end = this.total;
    for (let i = this.chunks.length - 1; i >= 0 && end > from; i--) {
      const c = this.chunks[i] as string;
      const start = end - c.length;
      parts.push(start >= from ? c : c.slice(from - start));
      end = start;
    }
    return parts.reverse().join('');
  }

  /** The last `n` characters (fewer when the buffer is shorter). */
  tail(n: number): string {
    return this.from(Math.max(0, this.total - n));
  }

  /** Where `needle` first occurs, looking only at text not searched before; sticky once found. */
  find(needle: string): number | undefined {
    if (this.hit?.needle === needle) return this.hit.at;
    const start = Math.max(0, this.scanned - needle.length + 1);
    this.scanned = this.total;
    const i = this.from(start).indexOf(needle);
    if (i < 0) return undefined;
    this.hit = { needle, at: start + i };
    return this.hit.at;
  }
}
