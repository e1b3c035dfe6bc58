import { cleanTerminalText } from '../text/clean.js';

function removeAll(text: string, needle: string): string {
  return text.includes(needle) ? text.split(needle).join('') : text;
}

/**
 * Turns the raw bytes between two frame boundaries into a command's output:
 * removes the echoes of the typed sentinel lines (readline's and the tty's,
 * wherever they landed), the echo of the command itself, `^C`, the prompts,
 * ANSI sequences and CRs.
 */
export function cleanExchangeOutput(
  raw: string,
  command: string,
  typedSentinels: readonly string[],
  prompt: string,
  cancelled: boolean,
): string {
  let text = raw;
  for (const typed of typedSentinels) {
    text = removeAll(text, `${prompt}${typed}\r\n`);
    text = removeAll(text, `${typed}\r\n`);
  }
  if (cancelled) text = removeAll(text, '^C');
  const lines = cleanTerminalText(text).split('\n');
  const promptTrim = prompt.trimEnd();
  const isEcho = (line: string | undefined) =>
    line !== undefined && (line === command || line === `${prompt}${command}` || line === promptTrim || line === prompt);
  for (let i = 0; i < 3 && isEcho(lines[0]); i++) lines.shift();
  return trimTrailingPrompts(lines, prompt).join('\n');
}

/** Drops trailing empty and prompt lines, and a prompt glued to the last line (in place). */
export function trimTrailingPrompts(lines: string[], prompt: string): string[] {
  const promptTrim = prompt.trimEnd();
  while (lines.length > 0) {
    const last = lines[lines.length - 1] ?? '';
    if (last === '' || last === promptTrim || last === prompt) lines.pop();
    else if (last.endsWith(prompt)) {
      lines[lines.length - 1] = last.slice(0, -prompt.length);
    } else break;
  }
  return lines;
}

/** trimTrailingPrompts on a whole text, without splitting it into lines (bulk outputs run to megabytes). */
export function trimTrailingPromptsText(text: string, prompt: string): string {
  const promptTrim = prompt.trimEnd();
  let t = text;
  for (;;) {
    const nl = t.lastIndexOf('\n');
    const last = t.slice(nl + 1);
    if (last === '' || last === promptTrim || last === prompt) {
      if (nl < 0) return '';
      t = t.slice(0, nl);
    } else if (last.endsWith(prompt)) t = t.slice(0, nl + 1) + last.slice(0, -prompt.length);
    else return t;
  }
}
