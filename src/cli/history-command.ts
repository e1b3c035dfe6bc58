// `kdview history` (list the recorded sessions) and `kdview history search QUERY`.
import { basename } from 'node:path';
import { CliError, EXIT } from '../model/user-error.js';
import { sanitizeForDisplay } from '../text/clean.js';
import { HistoryIndex } from '../session/history-index.js';
import { sessionsDir } from '../session/paths.js';
import { listSessions } from '../session/store.js';

export interface HistoryIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface HistoryListOptions {
  sessionsDir?: string;
  json?: boolean;
}

export interface HistorySearchOptions extends HistoryListOptions {
  limit?: string;
}

/** `2026-11-26 04:57` in local time. */
function shortDate(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')).join('\n') + '\n';
}

const clean = (text: string) => sanitizeForDisplay(text).replace(/\t/g, ' ');

export async function runHistoryList(opts: HistoryListOptions, io: HistoryIo): Promise<number> {
  const dir = sessionsDir(opts.sessionsDir);
  const { sessions, warnings } = await listSessions(dir);
  for (const w of warnings) io.stderr.write(`kdview: ${w}\n`);
  if (opts.json) {
    const out = sessions.map((s) => ({
      id: s.id,
      path: s.path,
      startedAt: s.header.startedAt,
      dump: s.header.dump.path,
      vmlinux: s.header.vmlinux?.path ?? null,
      release: s.header.release,
      backend: s.header.backend,
      command: s.header.command,
      exchanges: s.exchangeCount,
    }));
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return EXIT.ok;
  }
  if (sessions.length === 0) {
    io.stderr.write(`kdview: no sessions in ${dir}\n`);
    return EXIT.ok;
  }
  const rows = [['DATE', 'DUMP', 'RELEASE', 'CMDS', 'ID']];
  for (const s of sessions) {
    const h = s.header;
    rows.push([shortDate(h.startedAt), clean(basename(h.dump.path)), clean(h.release ?? '-'), String(s.exchangeCount), s.id]);
  }
  io.stdout.write(table(rows));
  return EXIT.ok;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 20;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`--limit '${value}': expected a positive whole number`);
  return n;
}

export async function runHistorySearch(query: string, opts: HistorySearchOptions, io: HistoryIo): Promise<number> {
  if (query.trim() === '') throw new CliError('history search: empty query');
  const limit = parseLimit(opts.limit);
  const index = HistoryIndex.fromDir(sessionsDir(opts.sessionsDir));
  const hits = await index.search(query, { limit });
  for (const w of index.warnings) io.stderr.write(`kdview: ${w}\n`);
  if (opts.json) io.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
  else if (hits.length > 0) {
    const rows = [['SESSION', 'SEQ', 'COMMAND', 'LINE', 'MATCH']];
    for (const h of hits) {
      const line = h.line === 0 ? 'cmd' : String(h.line);
      rows.push([h.sessionId, `#${h.seq}`, clean(h.command), line, clean(h.snippet.trim())]);
    }
    io.stdout.write(table(rows));
  }
  if (hits.length === 0) {
    io.stderr.write(`kdview: no match for '${clean(query)}'\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
