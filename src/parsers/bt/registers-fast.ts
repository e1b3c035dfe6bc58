// The fast reader of crash's x86_64 register rows (three known registers a
// line), read from the char codes knowing the names each row must have:
//     RIP: ffffffffc014b3d0  RSP: ffff9850402cfe08  RFLAGS: 00000282
// Every row it takes, the reference reader (registers-reference.ts) reads the
// same way (fast-paths.test.ts); every other line goes there.
import type { Codes } from '../codes.js';
import { isHexDigit } from '../lines.js';
import { readRegistersReference } from './registers-reference.js';

/** A name of an x86_64 register row, with its char codes. */
interface RowName {
  name: string;
  codes: number[];
}

/** The x86_64 rows of three registers crash prints, by the second and third char of the first name (ROW_KEY). */
const ROWS: (RowName[] | undefined)[] = new Array<RowName[] | undefined>(43 * 43).fill(undefined);
for (const row of [['RIP', 'RSP', 'RFLAGS'], ['RAX', 'RBX', 'RCX'], ['RDX', 'RSI', 'RDI'], ['RBP', 'R8', 'R9'], ['R10', 'R11', 'R12'], ['R13', 'R14', 'R15']]) {
  ROWS[rowKey(row[0]!.charCodeAt(1), row[0]!.charCodeAt(2))] = row.map((name) => ({ name, codes: [...name].map((ch) => ch.charCodeAt(0)) }));
}

/** Slot of a row in ROWS by two chars from '0' to 'Z'; -1 for other chars. */
function rowKey(c1: number, c2: number): number {
  return c1 >= 48 && c1 <= 90 && c2 >= 48 && c2 <= 90 ? (c1 - 48) * 43 + (c2 - 48) : -1;
}

/**
 * One of the six x86_64 rows of three registers, read from the char codes
 * (c[k - o] is the code of s[k]) knowing the names it must have: the same
 * pairs readRegistersReference() gives, or false (pairs unchanged) for any other line.
 */
export function readRegisterRowFast(s: string, c: Codes, o: number, i: number, end: number, pairs: string[]): boolean {
  if (c[i - o] !== 82 /* R */ || c[i + 3 - o] !== 58 /* : */) return false;
  const row = ROWS[rowKey(c[i + 1 - o] as number, c[i + 2 - o] as number)];
  if (row === undefined) return false;
  const mark = pairs.length;
  let p = i;
  for (let r = 0; r < 3; r++) {
    const { name, codes } = row[r] as RowName;
    let k = 0;
    while (k < codes.length && c[p + k - o] === codes[k]) k++;
    if (k < codes.length || c[p + k - o] !== 58) break;
    let v = p + k + 1;
    while (c[v - o] === 32) v++;
    // The value runs to the next space (or the end of the line); as in readRegistersReference().
    let e = s.indexOf(' ', v);
    if (e === -1 || e > end) e = end;
    if (e === v || !isHexDigit(c[v - o] as number) || !isHexDigit(c[e - 1 - o] as number)) break;
    if (e - v < 8 && !allHexCodes(c, o, v, e)) break;
    pairs.push(name, s.slice(v, e));
    p = e;
    while (c[p - o] === 32) p++;
  }
  if (pairs.length - mark === 6 && p >= end) return true;
  pairs.length = mark;
  return false;
}

function allHexCodes(c: Codes, o: number, a: number, b: number): boolean {
  for (let h = a; h < b; h++) if (!isHexDigit(c[h - o] as number)) return false;
  return true;
}

/**
 * Reads a register line (`    RIP: ffffffffc014b3d0  RSP: ffff9850402cfe08  RFLAGS: 00000282`),
 * appending name, value, name, value... to `pairs` in one pass. Returns false
 * (pairs unchanged) when the line is not one.
 */
export function readRegisters(s: string, c: Codes, o: number, i: number, end: number, pairs: string[]): boolean {
  if (readRegisterRowFast(s, c, o, i, end, pairs)) return true;
  return readRegistersReference(s, i, end, pairs);
}
