// `kdview parse <kind> [FILE]`: runs one parser on a saved crash output (or
// stdin) and prints the model as JSON, or a short human summary.
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Oops } from '../model/oops.js';
import { parseAs, summarise } from '../parsers/by-kind.js';
import { isParserKind, PARSER_KINDS } from '../parsers/registry.js';

export interface ParseIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  isTTY: boolean;
}

const EXIT_OK = 0;
const EXIT_BAD_INPUT = 2;

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `kdview parse`; returns the exit code. */
export async function runParse(kind: string, file: string | undefined, opts: { json?: boolean }, io: ParseIo): Promise<number> {
  if (!isParserKind(kind)) {
    io.stderr.write(`kdview parse: unknown kind "${kind}"; known: ${PARSER_KINDS.join(', ')}\n`);
    return EXIT_BAD_INPUT;
  }
  let text: string;
  try {
    text = file === undefined || file === '-' ? await readStdin(io.stdin) : await readFile(file, 'utf8');
  } catch (err) {
    io.stderr.write(`kdview parse: cannot read ${file ?? 'stdin'}: ${(err as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  const parsed = parseAs(kind, text);
  if (opts.json ?? !io.isTTY) {
    const trigger = kind === 'oops' ? { trigger: (parsed.value as Oops[]).find((o) => o.primary)?.trigger ?? null } : {};
    io.stdout.write(`${JSON.stringify({ kind, value: parsed.value, ...trigger, diagnostics: parsed.diagnostics }, null, 2)}\n`);
    return EXIT_OK;
  }
  for (const line of summarise(kind, parsed.value)) io.stdout.write(`${line}\n`);
  writeDiagnostics(parsed.diagnostics, io.stderr);
  return EXIT_OK;
}

function writeDiagnostics(diagnostics: Diagnostic[], out: NodeJS.WritableStream): void {
  if (diagnostics.length === 0) return;
  out.write(`${diagnostics.length} line(s) not understood:\n`);
  for (const d of diagnostics.slice(0, 10)) out.write(`  line ${d.line}: ${d.severity}: ${d.message}${d.code ? ` [${d.code}]` : ''}\n`);
  if (diagnostics.length > 10) out.write(`  ... and ${diagnostics.length - 10} more (use --json to see all)\n`);
}
