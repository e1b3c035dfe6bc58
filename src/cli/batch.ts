// `kdview batch VMLINUX DUMP (-c CMD)... [--script FILE] [--json] [--timeout SEC]`
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { awaitReady, chooseBackend, prepareBackend, recordPrepared } from '../core/open-backend.js';
import type { Exchange } from '../model/exchange.js';
import { CliError, EXIT } from '../model/user-error.js';
import { stderrProgress } from './progress.js';
import { kdviewVersion } from './version.js';

export interface BatchOptions {
  backend?: string;
  sessionsDir?: string;
  record?: boolean;
  command?: string[];
  script?: string;
  json?: boolean;
  timeout?: string;
}

/** Commands from a script file: one per line, blank lines and `#` comments skipped. */
export function scriptCommands(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`--timeout '${value}': expected a positive number of seconds`);
  return Math.round(n * 1000);
}

function header(ex: Exchange, backend: string): string {
  const extra = ex.status === 'ok' ? '' : ` ${ex.status.toUpperCase()}${ex.error ? `: ${ex.error}` : ''}`;
  return `=== ${backend === 'drgn' ? '>>>' : 'crash>'} ${ex.command}  [${(ex.ms / 1000).toFixed(2)} s]${extra}`;
}

export async function runBatch(vmlinux: string, dump: string, opts: BatchOptions): Promise<number> {
  const commands = [...(opts.command ?? [])];
  if (opts.script !== undefined) {
    let text: string;
    try {
      text = await readFile(opts.script, 'utf8');
    } catch (err) {
      throw new CliError(`script '${opts.script}': ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    commands.push(...scriptCommands(text));
  }
  if (commands.length === 0) throw new CliError('batch: no commands (give -c CMD or --script FILE)');
  const timeoutMs = parseTimeout(opts.timeout);
  const backend = chooseBackend(opts.backend);
  const prepared = await prepareBackend(backend, vmlinux, dump);
  const progress = stderrProgress(`kdview: loading ${basename(dump)}`);
  const client = prepared.spawn();
  client.on('progress', (m) => progress.update(m));
  let startup;
  try {
    startup = await awaitReady(client);
  } finally {
    progress.done();
  }
  for (const w of startup.warnings) process.stderr.write(`kdview: ${backend} says at start-up: ${w}\n`);
  const recorder = await recordPrepared(prepared, { ...opts, kdview: kdviewVersion() }, 'batch', (m) => process.stderr.write(`kdview: ${m}
`));
  recorder.startup(startup);
  let failures = 0;
  for (const command of commands) {
    const ex = await client.run(command, { timeoutMs });
    recorder.exchange(ex);
    if (ex.status !== 'ok') failures++;
    if (opts.json) process.stdout.write(`${JSON.stringify(ex)}\n`);
    else process.stdout.write(`${header(ex, backend)}\n${ex.output}${ex.output === '' ? '' : '\n'}`);
    if (client.state === 'dead') {
      process.stderr.write(`kdview: ${client.exited?.message ?? 'crash exited'}\n`);
      break;
    }
  }
  await client.quit();
  await recorder.close();
  return failures === 0 ? EXIT.ok : EXIT.failed;
}
