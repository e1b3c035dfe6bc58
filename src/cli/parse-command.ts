// `kdview parse <kind> [FILE]`: runs one parser on a saved crash output (or
// stdin) and prints the model as JSON, or a short human summary.
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Backtrace } from '../model/backtrace.js';
import type { LogRecord } from '../model/log.js';
import type { MemoryInfo } from '../model/memory.js';
import type { ModuleList } from '../model/module.js';
import type { Oops } from '../model/oops.js';
import type { RunQueues } from '../model/runq.js';
import type { SysInfo } from '../model/sys.js';
import type { PsOutput } from '../model/task.js';
import { isParserKind, parseAs, PARSER_KINDS, type ParserKind } from '../parsers/index.js';

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

function summarise(kind: ParserKind, value: unknown): string[] {
  switch (kind) {
    case 'sys': {
      const s = value as SysInfo;
      const keys: [string, unknown][] = [['release', s.release], ['machine', s.machine], ['cpus', s.cpus], ['tasks', s.tasks],
        ['uptime', s.uptime], ['memory', s.memory], ['panic', s.panic], ['panic task', s.pid !== undefined ? `${s.pid} ${s.command ?? ''}` : undefined]];
      return keys.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${String(v)}`);
    }
    case 'bt':
      return (value as Backtrace).tasks.map((t) => {
        const exc = t.frames.find((f) => f.exception?.rip !== undefined)?.exception?.rip;
        const top = t.frames.slice(0, 3).map((f) => f.function).join(' < ');
        return `PID ${t.pid} ${t.command} CPU ${t.cpu ?? '?'}: ${t.frames.length} frames${top ? ` (${top}${t.frames.length > 3 ? ' ...' : ''})` : ''}${exc ? `, exception RIP ${exc}` : ''}`;
      });
    case 'log': {
      const r = value as LogRecord[];
      const stamped = r.filter((x) => x.timestamp !== undefined);
      const span = stamped.length > 0 ? `, ${stamped[0]?.timestamp} .. ${stamped[stamped.length - 1]?.timestamp} s` : '';
      return [`${r.length} records${span}`];
    }
    case 'ps': {
      const p = value as PsOutput;
      const out: string[] = [];
      if (p.tasks.length > 0) {
        const counts = new Map<string, number>();
        for (const t of p.tasks) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
        out.push(`${p.tasks.length} tasks: ${[...counts].map(([s, n]) => `${s} ${n}`).join(', ')}`);
        const active = p.tasks.filter((t) => t.active).map((t) => `${t.pid} ${t.comm}`);
        if (active.length > 0) out.push(`active: ${active.join(', ')}`);
      }
      if (p.states) out.push(`states: ${Object.entries(p.states).map(([s, n]) => `${s} ${n}`).join(', ')}`);
      if (p.ages) out.push(`${p.ages.length} tasks by last run`);
      return out;
    }
    case 'kmem-i':
      return (value as MemoryInfo).rows.map((r) => `${r.name}: ${r.total ?? '?'}${r.percent !== undefined ? ` (${r.percent}% of ${r.of ?? '?'})` : ''}`);
    case 'mod':
      return (value as ModuleList).modules.map((m) => `${m.name} ${m.size} ${m.object ?? '(not loaded)'}`);
    case 'runq':
      return (value as RunQueues).cpus.map((c) => {
        const queued = c.queues.reduce((n, q) => n + q.tasks.length, 0);
        return `CPU ${c.cpu}: current ${c.current ? `${c.current.pid} ${c.current.command}` : '?'}, ${queued} queued`;
      });
    case 'oops': {
      const o = value as Oops[];
      if (o.length === 0) return ['no crash reports found'];
      const why = o.find((x) => x.primary)?.trigger;
      return [
        ...o.map((x) => `${x.title}${x.pid !== undefined ? ` [pid ${x.pid}${x.comm ? ` ${x.comm}` : ''}]` : ''} (records ${x.records.first}-${x.records.last})${x.corrupted ? ' (corrupted)' : ''}`),
        ...(why ? [`why: ${why.kind}: ${why.detail}`] : []),
      ];
    }
  }
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
  for (const d of diagnostics.slice(0, 10)) out.write(`  line ${d.line}: ${d.severity}: ${d.message}\n`);
  if (diagnostics.length > 10) out.write(`  ... and ${diagnostics.length - 10} more (use --json to see all)\n`);
}
