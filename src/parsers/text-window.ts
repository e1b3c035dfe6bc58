// A moving window of a text's char codes (codes.ts) in a small reused typed
// array. Copying a 64 MB text into one buffer costs fresh memory pages (more
// than splitting it into lines); copying it window by window into the same
// 256 KB costs a few milliseconds. Inside the window,
// codes[i - base] === text.charCodeAt(i); past the end of the text the codes are 0.
import { Buffer } from 'node:buffer';
import { endianness } from 'node:os';

/** A text's char codes: one byte per char when they all fit, else UTF-16 units. */
export type Codes = Uint8Array | Uint16Array;

// V8 answers this without scanning when the string is stored one byte per char.
const WIDE = /[^\0-\xff]/;
const LITTLE_ENDIAN = endianness() === 'LE';
const SIZE = 1 << 18;
/** Chars a reader may look at past the end of a line it asked for. */
export const SLACK = 64;

export class TextWindow {
  codes: Codes;
  /** Index in the text of codes[0]. */
  base = 0;
  /** Index in the text past the last char (or zero) the window holds. */
  limit = 0;
  private bytes: Buffer;
  private readonly wide: boolean;
  private size: number;

  /** `size`: chars per window (the whole text makes one window). */
  constructor(private readonly text: string, size = SIZE) {
    this.size = size;
    this.wide = WIDE.test(text);
    [this.codes, this.bytes] = this.allocate();
  }

  private allocate(): [Codes, Buffer] {
    if (!this.wide) {
      // Unzeroed: cover() writes every code it makes readable (zeros past the end of the text).
      const bytes = Buffer.allocUnsafe(this.size + SLACK);
      return [bytes, bytes];
    }
    const units = new Uint16Array(this.size + SLACK);
    return [units, Buffer.from(units.buffer, units.byteOffset, units.byteLength)];
  }

  /** Makes text[start, end + SLACK) readable as codes[i - base]. */
  cover(start: number, end: number): void {
    // The refill is a call of its own: kept out of the readers' optimised code,
    // its rare paths (the last window) cannot deoptimise them.
    if (start < this.base || end + SLACK > this.limit) this.refill(start, end);
  }

  private refill(start: number, end: number): void {
    if (end - start > this.size) {
      // A line longer than the window: a window as long as the line, for now.
      this.size = end - start;
      [this.codes, this.bytes] = this.allocate();
    }
    const room = this.size + SLACK;
    const n = Math.min(room, this.text.length - start);
    const part = this.text.slice(start, start + n);
    if (!this.wide) this.bytes.write(part, 0, 'latin1');
    else if (LITTLE_ENDIAN) this.bytes.write(part, 0, 'utf16le');
    else for (let i = 0; i < n; i++) this.codes[i] = part.charCodeAt(i);
    if (n < room) this.codes.fill(0, n);
    this.base = start;
    this.limit = n < room ? start + room : start + n;
  }
}
