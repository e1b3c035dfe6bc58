// Parser for crash `kmem -i`:
//                  PAGES        TOTAL      PERCENTAGE
//     TOTAL MEM   122863     479.9 MB         ----
//          FREE   115231     450.1 MB   93% of TOTAL MEM
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { MemoryInfo, MemoryRow } from '../model/memory.js';
import { diag, eachLine, isDigit, skipSpaces, skipToken } from './lines.js';

const UNIT_BYTES: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4, PB: 1024 ** 5 };

/** Reads a decimal number such as "479.9" at s[a, b); NaN when it is not one. */
function decimal(s: string, a: number, b: number): number {
  let whole = 0;
  let frac = 0;
  let scale = 1;
  let i = a;
  for (let c = s.charCodeAt(i); i < b && c >= 48 && c <= 57; c = s.charCodeAt(++i)) whole = whole * 10 + (c - 48);
  if (i === a) return NaN;
  if (i < b && s.charCodeAt(i) === 46) {
    for (let c = s.charCodeAt(++i); i < b && c >= 48 && c <= 57; c = s.charCodeAt(++i)) {
      frac = frac * 10 + (c - 48);
      scale *= 10;
    }
  }
  return i === b ? (whole * scale + frac) / scale : NaN;
}

/** Reads a row at s[start, end); a reason string when it is not one. */
function readRow(s: string, start: number, end: number): MemoryRow | string {
  // The label is the upper-case words before the first number.
  let i = skipSpaces(s, start);
  const l0 = i;
  let l1 = i;
  for (; i < end && !isDigit(s.charCodeAt(i)); i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && (c < 65 || c > 90)) return 'no row label';
    if (c !== 32) l1 = i + 1;
  }
  if (l1 === l0) return 'no row label';
  let e = Math.min(skipToken(s, i), end);
  const pages = decimal(s, i, e);
  if (!Number.isInteger(pages)) return 'PAGES is not a number';
  const n0 = skipSpaces(s, e);
  const n1 = Math.min(skipToken(s, n0), end);
  const value = decimal(s, n0, n1);
  if (Number.isNaN(value)) return n0 >= end ? 'missing TOTAL' : 'TOTAL is not a size';
  i = skipSpaces(s, n1);
  e = Math.min(skipToken(s, i), end);
  const unit = UNIT_BYTES[s.slice(i, e)];
  let total: string;
  if (unit !== undefined && e > i) {
    total = i === n1 + 1 ? s.slice(n0, e) : `${s.slice(n0, n1)} ${s.slice(i, e)}`;
    i = skipSpaces(s, e);
  } else total = s.slice(n0, n1);
  const row: MemoryRow = { name: s.slice(l0, l1), pages, total, bytes: Math.round(value * (unit ?? 1)) };
  if (i >= end) return row;
  if (s.startsWith('----', i)) return skipSpaces(s, i + 4) >= end ? row : 'unexpected text after ----';
  let p = 0;
  const p0 = i;
  for (let c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) p = p * 10 + (c - 48);
  if (i === p0 || s.charCodeAt(i) !== 37 /* % */) return 'PERCENTAGE is not N%';
  row.percent = p;
  i = skipSpaces(s, i + 1);
  if (s.startsWith('of ', i)) {
    let b = end;
    while (b > i && s.charCodeAt(b - 1) === 32) b--;
    row.of = s.slice(skipSpaces(s, i + 3), b);
  }
  return row;
}

export function parseKmemInfo(text: string): Parsed<MemoryInfo> {
  const rows: MemoryRow[] = [];
  const diagnostics: Diagnostic[] = [];
  eachLine(text, (s, start, end, n) => {
    const i = skipSpaces(s, start);
    if (i >= end) return;
    if (s.startsWith('PAGES', i)) return;
    const row = readRow(s, start, end);
    if (typeof row !== 'string') {
      rows.push(row);
      return;
    }
    const line = s.slice(start, end);
    const err = s.startsWith('kmem: ', i);
    diagnostics.push(diag(n, err ? line.trim() : `unreadable kmem -i row: ${row}`, line, err ? 'error' : 'warning'));
  });
  return { value: { rows }, diagnostics };
}
