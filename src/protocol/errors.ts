// Recognising crash's error lines in a command's output.

export const GDB_ERRORS = [
  /^No symbol ".*" in current context\.$/,
  /^No symbol table is loaded\./,
  /^Cannot access memory at address /,
  /^A syntax error in expression/,
  /^Attempt to extract a component of a value that is not a structure/,
  /^There is no member named /,
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function prefixesOf(command: string): string[] {
  const verb = command.trim().split(/\s+/)[0] ?? '';
  const prefixes = ['crash: '];
  if (verb !== '' && verb !== 'echo') prefixes.push(`${verb}: `);
  return prefixes;
}

/** The error one line reports, if any (a `crash: page excluded` line does not). */
function lineError(line: string, prefixes: readonly string[]): string | undefined {
  if (prefixes.some((p) => line.startsWith(p))) return /^crash: page excluded: /.test(line) ? undefined : line;
  return GDB_ERRORS.some((re) => re.test(line)) ? line : undefined;
}

/**
 * The first line that reports an error: `<cmd>: message` (as in
 * `bt: invalid task or pid value: 99999`), `crash: message`, or a gdb error.
 * One regex scan finds the candidate lines (outputs run to megabytes); each is
 * then checked as a line on its own.
 */
export function findCommandError(command: string, output: string): string | undefined {
  const prefixes = prefixesOf(command);
  const alternatives = [...prefixes.map(escapeRegExp), ...GDB_ERRORS.map((re) => re.source.slice(1))];
  const candidates = new RegExp(`^(?:${alternatives.join('|')})`, 'gm');
  for (let m = candidates.exec(output); m; m = candidates.exec(output)) {
    // `^` in multiline mode matches after \r and U+2028 too: only line starts after \n count.
    if (m.index > 0 && output[m.index - 1] !== '\n') {
      candidates.lastIndex = m.index + 1;
      continue;
    }
    const end = output.indexOf('\n', m.index);
    const error = lineError(output.slice(m.index, end < 0 ? output.length : end), prefixes);
    if (error !== undefined) return error;
    if (end < 0) break;
    candidates.lastIndex = end + 1;
  }
  return undefined;
}

/** Start-up lines worth surfacing: WARNINGs, NOTEs and non-fatal crash: lines. */
export function startupWarnings(startup: string): string[] {
  const out: string[] = [];
  for (const line of startup.split('\n')) {
    const t = line.trim();
    if (/^(WARNING|NOTE|crash):/.test(t) && !out.includes(t)) out.push(t);
  }
  return out;
}

/**
 * The message that best explains why crash exited during start-up: the last
 * `crash: ...` line before its usage text, else the last non-empty line.
 */
/** Lines of crash's and gdb's banners, which never explain an exit. */
const BANNER = /^(crash \d|Copyright \(C\)|GNU gdb|This (program|GDB|is free)|License GPLv3|There is NO WARRANTY|Type "|For help, type|Find the GDB manual|<http|certain conditions|and you are welcome|NOTE: stdin: not a tty|please wait\.\.\.)/;

export function fatalMessage(text: string): string | undefined {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !BANNER.test(l));
  const usage = lines.findIndex((l) => l === 'Usage:');
  const before = usage >= 0 ? lines.slice(0, usage) : lines;
  const crashLines = before.filter((l) => l.startsWith('crash: ') && !l.startsWith('crash: page excluded'));
  return crashLines[crashLines.length - 1] ?? before[before.length - 1];
}
