// Shared helpers for the crash output parsers: line splitting, diagnostics,
// and small char-code scanners (no per-line regex on the hot paths).
import type { Diagnostic } from '../model/diagnostic.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

/** What a terminal shows for a line with bare CRs: each segment overwrites the start of the line. */
function overstrike(s: string): string {
  let shown = '';
  for (const seg of s.split('\r')) shown = seg.length >= shown.length ? seg : seg + shown.slice(seg.length);
  return shown;
}

/**
 * Splits text into lines. Handles LF and CRLF ends, a bare CR inside a line
 * (kept as a terminal shows it: later text overwrites earlier) and ANSI escape
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
      if (s.indexOf('\r') !== -1) s = overstrike(s);
    }
    return s;
  });
  return lines;
}

/** True when the text has CRs or ANSI escapes, which splitLines() cleans. */
export function needsCleaning(text: string): boolean {
  return text.indexOf('\r') !== -1 || text.indexOf('\u001b') !== -1;
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

/** Index of the first space, tab or line feed at or after i (or s.length). */
export function skipToken(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10) break;
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

const UNIT_BYTES: Record<string, number> = {
  B: 1, KB: 1024, K: 1024, MB: 1024 ** 2, M: 1024 ** 2, GB: 1024 ** 3, G: 1024 ** 3, TB: 1024 ** 4, T: 1024 ** 4, PB: 1024 ** 5,
};

/** "767.5 MB" -> bytes (approximate); units B, KB, MB, GB, TB (also KiB...). */
export function sizeToBytes(num: string, unit: string | undefined): number | undefined {
  const n = toDecimal(num);
  if (n === undefined) return undefined;
  const u = (unit ?? 'B').toUpperCase().replace('IB', 'B');
  const m = UNIT_BYTES[u];
  return m === undefined ? undefined : Math.round(n * m);
}

/** A `cmd: message` line crash prints for an error (e.g. "bt: invalid task or pid value: 99999"). */
export function isCrashError(line: string, command: string): boolean {
  return line.startsWith(`${command}: `);
}

/** Reads the `"..."` at s[i] (up to end); returns the inside and the index after the last quote. */
export function readQuoted(s: string, i: number, end = s.length): { text: string; end: number } | undefined {
  if (s.charCodeAt(i) !== 34) return undefined;
  const close = s.lastIndexOf('"', end - 1);
  if (close <= i) return { text: s.slice(i + 1, end), end };
  return { text: s.slice(i + 1, close), end: close + 1 };
}

/**
 * Calls fn(s, start, end, lineNumber) for every line of text. Clean text is
 * scanned in place (s is the text itself, no line strings are made); text
 * with CRs or ANSI escapes is split and cleaned first (s is then the line).
 */
export function eachLine(text: string, fn: (s: string, start: number, end: number, n: number) => void): void {
  if (needsCleaning(text)) {
    const lines = splitLines(text);
    for (let n = 0; n < lines.length; n++) {
      const s = lines[n] as string;
      fn(s, 0, s.length, n + 1);
    }
    return;
  }
  let start = 0;
  for (let n = 1; start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    fn(text, start, end, n);
    start = end + 1;
  }
}

/** Index of the first char code c in s[from, end), or -1 (never scans past end). */
export function findChar(s: string, c: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (s.charCodeAt(i) === c) return i;
  return -1;
}

/** End of the line that starts at start: the index of the next LF, or s.length. */
export function lineEnd(s: string, start: number): number {
  const e = s.indexOf('\n', start);
  return e === -1 ? s.length : e;
}
