// Result arrays allocated once at an estimated size: filling a preallocated
// array costs about half of growing one by push() when it holds a million
// records. Past the estimate it grows by push(); done() trims the spare slots.

export class Collector<T> {
  readonly items: T[];
  count = 0;

  constructor(estimate: number) {
    this.items = new Array<T>(estimate);
  }

  add(item: T): void {
    if (this.count < this.items.length) this.items[this.count] = item;
    else this.items.push(item);
    this.count++;
  }

  done(): T[] {
    this.items.length = this.count;
    return this.items;
  }
}

const SAMPLE = 1 << 16;

/**
 * About how many lines the text has: counted in its first 64K chars, scaled
 * to its length, plus a tenth. Never more than a line per 16 chars past the
 * sample, so a sample of short lines cannot reserve much more than is used.
 */
export function estimateLines(text: string): number {
  const sample = Math.min(text.length, SAMPLE);
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < sample; i = text.indexOf('\n', i + 1)) lines++;
  if (sample === text.length) return lines + 1;
  const rest = (text.length - sample) * Math.min(lines / sample, 1 / 16);
  return Math.ceil((lines + rest) * 1.1) + 16;
}
