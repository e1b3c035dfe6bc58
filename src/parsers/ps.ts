// Parser for crash `ps` and the variants `ps -S` (state counts), `ps -m` and
// `ps -l` (time since / of last run). Each line is recognised on its own, so
// the one parser reads any of them. Clean text is scanned in place.
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { PsOutput } from '../model/task.js';
import { diag, scanLines, tokens } from './lines.js';
import { DEFAULT_LAYOUT, layoutOf, readLaidOutRow, type PsLayout } from './ps-layout.js';
import { readDefaultRow } from './ps-row.js';
import { DEFAULT_COLUMNS, readAgeRow, readStateCount, readTableRow } from './ps-rows.js';

class PsReader {
  readonly value: PsOutput = { tasks: [] };
  readonly diagnostics: Diagnostic[] = [];
  private columns: readonly string[] = DEFAULT_COLUMNS;
  private standard = true;
  private layout: PsLayout | undefined = DEFAULT_LAYOUT;

  line(s: string, start: number, end: number, n: number): void {
    if (this.layout) {
      // Most lines are table rows: try the fixed-layout reader before anything else.
      const fast = readLaidOutRow(s, start, end, this.layout);
      if (fast) {
        this.value.tasks.push(fast);
        return;
      }
    }
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

export function parsePs(text: string): Parsed<PsOutput> {
  const r = new PsReader();
  scanLines(text, r);
  return { value: r.value, diagnostics: r.diagnostics };
}
