// Shared helpers for the crash output parsers: line splitting, diagnostics,
// and small char-code scanners (no per-line regex on the hot paths).
import type { Diagnostic } from '../model/diagnostic.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

/**
 * Splits text into lines. Handles LF and CRLF ends, a lone CR inside a line
 * (a terminal would overwrite: keep what follows the last CR) and ANSI escape
 * sequences (removed). The checks run once per text, so clean text costs a split.
 */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  let lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const hasEsc = text.indexOf('\u001b') !== -1;
  const hasCr = text.indexOf('\r') !== -1;
  if (!hasEsc && !hasCr) return lines;
  lines = lines.map((l) => {
    let s = l;
    if (hasEsc && s.indexOf('\u001b') !== -1) s = s.replace(ANSI, '');
    if (hasCr) {
      if (s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
      const cr = s.lastIndexOf('\r');
      if (cr !== -1) s = s.slice(cr + 1);
    }
    return s;
  });
  return lines;
}

/** Builds a diagnostic; the offending text is cut to 120 characters. */
export function diag(line: number, message: string, text?: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic {
  const d: Diagnostic = { line, severity, message };
  if (text !== undefined) d.text = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return d;
}

/** True for a line of only spaces and tabs (or empty). */
export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Index of the first char at or after i that is not a space or tab. */
export function skipSpaces(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

/** Index of the first space or tab at or after i (or s.length). */
export function skipToken(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9) break;
    i++;
  }
  return i;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Splits on runs of spaces and tabs, dropping empty tokens. */
export function tokens(s: string): string[] {
  const out: string[] = [];
  let i = skipSpaces(s, 0);
  while (i < s.length) {
    const e = skipToken(s, i);
    out.push(s.slice(i, e));
    i = skipSpaces(s, e);
  }
  return out;
}

/** A non-negative decimal integer, or undefined when s is not one. */
export function toInt(s: string): number | undefined {
  if (s.length === 0 || s.length > 15) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** A decimal integer with an optional leading minus sign. */
export function toSignedInt(s: string): number | undefined {
  if (s.charCodeAt(0) === 45) {
    const n = toInt(s.slice(1));
    return n === undefined ? undefined : -n;
  }
  return toInt(s);
}

/** A decimal number such as "0.0" or "12.5" (no exponent, no sign). */
export function toDecimal(s: string): number | undefined {
  if (s.length === 0 || s.length > 24) return undefined;
  let dot = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && !dot) dot = true;
    else if (c < 48 || c > 57) return undefined;
  }
  if (s === '.') return undefined;
  return Number(s);
}

/** True when s is a non-empty run of hex digits. */
export function isHex(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isHexDigit(s.charCodeAt(i))) return false;
  return true;
}

/** Parses `func+off` where off is decimal or 0x-hex; a bare name has no offset. */
export function splitSymbol(sym: string): { function: string; offset?: number } {
  const plus = sym.lastIndexOf('+');
  if (plus <= 0) return { function: sym };
  const off = sym.slice(plus + 1);
  let n: number | undefined;
  if (off.startsWith('0x')) n = isHex(off.slice(2)) ? parseInt(off.slice(2), 16) : undefined;
  else n = toInt(off);
  if (n === undefined) return { function: sym };
  return { function: sym.slice(0, plus), offset: n };
}

/** "767.5 MB" -> bytes (approximate); units B, KB, MB, GB, TB (also KiB...). */
export function sizeToBytes(num: string, unit: string | undefined): number | undefined {
  const n = toDecimal(num);
  if (n === undefined) return undefined;
  const u = (unit ?? 'B').toUpperCase().replace('IB', 'B');
  const mult: Record<string, number> = { B: 1, KB: 1024, K: 1024, MB: 1024 ** 2, M: 1024 ** 2, GB: 1024 ** 3, G: 1024 ** 3, TB: 1024 ** 4, T: 1024 ** 4 };
  const m = mult[u];
  return m === undefined ? undefined : Math.round(n * m);
}

/** A `cmd: message` line crash prints for an error (e.g. "bt: invalid task or pid value: 99999"). */
export function isCrashError(line: string, command: string): boolean {
  return line.startsWith(`${command}: `);
}

/** Reads the `"..."` at s[i]; returns the inside and the index after the closing quote. */
export function readQuoted(s: string, i: number): { text: string; end: number } | undefined {
  if (s.charCodeAt(i) !== 34) return undefined;
  const close = s.lastIndexOf('"');
  if (close <= i) return { text: s.slice(i + 1), end: s.length };
  return { text: s.slice(i + 1, close), end: close + 1 };
}
