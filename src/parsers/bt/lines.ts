// Readers for the less common lines of crash `bt` output: `bt -l` source
// lines, `bt -f` stack words and stack-switch markers.
import { isDigit, isHexDigit } from '../lines.js';

/** Reads a `bt -l` source line (`    /path/file.c: 387`); undefined when not one. */
export function readFileLine(s: string, i: number, end: number): { file: string; line: number } | undefined {
  while (end > i && s.charCodeAt(end - 1) === 32) end--;
  const colon = s.lastIndexOf(': ', end);
  if (colon <= i || colon + 2 >= end) return undefined;
  let n = 0;
  for (let p = colon + 2; p < end; p++) {
    const c = s.charCodeAt(p);
    if (!isDigit(c)) return undefined;
    n = n * 10 + (c - 48);
  }
  if (s.lastIndexOf(' ', colon - 1) >= i && s.charCodeAt(i) !== 47 /* / */) return undefined;
  return { file: s.slice(i, colon), line: n };
}

/** True for a `bt -f` / `bt -F` stack-word line: `    ffff9850402cfb78: 0000000000000000 ...`. */
export function isStackWords(s: string, i: number, end: number): boolean {
  let k = i;
  while (k < end && isHexDigit(s.charCodeAt(k))) k++;
  return k > i && s.charCodeAt(k) === 58 && s.charCodeAt(k + 1) === 32;
}

/** Reads `--- <IRQ stack> ---` into "IRQ stack"; undefined when not a marker. */
export function readStackSwitch(t: string): string | undefined {
  if (!t.startsWith('--- ') || !t.endsWith(' ---')) return undefined;
  let inner = t.slice(4, -4).trim();
  if (inner.startsWith('<') && inner.endsWith('>')) inner = inner.slice(1, -1);
  return inner;
}
