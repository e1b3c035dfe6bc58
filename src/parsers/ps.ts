// Parser for crash `ps` and the variants `ps -S` (state counts), `ps -m` and
// `ps -l` (time since / of last run). Each line is recognised on its own, so
// the one parser reads any of them. Clean text is scanned in place.
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { PsOutput, Task } from '../model/task.js';
import { codesOf, wordsOf, type Codes } from './codes.js';
import { cleanText, diag, tokens } from './lines.js';
import { DEFAULT_LAYOUT, layoutOf, readLaidOutRow, type PsLayout } from './ps-layout.js';
import { readDefaultLayoutRow, rowEnd } from './ps-words.js';
import { readDefaultRow } from './ps-row.js';
import { DEFAULT_COLUMNS, readAgeRow, readStateCount, readTableRow } from './ps-rows.js';

class PsReader {
  readonly value: PsOutput = { tasks: [] };
  readonly diagnostics: Diagnostic[] = [];
  private columns: readonly string[] = DEFAULT_COLUMNS;
  private standard = true;
  /** The fixed layout of the table rows, while the header says the columns are the default ones. */
  layout: PsLayout | undefined = DEFAULT_LAYOUT;

  /** Reads a line that is not a row in the fixed layout. */
  line(s: string, start: number, end: number, n: number): void {
    let i = start;
    while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    if (i === end) return;
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 62 /* > */) {
      const row = this.standard ? readDefaultRow(s, start, end) : readTableRow(s.slice(start, end), this.columns);
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
        this.standard = cols.join(' ') === DEFAULT_COLUMNS.join(' ');
        this.layout = this.standard ? layoutOf(s.slice(start, end)) : undefined;
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

/** Lines readRows() took. */
let lineCount = 0;

/**
 * Reads the rows from `start` while they fit the layout; returns where the
 * first line that does not starts, with lineCount set to the rows read.
 */
function readRows(s: string, codes: Codes, words: DataView | undefined, start: number, layout: PsLayout, out: PsOutput): number {
  const tasks = out.tasks;
  let rows = 0;
  if (words !== undefined && layout === DEFAULT_LAYOUT) {
    // The default layout: the row reader finds each line's end itself. Each
    // row takes at least 71 chars, which bounds how many there can be: the
    // rows go into an array of that size (cheaper than growing one by push).
    const found: Task[] = new Array<Task>(Math.ceil((s.length - start) / 71));
    for (let row = readDefaultLayoutRow(s, words, start); row !== undefined; row = readDefaultLayoutRow(s, words, start)) {
      found[rows++] = row;
      start = rowEnd + 1;
    }
    found.length = rows;
    if (tasks.length === 0) out.tasks = found;
    else for (let i = 0; i < rows; i++) tasks.push(found[i] as Task);
  } else {
    while (start < s.length) {
      let end = s.indexOf('\n', start);
      if (end === -1) end = s.length;
      const row = readLaidOutRow(s, codes, words, start, end, layout);
      if (row === undefined) break;
      tasks.push(row);
      rows++;
      start = end + 1;
    }
  }
  lineCount = rows;
  return start;
}

export function parsePs(text: string): Parsed<PsOutput> {
  const clean = cleanText(text);
  const r = new PsReader();
  const codes = codesOf(clean);
  const words = wordsOf(codes);
  let start = 0;
  for (let n = 1; start < clean.length; n++) {
    // Most lines are table rows: a run of them is read by the fixed-layout reader.
    const layout = r.layout;
    if (layout !== undefined) {
      const next = readRows(clean, codes, words, start, layout, r.value);
      n += lineCount;
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
