// Appends a session to its JSONL file: one line per finished exchange, written
// and fsynced before the append resolves, so a crash of kdview loses at most
// the exchange that was running.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { Exchange } from '../model/exchange.js';
import { sessionFileName } from './paths.js';
import {
  ExchangeRecordSchema,
  SESSION_FORMAT,
  SESSION_VERSION,
  SessionHeaderSchema,
  StartupRecordSchema,
  type ExchangeRecord,
  type FileRef,
  type SessionHeader,
  type StartupRecord,
} from './schema.js';

export type HeaderFields = Omit<SessionHeader, 'type' | 'format' | 'version' | 'id' | 'hostname' | 'startedAt'> &
  Partial<Pick<SessionHeader, 'id' | 'hostname' | 'startedAt'>>;

/** A complete header: a fresh id, this host, now, unless given. */
export function newSessionHeader(fields: HeaderFields): SessionHeader {
  return {
    type: 'header',
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    id: fields.id ?? randomBytes(6).toString('hex'),
    kdview: fields.kdview,
    backend: fields.backend,
    backendVersion: fields.backendVersion,
    vmlinux: fields.vmlinux,
    dump: fields.dump,
    release: fields.release,
    hostname: fields.hostname ?? hostname(),
    startedAt: fields.startedAt ?? new Date().toISOString(),
    command: fields.command,
  };
}

/** The absolute path, size and mtime of a file, for a header. */
export async function describeFile(path: string): Promise<FileRef> {
  const abs = resolve(path);
  const st = await stat(abs);
  return { path: abs, size: st.size, mtime: st.mtime.toISOString() };
}

export class SessionWriter {
  private chain: Promise<unknown> = Promise.resolve();
  private seq = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    readonly header: SessionHeader,
    private readonly fh: FileHandle,
    /** Bytes of complete, synced lines: a failed write is cut back to here. */
    private size: number,
  ) {}

  /** Creates `<dir>/<name>` (never overwriting: O_EXCL, mode 0600) and writes the header. */
  static async create(dir: string, header: SessionHeader): Promise<SessionWriter> {
    const valid = SessionHeaderSchema.parse(header);
    const path = join(dir, sessionFileName(valid));
    const flags = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY;
    const fh = await open(path, flags, 0o600);
    const writer = new SessionWriter(path, valid, fh, 0);
    try {
      await writer.writeLine(valid);
      await syncDir(dir);
    } catch (err) {
      await fh.close().catch(() => undefined);
      throw err;
    }
    return writer;
  }

  /** Exchanges appended so far. */
  get count(): number {
    return this.seq;
  }

  appendStartup(startup: Omit<StartupRecord, 'type'>): Promise<void> {
    const record = StartupRecordSchema.parse({ type: 'startup', ...startup });
    return this.enqueue(() => this.writeLine(record));
  }

  /** Writes one finished exchange (numbered from 1) and resolves once it is on disk. */
  append(exchange: Exchange): Promise<ExchangeRecord> {
    return this.enqueue(async () => {
      const record = ExchangeRecordSchema.parse({ type: 'exchange', seq: this.seq + 1, ...pick(exchange) });
      await this.writeLine(record);
      this.seq = record.seq;
      return record;
    });
  }

  /** Waits for pending appends, then closes the file. */
  close(): Promise<void> {
    return this.enqueue(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.fh.close();
    });
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.chain.then(() => {
      if (this.closed) throw new Error(`session ${this.path} is closed`);
      return job();
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async writeLine(record: object): Promise<void> {
    const buf = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    try {
      let done = 0;
      while (done < buf.length) {
        const { bytesWritten } = await this.fh.write(buf, done, buf.length - done, this.size + done);
        done += bytesWritten;
      }
      await this.fh.sync();
      this.size += buf.length;
    } catch (err) {
      // Leave no torn line behind: the file ends with the last complete record.
      await this.fh.truncate(this.size).catch(() => undefined);
      throw err;
    }
  }
}

function pick(ex: Exchange): Omit<ExchangeRecord, 'type' | 'seq'> {
  const out: Omit<ExchangeRecord, 'type' | 'seq'> = {
    command: ex.command,
    output: ex.output,
    startedAt: ex.startedAt,
    ms: ex.ms,
    status: ex.status,
  };
  if (ex.error !== undefined) out.error = ex.error;
  return out;
}

/** Makes the new directory entry durable too (best effort). */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => undefined);
  if (!fh) return;
  await fh.sync().catch(() => undefined);
  await fh.close();
}
