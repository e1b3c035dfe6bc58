// The functions of each parser kind in the registry (registry.ts): its
// parser and the one-line summaries `kdview parse` prints on a terminal.
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import { parseBt } from './bt/parse.js';
import { withCodes } from './diagnostic-codes.js';
import { parseKmemInfo } from './kmem.js';
import { parseLog } from './log/parse.js';
import { parseMod } from './mod.js';
import { extractOopsFromText } from './oops.js';
import { parsePs } from './ps/parse.js';
import type { ParserKind } from './registry.js';
import { parseRunq } from './runq.js';
import { btSummary, kmemSummary, logSummary, modSummary, oopsSummary, psSummary, runqSummary, sysSummary } from './summaries.js';
import { parseSys } from './sys.js';

interface KindFunctions {
  parse(text: string): Parsed<unknown>;
  summary(value: unknown): string[];
}

const BY_KIND: Record<ParserKind, KindFunctions> = {
  sys: { parse: parseSys, summary: sysSummary },
  bt: { parse: parseBt, summary: btSummary },
  log: { parse: parseLog, summary: logSummary },
  ps: { parse: parsePs, summary: psSummary },
  'kmem-i': { parse: parseKmemInfo, summary: kmemSummary },
  mod: { parse: parseMod, summary: modSummary },
  runq: { parse: parseRunq, summary: runqSummary },
  oops: { parse: extractOopsFromText, summary: oopsSummary },
};

/** Runs the parser of the given kind; every diagnostic carries its stable code. */
export function parseAs(kind: ParserKind, text: string): Parsed<unknown> {
  return withCodes<unknown>(kind, BY_KIND[kind].parse(text));
}

/** One-line summaries of a parsed model, for `kdview parse` on a terminal. */
export function summarise(kind: ParserKind, value: unknown): string[] {
  return BY_KIND[kind].summary(value);
}

/** The diagnostics of a parse, with their codes (for parsers called directly). */
export function codedDiagnostics(kind: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return withCodes(kind, { value: undefined, diagnostics: [...diagnostics] }).diagnostics;
}
