// Recognising crash's error lines in a command's output.

const GDB_ERRORS = [
  /^No symbol ".*" in current context\.$/,
  /^No symbol table is loaded\./,
  /^Cannot access memory at address /,
  /^A syntax error in expression/,
  /^Attempt to extract a component of a value that is not a structure/,
  /^There is no member named /,
];

/**
 * The first line that reports an error: `<cmd>: message` (as in
 * `bt: invalid task or pid value: 99999`), `crash: message`, or a gdb error.
 */
export function findCommandError(command: string, output: string): string | undefined {
  const verb = command.trim().split(/\s+/)[0] ?? '';
  const prefixes = ['crash: '];
  if (verb !== '' && verb !== 'echo') prefixes.push(`${verb}: `);
  for (const line of output.split('\n')) {
    if (prefixes.some((p) => line.startsWith(p))) {
      if (/^crash: page excluded: /.test(line)) continue;
      return line;
    }
    if (GDB_ERRORS.some((re) => re.test(line))) return line;
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
