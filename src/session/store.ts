// The sessions in a folder: listing (newest first) and resolving a session
// argument (a path, an id, or a unique prefix of an id or file name).
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CliError } from '../model/user-error.js';
import { SESSION_SUFFIX } from './paths.js';
import { readHeader, readSession, type ReadSession } from './reader.js';
import type { SessionHeader } from './schema.js';

export interface SessionEntry {
  path: string;
  id: string;
  header: SessionHeader;
  /** Complete exchange lines in the file (counted without parsing them). */
  exchangeCount: number;
  mtime: Date;
}

export interface SessionListing {
  sessions: SessionEntry[];
  /** Files that look like sessions but could not be read. */
  warnings: string[];
}

const EXCHANGE_LINE = Buffer.from('\n{"type":"exchange"');

/** Counts newline-terminated lines that start with `{"type":"exchange"`. */
export async function countExchanges(path: string): Promise<number> {
  const buf = await readFile(path);
  let n = 0;
  let last = -1;
  for (let at = buf.indexOf(EXCHANGE_LINE); at >= 0; at = buf.indexOf(EXCHANGE_LINE, at + 1)) {
    n++;
    last = at;
  }
  if (last >= 0 && buf.indexOf(0x0a, last + 1) < 0) n--; // a torn last line
  return n;
}

async function scan(dir: string, withCounts: boolean): Promise<SessionListing> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { sessions: [], warnings: [] };
    throw new CliError(`sessions folder ${dir}: ${(err as Error).message}`);
  }
  const listing: SessionListing = { sessions: [], warnings: [] };
  for (const name of names.filter((n) => n.endsWith(SESSION_SUFFIX))) {
    const path = join(dir, name);
    try {
      const header = await readHeader(path);
      const st = await stat(path);
      const exchangeCount = withCounts ? await countExchanges(path) : 0;
      listing.sessions.push({ path, id: header.id, header, exchangeCount, mtime: st.mtime });
    } catch (err) {
      listing.warnings.push(`skipped ${name}: ${(err as Error).message}`);
    }
  }
  listing.sessions.sort(
    (a, b) => b.header.startedAt.localeCompare(a.header.startedAt) || b.mtime.getTime() - a.mtime.getTime(),
  );
  return listing;
}

/** The sessions in `dir`, newest first. A missing folder has none. */
export function listSessions(dir: string): Promise<SessionListing> {
  return scan(dir, true);
}

/** Every readable session in `dir`, newest first; damage becomes warnings naming the file. */
export async function loadSessions(dir: string): Promise<{ sessions: ReadSession[]; warnings: string[] }> {
  const listing = await scan(dir, false);
  const out = { sessions: [] as ReadSession[], warnings: listing.warnings };
  for (const s of listing.sessions) {
    try {
      const read = await readSession(s.path);
      out.sessions.push(read);
      out.warnings.push(...read.warnings.map((w) => `${basename(s.path)}: ${w}`));
    } catch (err) {
      out.warnings.push(`skipped ${basename(s.path)}: ${(err as Error).message}`);
    }
  }
  return out;
}

function looksLikePath(arg: string): boolean {
  return arg.includes('/') || arg.endsWith('.jsonl');
}

/**
 * A session argument to a file path: a path to a file, or an id / unique id
 * prefix / unique file-name prefix of a session in `dir`.
 */
export async function resolveSession(arg: string, dir: string): Promise<string> {
  if (arg.trim() === '') throw new CliError('empty session argument');
  if (looksLikePath(arg)) {
    const path = resolve(arg);
    const st = await stat(path).catch(() => undefined);
    if (!st) throw new CliError(`session ${arg}: no such file`);
    if (!st.isFile()) throw new CliError(`session ${arg}: not a file`);
    return path;
  }
  const { sessions } = await scan(dir, false);
  const exact = sessions.find((s) => s.id === arg);
  if (exact) return exact.path;
  const matches = sessions.filter((s) => s.id.startsWith(arg) || basename(s.path).startsWith(arg));
  const [only] = matches;
  if (only && matches.length === 1) return only.path;
  if (matches.length === 0) {
    throw new CliError(`no session matches '${arg}' in ${dir} (kdview history lists them)`);
  }
  const shown = matches.slice(0, 8).map((s) => `${s.id} (${basename(s.path)})`);
  const more = matches.length > shown.length ? `, and ${matches.length - shown.length} more` : '';
  throw new CliError(`session '${arg}' is ambiguous: it matches ${shown.join(', ')}${more}; give more characters`);
}
