// The char codes of a text in a typed array, for the hot loops of the
// parsers: reading a typed array element costs a fraction of charCodeAt().
// Text whose chars all fit in a byte (nearly all crash output) is read one
// byte per char, other text one UTF-16 unit per char. The codes come in
// windows (text-window.ts), or the whole text at once (codesOf).
import { type Codes, TextWindow } from './text-window.js';

export type { Codes } from './text-window.js';

/** The codes of the whole text: codes[i] === text.charCodeAt(i). */
export function codesOf(text: string): Codes {
  const w = new TextWindow(text, text.length);
  w.cover(0, text.length);
  return w.codes.subarray(0, text.length);
}

/** A DataView over one-byte codes (for reading four chars at a time), or undefined for wide ones. */
export function wordsOf(codes: Codes): DataView | undefined {
  return codes instanceof Uint8Array ? new DataView(codes.buffer, codes.byteOffset, codes.byteLength) : undefined;
}
