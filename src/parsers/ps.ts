// Parser for crash `ps` and the variants `ps -S` (state counts), `ps -m` and
// `ps -l` (time since / of last run). Each line is recognised on its own, so
// the one parser reads any of them.
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { PsOutput } from '../model/task.js';
import { diag, skipSpaces, splitLines, tokens } from './lines.js';
import { DEFAULT_COLUMNS, readAgeRow, readStateCount, readTableRow } from './ps-rows.js';

export function parsePs(text: string): Parsed<PsOutput> {
  const value: PsOutput = { tasks: [] };
  const diagnostics: Diagnostic[] = [];
  const lines = splitLines(text);
  let columns: readonly string[] = DEFAULT_COLUMNS;
  for (let n = 0; n < lines.length; n++) {
    const s = lines[n] as string;
    const i = skipSpaces(s, 0);
    if (i === s.length) continue;
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 62 /* > */) {
      const row = readTableRow(s, columns);
      if (typeof row === 'string') diagnostics.push(diag(n + 1, `unreadable ps row: ${row}`, s));
      else value.tasks.push(row);
      continue;
    }
    if (c === 91 /* [ */) {
      const row = readAgeRow(s.slice(i));
      if (typeof row === 'string') diagnostics.push(diag(n + 1, `unreadable ps -m/-l row: ${row}`, s));
      else (value.ages ??= []).push(row);
      continue;
    }
    const t = s.slice(i);
    if (t.startsWith('PID ') && t.indexOf('COMM') !== -1) {
      const cols = tokens(t);
      if (cols[cols.length - 1] === 'COMM' && cols.includes('ST')) columns = cols;
      else diagnostics.push(diag(n + 1, 'unexpected ps header', s));
      continue;
    }
    const sc = readStateCount(t);
    if (sc) {
      (value.states ??= {})[sc[0]] = sc[1];
      continue;
    }
    diagnostics.push(diag(n + 1, t.startsWith('ps: ') ? t : 'unrecognised ps line', s, t.startsWith('ps: ') ? 'error' : 'warning'));
  }
  return { value, diagnostics };
}
