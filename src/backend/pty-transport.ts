// A Transport over node-pty. Every live backend process is tracked so that
// kdview can end them all when it is interrupted, and guarded (guard.ts) so
// that it ends even when kdview is killed outright.
import * as pty from 'node-pty';
import { TempBulkFiles } from './bulk-files.js';
import { Guard } from './guard.js';
import type { Transport, TransportExit } from '../protocol/transport.js';

const live = new Set<PtyTransport>();

export interface PtySpawnOptions {
  file: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  cols?: number;
  rows?: number;
  /** Offer private files for bulk output (crash's `cmd > FILE`). */
  bulk?: boolean;
}

export class PtyTransport implements Transport {
  private readonly proc: pty.IPty;
  private exited = false;
  private readonly exitListeners: Array<(e: TransportExit) => void> = [];
  private killTimer: NodeJS.Timeout | undefined;
  readonly bulk: TempBulkFiles | undefined;

  constructor(opts: PtySpawnOptions) {
    this.bulk = opts.bulk ? new TempBulkFiles() : undefined;
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.env ?? process.env)) if (v !== undefined) env[k] = v;
    // A dumb terminal: no colours, no bracketed paste, no cursor tricks from readline.
    env.TERM = 'dumb';
    delete env.COLUMNS;
    delete env.LINES;
    this.proc = pty.spawn(opts.file, [...opts.args], {
      name: 'dumb',
      cols: opts.cols ?? 512,
      rows: opts.rows ?? 200,
      cwd: opts.cwd ?? process.cwd(),
      env,
    });
    live.add(this);
    const guard = new Guard(this.proc.pid);
    this.proc.onExit(({ exitCode, signal }) => {
      guard.release();
      this.exited = true;
      live.delete(this);
      clearTimeout(this.killTimer);
      const e: TransportExit = { exitCode: signal ? null : exitCode, signal: signal || null };
      try {
        for (const fn of this.exitListeners) fn(e);
      } finally {
        // After the listeners: the client reads the last bulk file when it answers on exit.
        this.bulk?.dispose();
      }
    });
  }

  get pid(): number | undefined {
    return this.exited ? undefined : this.proc.pid;
  }

  write(data: string): void {
    if (!this.exited) this.proc.write(data);
  }

  onData(listener: (chunk: string) => void): void {
    this.proc.onData(listener);
  }

  onExit(listener: (e: TransportExit) => void): void {
    this.exitListeners.push(listener);
  }

  kill(): void {
    if (this.exited) return;
    signalGroup(this.proc.pid, 'SIGTERM');
    this.killTimer ??= setTimeout(() => this.killNow(), 2000);
    this.killTimer.unref?.();
  }

  /** SIGKILL to the process and its group, synchronously (safe in exit handlers). */
  killNow(): void {
    if (this.exited) return;
    signalGroup(this.proc.pid, 'SIGKILL');
  }
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, sig);
    } catch {
      // already gone
    }
  }
}

/** Ends every live backend process at once: for SIGINT/SIGTERM and exit. */
export function killAllBackends(): void {
  for (const t of [...live]) t.killNow();
}
