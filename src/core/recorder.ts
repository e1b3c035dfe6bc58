// Records a live session to a session file (unless --no-record), through the
// session layer's fsynced writer.
import type { Exchange } from '../model/exchange.js';
import type { StartupInfo } from '../protocol/crash-client.js';
import { ensureSessionsDir, sessionsDir } from '../session/paths.js';
import { describeFile, newSessionHeader, SessionWriter } from '../session/writer.js';

export interface RecordOptions {
  record: boolean;
  sessionsDir?: string;
  kdview: string;
  backend: 'crash' | 'drgn';
  backendVersion: string | undefined;
  vmlinux: string | undefined;
  dump: string;
  release: string | undefined;
  command: 'tui' | 'batch' | 'report';
}

export interface Recorder {
  path: string | undefined;
  startup(info: StartupInfo): void;
  exchange(ex: Exchange): void;
  close(): Promise<void>;
}

const NONE: Recorder = { path: undefined, startup: () => undefined, exchange: () => undefined, close: async () => undefined };

export async function openRecorder(o: RecordOptions, warn: (msg: string) => void): Promise<Recorder> {
  if (!o.record) return NONE;
  let writer: SessionWriter;
  try {
    const dir = await ensureSessionsDir(sessionsDir(o.sessionsDir));
    const header = newSessionHeader({
      kdview: o.kdview,
      backend: o.backend,
      backendVersion: o.backendVersion ?? null,
      vmlinux: o.vmlinux ? await describeFile(o.vmlinux) : null,
      dump: await describeFile(o.dump),
      release: o.release ?? null,
      command: o.command,
    });
    writer = await SessionWriter.create(dir, header);
  } catch (err) {
    warn(`not recording this session: ${(err as Error).message}`);
    return NONE;
  }
  const fail = (err: unknown) => warn(`session ${writer.path}: ${(err as Error).message}`);
  return {
    path: writer.path,
    startup: (info) => void writer.appendStartup({ text: info.text, warnings: info.warnings, ms: info.ms }).catch(fail),
    exchange: (ex) => void writer.append(ex).catch(fail),
    close: () => writer.close().catch(fail),
  };
}
