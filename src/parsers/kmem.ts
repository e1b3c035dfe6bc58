// Parser for crash `kmem -i`:
//                  PAGES        TOTAL      PERCENTAGE
//     TOTAL MEM   122863     479.9 MB         ----
//          FREE   115231     450.1 MB   93% of TOTAL MEM
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { MemoryInfo, MemoryRow } from '../model/memory.js';
import { diag, isBlank, sizeToBytes, splitLines, toInt, tokens } from './lines.js';

const UNITS = new Set(['B', 'KB', 'MB', 'GB', 'TB', 'PB']);

function isLabelWord(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 65 && c <= 90;
}

function readRow(line: string): MemoryRow | string {
  const t = tokens(line);
  let k = 0;
  while (k < t.length && isLabelWord(t[k] as string)) k++;
  if (k === 0) return 'no row label';
  const row: MemoryRow = { name: t.slice(0, k).join(' ') };
  const pages = toInt(t[k] ?? '');
  if (pages === undefined) return 'PAGES is not a number';
  row.pages = pages;
  k++;
  const num = t[k];
  if (num === undefined) return 'missing TOTAL';
  const unit = t[k + 1];
  if (unit !== undefined && UNITS.has(unit)) {
    row.total = `${num} ${unit}`;
    k += 2;
  } else {
    row.total = num;
    k += 1;
  }
  const bytes = sizeToBytes(num, unit !== undefined && UNITS.has(unit) ? unit : 'B');
  if (bytes === undefined) return 'TOTAL is not a size';
  row.bytes = bytes;
  const pct = t[k];
  if (pct === undefined || pct === '----') return k + 1 >= t.length || pct === undefined ? row : 'unexpected text after ----';
  if (!pct.endsWith('%')) return 'PERCENTAGE is not N%';
  const p = toInt(pct.slice(0, -1));
  if (p === undefined) return 'PERCENTAGE is not a number';
  row.percent = p;
  if (t[k + 1] === 'of') row.of = t.slice(k + 2).join(' ');
  return row;
}

export function parseKmemInfo(text: string): Parsed<MemoryInfo> {
  const rows: MemoryRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = splitLines(text);
  for (let n = 0; n < lines.length; n++) {
    const s = lines[n] as string;
    if (isBlank(s)) continue;
    const t = s.trim();
    if (t.startsWith('PAGES') && t.indexOf('TOTAL') !== -1) continue;
    const row = readRow(s);
    if (typeof row === 'string') {
      const err = t.startsWith('kmem: ');
      diagnostics.push(diag(n + 1, err ? t : `unreadable kmem -i row: ${row}`, s, err ? 'error' : 'warning'));
    } else rows.push(row);
  }
  return { value: { rows }, diagnostics };
}
