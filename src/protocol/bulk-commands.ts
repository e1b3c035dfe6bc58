// Which crash commands can print a lot (and so go through a private file with
// crash's own `cmd > FILE`), and how their file and pty texts combine.
import { cleanTerminalText } from '../text/clean.js';
import { trimTrailingPromptsText } from './exchange-text.js';

/** Verbs whose output grows with the dump: tasks, stacks, the log, memory lists. */
const BULK_VERBS: ReadonlySet<string> = new Set(['foreach', 'ps', 'log', 'kmem']);

/** Per verb, flags that make it bulk (`bt -a`: one stack per CPU). */
const BULK_FLAGS: Readonly<Record<string, RegExp>> = { bt: /^-[A-Za-z]*a/ };

/**
 * Whether `command` goes through a file: a bulk verb, and nothing crash would
 * read as redirection, a pipe or a shell escape already.
 */
export function isBulkCommand(command: string): boolean {
  if (/[>|!]/.test(command)) return false;
  const [verb = '', ...args] = command.trim().split(/\s+/);
  if (BULK_VERBS.has(verb)) return true;
  const flags = BULK_FLAGS[verb];
  return flags !== undefined && args.some((a) => flags.test(a));
}

/** The command line crash gets: the command, then its output redirected to `path`. */
export function redirected(command: string, path: string): string {
  return `${command} > ${path}`;
}

/**
 * A redirected command's output: the file's text, cleaned as pty text is
 * (the same exchange text either way). crash prints its own error lines to
 * both the file and the terminal; what goes to the terminal only (stderr:
 * getopt's `invalid option`) comes first, as a terminal shows it.
 */
export function bulkOutput(fileText: string, ptyOutput: string, prompt: string): string {
  const fromFile = trimTrailingPromptsText(cleanTerminalText(fileText), prompt);
  if (ptyOutput === '') return fromFile;
  const extra = ptyOutput.split('\n').filter((l) => l !== '' && !hasLine(fromFile, l));
  if (extra.length === 0) return fromFile;
  return fromFile === '' ? extra.join('\n') : `${extra.join('\n')}\n${fromFile}`;
}

/** Whether `line` (no newline in it) is one of the lines of `text`, without splitting `text`. */
function hasLine(text: string, line: string): boolean {
  return text === line || text.startsWith(`${line}\n`) || text.endsWith(`\n${line}`) || text.includes(`\n${line}\n`);
}
