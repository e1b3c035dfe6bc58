// The parser registry: one table from which the parser kinds, `kdview parse`
// and its help text, the README's parser list and the command-to-parser
// mapping are all generated. Data only, so the CLI can build its help without
// loading the parsers: the functions of each kind are in by-kind.ts, which
// the compiler holds to this table (adding a parser = an entry here and its
// functions there).

export interface ParserEntry {
  kind: string;
  /** The crash commands whose output it reads, as the docs show them. */
  reads: string;
  /** What the model holds, one line. */
  model: string;
  /** Whether it reads the output of this crash command (first word, then arguments). */
  accepts?(cmd: string, args: readonly string[]): boolean;
}

/** Whether every `-xyz` option in args uses only letters from allowed. */
function flagsWithin(args: readonly string[], allowed: string): boolean {
  return args.every((a) => !a.startsWith('-') || [...a.slice(1)].every((c) => allowed.includes(c)));
}

/** Option letters after which the output keeps the parsed shape. */
const BT_FLAGS = 'aslfFxdcpoOgEIRnU';

export const PARSERS = [
  {
    kind: 'sys',
    reads: '`sys`',
    model: 'kernel, release, machine, cpus, memory, uptime, tasks, panic',
    accepts: (cmd, args) => cmd === 'sys' && args.length === 0,
  },
  {
    kind: 'bt',
    reads: '`bt`, `bt PID`, `bt -a`, `foreach bt` (options `-s -l -f -x` ...)',
    model: 'tasks with their frames, exception registers, stack switches',
    accepts: (cmd, args) => {
      if (cmd === 'bt') return flagsWithin(args, BT_FLAGS);
      const at = args.indexOf('bt');
      return cmd === 'foreach' && at !== -1 && flagsWithin(args.slice(at + 1), BT_FLAGS);
    },
  },
  {
    kind: 'log',
    reads: '`log` (`-T -t -m -c -d`)',
    model: 'records: timestamp, wall clock, level, caller, text',
    accepts: (cmd, args) => cmd === 'log' && flagsWithin(args, 'Ttmcd') && args.every((a) => a.startsWith('-')),
  },
  {
    kind: 'ps',
    // not -s (KSTACKP), -t, -p, -c, -a, -g, -r: other layouts
    reads: '`ps` (`-k -u -G -y -S -m -l -C -A`)',
    model: 'tasks (pid, ppid, cpu, state, comm, memory), state counts, last-run ages',
    accepts: (cmd, args) => cmd === 'ps' && flagsWithin(args, 'kuGySmlCA'),
  },
  {
    kind: 'kmem-i',
    reads: '`kmem -i`',
    model: 'memory usage rows (pages, bytes, percent)',
    accepts: (cmd, args) => cmd === 'kmem' && args.length === 1 && args[0] === '-i',
  },
  {
    kind: 'mod',
    reads: '`mod` (`-s -S -d -D -r`)',
    model: 'modules: name, size, object file',
    accepts: (cmd, args) => cmd === 'mod' && flagsWithin(args, 'sSdDr'),
  },
  {
    kind: 'runq',
    reads: '`runq` (`-t -c`)',
    model: 'per-CPU run queues: current task, queued tasks',
    accepts: (cmd, args) => cmd === 'runq' && flagsWithin(args, 'tc'),
  },
  {
    kind: 'oops',
    reads: "crash's `log`, or a dmesg / console capture",
    model: 'crash reports (oops, BUG, panic, warning, lockdep, ...): kind, title, culprit, task, taint',
  },
] as const satisfies readonly ParserEntry[];

export type ParserKind = (typeof PARSERS)[number]['kind'];

export const PARSER_KINDS: readonly ParserKind[] = PARSERS.map((p) => p.kind);

export function isParserKind(s: string): s is ParserKind {
  return (PARSER_KINDS as readonly string[]).includes(s);
}

export function parserEntry(kind: ParserKind): ParserEntry {
  return PARSERS.find((p) => p.kind === kind) as ParserEntry;
}

/**
 * Maps a crash command line ("bt -a", "foreach bt", "ps -S", "log -T",
 * "kmem -i", "sys", "mod", "runq", "bt 140") to the parser that reads its
 * output. Undefined when no parser reads it (other commands, pipes, or
 * options that change the output format). A `> FILE` redirection is allowed:
 * the file then holds that output.
 */
export function parserFor(command: string): ParserKind | undefined {
  if (command.includes('|')) return undefined;
  const redirect = command.indexOf('>');
  const words = (redirect === -1 ? command : command.slice(0, redirect)).trim().split(/\s+/).filter((w) => w.length > 0);
  const [cmd, ...args] = words;
  if (cmd === undefined) return undefined;
  for (const p of PARSERS as readonly ParserEntry[]) if (p.accepts?.(cmd, args)) return p.kind as ParserKind;
  return undefined;
}

/** `sys | bt | ...`, for the CLI's argument help. */
export function kindsText(sep = ' | '): string {
  return PARSER_KINDS.join(sep);
}

/** The README's parser list (checked by a test against the README). */
export function parsersMarkdown(): string {
  const rows = (PARSERS as readonly ParserEntry[]).map((p) => `| \`${p.kind}\` | ${p.reads} | ${p.model} |`);
  return ['| kind | reads | model |', '|---|---|---|', ...rows].join('\n');
}
