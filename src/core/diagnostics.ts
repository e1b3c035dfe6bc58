// The lines the parsers did not understand, as the user sees them: a count
// in the TUI's status line, the lines in a detail view, and a report's
// warnings. Nothing a parser reports is dropped on the way.
import type { Diagnostic } from '../model/diagnostic.js';
import type { ExchangeDiagnostics, Models } from './models.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "ps: 3 lines not understood". */
export function diagnosticsLine(d: ExchangeDiagnostics): string {
  return `${d.command}: ${plural(d.count, 'line', 'lines')} not understood`;
}

function lineText(d: Diagnostic): string {
  return `line ${d.line} [${d.code ?? '?'}] ${d.message}${d.text !== undefined && d.text !== d.message ? `: ${d.text}` : ''}`;
}

/** The status line's note: the latest exchange with diagnostics, and how many others had some. */
export function diagnosticsNote(m: Pick<Models, 'diagnostics'>): string | undefined {
  const all = m.diagnostics ?? [];
  const last = all.at(-1);
  if (!last) return undefined;
  return all.length > 1 ? `${diagnosticsLine(last)} (+${all.length - 1} more commands)` : diagnosticsLine(last);
}

/** Every exchange's diagnostics, newest first, one line each (for the detail view). */
export function diagnosticsText(m: Pick<Models, 'diagnostics'>): string {
  const out: string[] = [];
  for (const d of [...(m.diagnostics ?? [])].reverse()) {
    out.push(`${diagnosticsLine(d)} (parser ${d.kind})`);
    for (const x of d.diagnostics) out.push(`  ${lineText(x)}`);
    if (d.count > d.diagnostics.length) out.push(`  ... and ${d.count - d.diagnostics.length} more`);
    out.push('');
  }
  return out.length > 0 ? out.join('\n') : 'Every output so far was understood.';
}

/** A report's warnings: one per exchange, with its first lines. */
export function diagnosticWarnings(m: Pick<Models, 'diagnostics'>, perExchange = 5): string[] {
  return (m.diagnostics ?? []).map((d) => {
    const shown = d.diagnostics.slice(0, perExchange).map(lineText);
    const more = d.count > shown.length ? `; ... and ${d.count - shown.length} more` : '';
    return `${diagnosticsLine(d)}: ${shown.join('; ')}${more}`;
  });
}
