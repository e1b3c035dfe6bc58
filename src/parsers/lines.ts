// Shared helpers for the crash output parsers: line splitting, diagnostics,
// and small char-code scanners (no per-line regex on the hot paths).
import type { Diagnostic } from '../model/diagnostic.js';

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

/** The text itself when clean, else cleaned line by line (same line count, no trailing line feed). */
export function cleanText(text: string): string {
  return needsCleaning(text) ? splitLines(text).join('\n') : text;
}

/** Builds a diagnostic; the offending text is cut to 120 characters. */
export function diag(line: number, message: string, text?: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic {
  const d: Diagnostic = { line, severity, message };
  if (text !== undefined) d.text = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return d;
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


/** A reader that takes one line at a time, as a slice [start, end) of s. */
export interface LineSink {
  line(s: string, start: number, end: number, n: number): void;
}

/** Feeds each line of clean text to the sink in place, without splitting (n is 1-based). */
export function scanCleanLines(text: string, sink: LineSink): void {
  let start = 0;
  for (let n = 1; start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    sink.line(text, start, end, n);
    start = end + 1;
  }
}

/** Feeds each line to the sink, cleaning the text first only when it needs it. */
export function scanLines(text: string, sink: LineSink): void {
  if (!needsCleaning(text)) return scanCleanLines(text, sink);
  const lines = splitLines(text);
  for (let n = 0; n < lines.length; n++) {
    const s = lines[n] as string;
    sink.line(s, 0, s.length, n + 1);
  }
}
