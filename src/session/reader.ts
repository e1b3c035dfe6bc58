// Reads a session file. Damage after the header (a torn last line from a
// crash of kdview, a corrupt line in the middle) costs only that line, with a
// warning naming it; a missing, invalid or newer header refuses the file.
import { open, readFile } from 'node:fs/promises';
import { CliError } from '../model/user-error.js';
import {
  claimedVersion,
  ExchangeRecordSchema,
  issueText,
  SESSION_VERSION,
  SessionHeaderSchema,
  StartupRecordSchema,
  type ExchangeRecord,
  type SessionHeader,
  type StartupRecord,
} from './schema.js';

export interface ReadSession {
  path: string;
  header: SessionHeader;
  startup?: StartupRecord;
  exchanges: ExchangeRecord[];
  /** One per skipped line: `line 7: not valid JSON, skipped`. */
  warnings: string[];
}

function fileError(path: string, err: unknown): CliError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CliError(`session ${path}: no such file`);
  if (code === 'EISDIR') return new CliError(`session ${path}: is a folder, not a session file`);
  return new CliError(`session ${path}: ${(err as Error).message}`);
}

/** Validates line 1; throws a one-line CliError when it is not a usable header. */
export function parseHeaderLine(path: string, line: string | undefined): SessionHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    throw new CliError(`${path} is not a kdview session (line 1 is not a session header)`);
  }
  const version = claimedVersion(value);
  if (version !== undefined && version > SESSION_VERSION)
    throw new CliError(`session ${path} was written by a newer kdview (format version ${version}); upgrade kdview`);
  if (version === undefined) throw new CliError(`${path} is not a kdview session (line 1 is not a session header)`);
  const parsed = SessionHeaderSchema.safeParse(value);
  if (!parsed.success) throw new CliError(`session ${path} has an invalid header (${issueText(parsed.error)})`);
  return parsed.data;
}

export async function readSession(path: string): Promise<ReadSession> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw fileError(path, err);
  }
  const lines = text.split('\n');
  const header = parseHeaderLine(path, lines[0]);
  const session: ReadSession = { path, header, exchanges: [], warnings: [] };
  const torn = !text.endsWith('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const problem = addRecord(session, line);
    if (problem === undefined) continue;
    const last = torn && i === lines.length - 1 ? 'incomplete last line, ' : '';
    session.warnings.push(`line ${i + 1}: ${last}${problem}, skipped`);
  }
  return session;
}

/** Adds one record line; returns what is wrong with it, if anything. */
function addRecord(session: ReadSession, line: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  const type = (value as { type?: unknown } | null)?.type;
  if (type === 'exchange') {
    const r = ExchangeRecordSchema.safeParse(value);
    if (!r.success) return `not a valid exchange (${issueText(r.error)})`;
    session.exchanges.push(r.data);
    return undefined;
  }
  if (type === 'startup') {
    if (session.startup) return 'a second start-up record';
    const r = StartupRecordSchema.safeParse(value);
    if (!r.success) return `not a valid start-up record (${issueText(r.error)})`;
    session.startup = r.data;
    return undefined;
  }
  return `unknown record type ${JSON.stringify(type ?? null)}`;
}

/** Reads and validates only the first line (for listings). */
export async function readHeader(path: string): Promise<SessionHeader> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw fileError(path, err);
  }
  try {
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(16 * 1024);
    let pos = 0;
    while (pos < 1024 * 1024) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      const nl = chunk.indexOf(0x0a);
      chunks.push(Buffer.from(nl >= 0 ? chunk.subarray(0, nl) : chunk));
      if (nl >= 0) break;
      pos += bytesRead;
    }
    return parseHeaderLine(path, Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    throw err instanceof CliError ? err : fileError(path, err);
  } finally {
    await fh.close();
  }
}
