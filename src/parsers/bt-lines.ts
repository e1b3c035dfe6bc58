// Line readers for crash `bt` output; char-code scanning, no regex.
import type { Frame } from '../model/backtrace.js';
import { isDigit, isHex, isHexDigit, skipSpaces, skipToken, splitSymbol } from './lines.js';

/**
 * Reads a frame line: ` #8 [ffff9850402cfe08] direct_entry.cold+24 at ffffffffc014c2e6 [lkdtm]`.
 * `i` is the index of '#'. Returns undefined when the line is not a frame.
 */
export function readFrame(s: string, i: number): Frame | undefined {
  let p = i + 1;
  let index = 0;
  const d0 = p;
  while (p < s.length && isDigit(s.charCodeAt(p))) index = index * 10 + (s.charCodeAt(p++) - 48);
  if (p === d0 || p - d0 > 6) return undefined;
  p = skipSpaces(s, p);
  if (s.charCodeAt(p) !== 91 /* [ */) return undefined;
  const spStart = p + 1;
  const spEnd = s.indexOf(']', spStart);
  if (spEnd === -1) return undefined;
  const sp = s.slice(spStart, spEnd);
  p = skipSpaces(s, spEnd + 1);
  const fnEnd = skipToken(s, p);
  if (fnEnd === p) return undefined;
  const sym = s.slice(p, fnEnd);
  p = skipSpaces(s, fnEnd);
  if (!(s.charCodeAt(p) === 97 && s.charCodeAt(p + 1) === 116 && (p + 2 === s.length || s.charCodeAt(p + 2) === 32))) {
    return undefined;
  }
  p = skipSpaces(s, p + 2);
  const aEnd = skipToken(s, p);
  const address = s.slice(p, aEnd);
  if (!isHex(address)) return undefined;
  const f = { index, sp, function: sym } as Frame;
  if (sym.lastIndexOf('+') > 0) {
    const parts = splitSymbol(sym);
    f.function = parts.function;
    if (parts.offset !== undefined) f.offset = parts.offset;
  }
  f.address = address;
  p = skipSpaces(s, aEnd);
  if (p < s.length && s.charCodeAt(p) === 91) {
    const close = s.indexOf(']', p);
    if (close !== -1) f.module = s.slice(p + 1, close);
  }
  return f;
}

/**
 * Reads a register line (`    RIP: ffffffffc014b3d0  RSP: ffff9850402cfe08  RFLAGS: 00000282`)
 * into `into`. Returns false when the line is not one; `into` is then unchanged.
 */
export function readRegisters(s: string, i: number, into: Record<string, string>): boolean {
  const pairs: string[] = [];
  let p = i;
  while (p < s.length) {
    const kEnd = skipToken(s, p);
    if (s.charCodeAt(kEnd - 1) !== 58 /* : */ || kEnd - p < 2) return false;
    const c0 = s.charCodeAt(p);
    if (c0 < 65 || c0 > 90) return false;
    for (let k = p; k < kEnd - 1; k++) {
      const c = s.charCodeAt(k);
      if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return false;
    }
    const v = skipSpaces(s, kEnd);
    const vEnd = skipToken(s, v);
    if (vEnd === v) return false;
    for (let k = v; k < vEnd; k++) if (!isHexDigit(s.charCodeAt(k))) return false;
    pairs.push(s.slice(p, kEnd - 1), s.slice(v, vEnd));
    p = skipSpaces(s, vEnd);
  }
  if (pairs.length === 0) return false;
  for (let k = 0; k < pairs.length; k += 2) into[pairs[k] as string] = pairs[k + 1] as string;
  return true;
}

/** Reads a `bt -l` source line (`    /path/file.c: 387`); undefined when not one. */
export function readFileLine(s: string, i: number): { file: string; line: number } | undefined {
  const end = s.trimEnd().length;
  const colon = s.lastIndexOf(': ', end);
  if (colon <= i) return undefined;
  let n = 0;
  let p = colon + 2;
  if (p >= end) return undefined;
  for (; p < end; p++) {
    const c = s.charCodeAt(p);
    if (!isDigit(c)) return undefined;
    n = n * 10 + (c - 48);
  }
  const file = s.slice(i, colon);
  if (file.indexOf(' ') !== -1 && !file.startsWith('/')) return undefined;
  return { file, line: n };
}

/** True for a `bt -f` / `bt -F` stack-word line: `    ffff9850402cfb78: 0000000000000000 ...`. */
export function isStackWords(s: string, i: number): boolean {
  const colon = s.indexOf(': ', i);
  if (colon <= i) return false;
  for (let k = i; k < colon; k++) if (!isHexDigit(s.charCodeAt(k))) return false;
  return true;
}

/** Reads `--- <IRQ stack> ---` into "IRQ stack"; undefined when not a marker. */
export function readStackSwitch(t: string): string | undefined {
  if (!t.startsWith('--- ') || !t.endsWith(' ---')) return undefined;
  let inner = t.slice(4, -4).trim();
  if (inner.startsWith('<') && inner.endsWith('>')) inner = inner.slice(1, -1);
  return inner;
}
