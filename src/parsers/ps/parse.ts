// Parser for crash `ps` and the variants `ps -S` (state counts), `ps -m` and
// `ps -l` (time since / of last run). Each line is recognised on its own, so
// the one parser reads any of them. Runs of table rows in the default layout
// take the fast reader (fast.ts); every other line the reference reader
// (reference.ts). Clean text is scanned in place.
import type { Diagnostic, Parsed } from '../../model/diagnostic.js';
import type { PsOutput } from '../../model/task.js';
import { codesOf, wordsOf } from '../codes.js';
import { cleanText, diag, tokens } from '../lines.js';
import { readRowsFast } from './fast.js';
import { DEFAULT_COLUMNS, DEFAULT_LAYOUT, layoutOf } from './layout.js';
import { readAgeRow, readReferenceRow, readStateCount } from './reference.js';

class PsReader {
  readonly value: PsOutput = { tasks: [] };
  readonly diagnostics: Diagnostic[] = [];
  private columns: readonly string[] = DEFAULT_COLUMNS;
  /** Whether the table's rows are in the default layout (as before any header, and after a default one). */
  defaultLayout = true;

  /** Reads a line that is not a row the fast reader took. */
  line(s: string, start: number, end: number, n: number): void {
    let i = start;
    while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    if (i === end) return;
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 62 /* > */) {
      const row = readReferenceRow(s.slice(start, end), this.columns);
      if (typeof row === 'string') this.diagnostics.push(diag(n, `unreadable ps row: ${row}`, s.slice(start, end)));
      else this.value.tasks.push(row);
      return;
    }
    const t = s.slice(i, end);
    if (c === 91 /* [ */) {
      const row = readAgeRow(t);
      if (typeof row === 'string') this.diagnostics.push(diag(n, `unreadable ps -m/-l row: ${row}`, s.slice(start, end)));
      else (this.value.ages ??= []).push(row);
      return;
    }
    if (t.startsWith('PID ') && t.indexOf('COMM') !== -1) {
      const cols = tokens(t);
      if (cols[cols.length - 1] === 'COMM' && cols.includes('ST')) {
        this.columns = cols;
        this.defaultLayout = cols.join(' ') === DEFAULT_COLUMNS.join(' ') && layoutOf(s.slice(start, end)) === DEFAULT_LAYOUT;
      } else this.diagnostics.push(diag(n, 'unexpected ps header', s.slice(start, end)));
      return;
    }
    const sc = readStateCount(t);
    if (sc) {
      (this.value.states ??= {})[sc[0]] = sc[1];
      return;
    }
    const err = t.startsWith('ps: ');
    this.diagnostics.push(diag(n, err ? t.trimEnd() : 'unrecognised ps line', s.slice(start, end), err ? 'error' : 'warning'));
  }
}

export function parsePs(text: string): Parsed<PsOutput> {
  const clean = cleanText(text);
  const r = new PsReader();
  // Text with chars wider than a byte has no one-byte view: all of it takes the reference reader.
  const words = wordsOf(codesOf(clean));
  let start = 0;
  for (let n = 1; start < clean.length; n++) {
    // Most lines are table rows: a run of them is read by the fast reader.
    if (words !== undefined && r.defaultLayout) {
      const { rows, next } = readRowsFast(clean, words, start);
      if (r.value.tasks.length === 0) r.value.tasks = rows;
      else for (const row of rows) r.value.tasks.push(row);
      n += rows.length;
      start = next;
      if (start >= clean.length) break;
    }
    let end = clean.indexOf('\n', start);
    if (end === -1) end = clean.length;
    r.line(clean, start, end, n);
    start = end + 1;
  }
  return { value: r.value, diagnostics: r.diagnostics };
}
