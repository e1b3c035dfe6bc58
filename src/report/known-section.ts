// The "Known issues" section of a report, in Markdown and HTML, and the
// one-line form the Summary row and text outputs use.
import type { Known, Report } from './model.js';
import { escapeXml as esc } from './svg.js';

export function knownLine(k: Pick<Known, 'id' | 'summary' | 'fixedIn'>): string {
  return `${k.id}: ${k.summary}${k.fixedIn ? ` (fixed in ${k.fixedIn})` : ''}`;
}

export function knownMarkdown(r: Report, mdText: (s: string) => string): string[] {
  if (r.known.length === 0) return ['No known-issue rule matches this crash.'];
  return r.known.flatMap((k) => [
    `- **${mdText(k.id)}**: ${mdText(k.summary)}${k.fixedIn ? ` Fixed in ${mdText(k.fixedIn)}.` : ''} <${k.link}>`,
    ...(k.advice ? [`  - advice: ${mdText(k.advice)}`] : []),
    `  - because: ${mdText(k.because.join('; '))}`,
  ]);
}

/** A link shown as text in the HTML report, without its scheme: the page makes no network reference, not even a clickable one. */
function linkText(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
}

export function knownHtml(r: Report): string {
  if (r.known.length === 0) return '<p>No known-issue rule matches this crash.</p>';
  const items = r.known.map(
    (k) =>
      `<li><b>${esc(k.id)}</b>: ${esc(k.summary)}${k.fixedIn ? ` <i>${esc(`Fixed in ${k.fixedIn}.`)}</i>` : ''} <code>${esc(linkText(k.link))}</code>` +
      `${k.advice ? `<br>${esc(`Advice: ${k.advice}`)}` : ''}<br><span class="muted">${esc(`because ${k.because.join('; ')}`)}</span></li>`,
  );
  return `<ul>${items.join('')}</ul>`;
}
