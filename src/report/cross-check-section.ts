// The report's Cross-check section (`--backend both`): each disagreement
// between crash and drgn with both answers, the one kdview believes and why,
// then the folded benign differences.
import type { CrossCheck, Report } from './model.js';

export function checkSummary(x: CrossCheck): string {
  const n = x.disagreements.length;
  const benign = x.benign.length > 0 ? `; ${x.benign.length} benign difference${x.benign.length === 1 ? '' : 's'} folded` : '';
  return n === 0
    ? `crash and drgn agree on ${x.compared.length} facts${benign}`
    : `${n} disagreement${n === 1 ? '' : 's'} (${x.disagreements.map((d) => `${d.fact}: believe ${d.believe}`).join(', ')})${benign}`;
}

function title(x: CrossCheck): string {
  return `Cross-check: crash ${x.crashVersion ?? '?'} vs drgn ${x.drgnVersion ?? '?'}`;
}

export function crossCheckMarkdown(r: Report, md: (s: string) => string): string[] {
  const x = r.crossCheck;
  if (!x) return [];
  const out = ['', `## ${title(x)}`, '', md(`Compared: ${x.compared.join(', ')}. ${checkSummary(x)}.`), ''];
  for (const d of x.disagreements) {
    out.push(`- **${md(d.fact)}**: crash says ${md(d.crash)}; drgn says ${md(d.drgn)}. kdview believes **${d.believe}**: ${md(d.why)}.`);
  }
  for (const b of x.benign) out.push(`- benign: ${md(b)}`);
  return out;
}

export function crossCheckHtml(r: Report, esc: (s: string) => string): string {
  const x = r.crossCheck;
  if (!x) return '';
  const rows = x.disagreements.map(
    (d) => `<li><b>${esc(d.fact)}</b>: crash says ${esc(d.crash)}; drgn says ${esc(d.drgn)}. kdview believes <b>${d.believe}</b>: ${esc(d.why)}.</li>`,
  );
  const benign = x.benign.map((b) => `<li class="ok">benign: ${esc(b)}</li>`);
  return `<h2>${esc(title(x))}</h2><p>${esc(`Compared: ${x.compared.join(', ')}. ${checkSummary(x)}.`)}</p><ul>${[...rows, ...benign].join('')}</ul>`;
}
