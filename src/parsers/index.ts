// Entry point of the parsers: which parser reads which crash command, and a
// dispatcher that runs one by kind.
import type { Parsed } from '../model/diagnostic.js';
import { parseBt } from './bt/parse.js';
import { parseKmemInfo } from './kmem.js';
import { parseLog } from './log/parse.js';
import { parseMod } from './mod.js';
import { extractOopsFromText } from './oops.js';
import { parsePs } from './ps/parse.js';
import { parseRunq } from './runq.js';
import { parseSys } from './sys.js';

export { parseBt } from './bt/parse.js';
export { parseDmesg } from './log/dmesg.js';
export { parseKmemInfo } from './kmem.js';
export { parseLog } from './log/parse.js';
export { parseMod } from './mod.js';
export { analyzeOops, analyzeOopsText, extractOops, extractOopsFromText } from './oops.js';
export { parsePs } from './ps/parse.js';
export { parseRunq } from './runq.js';
export { parseSys } from './sys.js';

export const PARSER_KINDS = ['sys', 'bt', 'log', 'ps', 'kmem-i', 'mod', 'runq', 'oops'] as const;
export type ParserKind = (typeof PARSER_KINDS)[number];

export function isParserKind(s: string): s is ParserKind {
  return (PARSER_KINDS as readonly string[]).includes(s);
}

/** Runs the parser of the given kind. */
export function parseAs(kind: ParserKind, text: string): Parsed<unknown> {
  switch (kind) {
    case 'sys': return parseSys(text);
    case 'bt': return parseBt(text);
    case 'log': return parseLog(text);
    case 'ps': return parsePs(text);
    case 'kmem-i': return parseKmemInfo(text);
    case 'mod': return parseMod(text);
    case 'runq': return parseRunq(text);
    case 'oops': return extractOopsFromText(text);
  }
}

/** Option letters after which the output keeps the parsed shape. */
const BT_FLAGS = new Set('aslfFxdcpoOgEIRnU'.split(''));
const PS_FLAGS = new Set('kuGySmlCA'.split('')); // not -s (KSTACKP), -t, -p, -c, -a, -g, -r
const LOG_FLAGS = new Set('Ttmcd'.split(''));
const RUNQ_FLAGS = new Set('tc'.split(''));
const MOD_FLAGS = new Set('sSdDr'.split(''));

/** Whether every `-xyz` option in args uses only letters from allowed. */
function flagsWithin(args: string[], allowed: Set<string>): boolean {
  return args.every((a) => !a.startsWith('-') || [...a.slice(1)].every((c) => allowed.has(c)));
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
  switch (cmd) {
    case 'sys': return args.length === 0 ? 'sys' : undefined;
    case 'bt': return flagsWithin(args, BT_FLAGS) ? 'bt' : undefined;
    case 'foreach': {
      const at = args.indexOf('bt');
      return at !== -1 && flagsWithin(args.slice(at + 1), BT_FLAGS) ? 'bt' : undefined;
    }
    case 'log': return flagsWithin(args, LOG_FLAGS) && args.every((a) => a.startsWith('-')) ? 'log' : undefined;
    case 'ps': return flagsWithin(args, PS_FLAGS) ? 'ps' : undefined;
    case 'kmem': return args.length === 1 && args[0] === '-i' ? 'kmem-i' : undefined;
    case 'mod': return flagsWithin(args, MOD_FLAGS) ? 'mod' : undefined;
    case 'runq': return flagsWithin(args, RUNQ_FLAGS) ? 'runq' : undefined;
    default: return undefined;
  }
}
