// Small builders shared by the session tests.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../../src/model/exchange.js';
import type { SessionHeader } from '../../src/session/schema.js';
import { newSessionHeader } from '../../src/session/writer.js';

export function tempDir(prefix = 'kdview-session-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export function header(over: Partial<SessionHeader> = {}): SessionHeader {
  return {
    ...newSessionHeader({
      kdview: '0.1.0',
      backend: 'crash',
      backendVersion: '8.0.2',
      vmlinux: { path: '/dumps/vmlinux-6.1.192', size: 123, mtime: '2026-11-26T04:00:00.000Z' },
      dump: { path: '/dumps/bug/vmcore', size: 456, mtime: '2026-11-26T04:10:00.000Z' },
      release: '6.1.192-kdview',
      command: 'tui',
    }),
    ...over,
  };
}

export function exchange(command: string, output: string, over: Partial<Exchange> = {}): Exchange {
  return { command, output, startedAt: '2026-11-26T05:00:00.000Z', ms: 12, status: 'ok', ...over };
}
