// The char codes of a text in a typed array, for the hot loops of the
// parsers: reading a typed array element costs a fraction of charCodeAt().
// codes[i] === text.charCodeAt(i) for every i. Text whose chars all fit in a
// byte (nearly all crash output) becomes one byte per char; other text one
// UTF-16 unit per char.
import { Buffer } from 'node:buffer';
import { endianness } from 'node:os';

export type Codes = Uint8Array | Uint16Array;

// V8 answers this without scanning when the string is stored one byte per char.
const WIDE = /[^\0-\xff]/;
const LITTLE_ENDIAN = endianness() === 'LE';

export function codesOf(text: string): Codes {
  if (!WIDE.test(text)) return Buffer.from(text, 'latin1');
  const u = new Uint16Array(text.length);
  if (LITTLE_ENDIAN) Buffer.from(u.buffer, u.byteOffset, u.byteLength).write(text, 'utf16le');
  else for (let i = 0; i < text.length; i++) u[i] = text.charCodeAt(i);
  return u;
}

/** A DataView over one-byte codes (for reading four chars at a time), or undefined for wide ones. */
export function wordsOf(codes: Codes): DataView | undefined {
  return codes instanceof Uint8Array ? new DataView(codes.buffer, codes.byteOffset, codes.byteLength) : undefined;
}
