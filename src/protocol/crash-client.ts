// Drives crash over a Transport: a queue of commands, one at a time, framed by
// sentinels; timeouts cancel with Ctrl-C; an exit is reported with last words.
import type { Transport, TransportExit } from '../backend/transport.js';
import type { Exchange } from '../model/exchange.js';
import { cleanTerminalText } from './clean.js';
import { CrashFramer } from './crash-framer.js';
import { Emitter } from './emitter.js';
import { fatalMessage, findCommandError, startupWarnings } from './errors.js';
import { randomNonce } from './sentinel.js';

export type ClientState = 'starting' | 'ready' | 'busy' | 'stuck' | 'dead';

export interface StartupInfo {
  /** Everything crash printed before its first prompt, cleaned. */
  text: string;
  warnings: string[];
  ms: number;
}

export interface ExitInfo {
  exitCode: number | null;
  signal: number | null;
  /** The last lines crash printed. */
  lastWords: string;
  /** The line that best says why (crash's own message). */
  message: string;
  duringStartup: boolean;
}

export interface RunOptions {
  timeoutMs?: number;
}

export interface ClientEvents extends Record<string, unknown> {
  progress: string;
  state: ClientState;
  running: { seq: number; command: string; bytes: number };
  exchange: Exchange;
  exit: ExitInfo;
}

interface Job {
  seq: number;
  command: string;
  timeoutMs: number;
  resolve: (ex: Exchange) => void;
  started?: number;
  startedAt?: string;
  timer?: NodeJS.Timeout;
  graceTimer?: NodeJS.Timeout;
  timedOut?: boolean;
  /** Answered already by giveUp(); its late output is dropped. */
  abandoned?: boolean;
}

export class BackendExitError extends Error {
  constructor(readonly info: ExitInfo) {
    super(info.message);
  }
}

export interface ClientOptions {
  prompt?: string;
  defaultTimeoutMs?: number;
  /** How long to wait for the prompt after Ctrl-C before calling crash stuck. */
  cancelGraceMs?: number;
  nonce?: string;
}

const TAIL_LIMIT = 64 * 1024;

export class CrashClient extends Emitter<ClientEvents> {
  private readonly framer: CrashFramer;
  private readonly queue: Job[] = [];
  private current: Job | undefined;
  private seq = 0;
  private tail = '';
  private started = Date.now();
  private _state: ClientState = 'starting';
  private readyPromise: Promise<StartupInfo>;
  private exitInfo: ExitInfo | undefined;
  private readonly defaultTimeoutMs: number;
  private readonly cancelGraceMs: number;

  constructor(
    private readonly transport: Transport,
    opts: ClientOptions = {},
  ) {
    super();
    this.framer = new CrashFramer(opts.nonce ?? randomNonce(), opts.prompt ?? 'crash> ');
    this.defaultTimeoutMs = opts.defaultTimeoutMs ?? 120_000;
    this.cancelGraceMs = opts.cancelGraceMs ?? 10_000;
    this.readyPromise = new Promise<StartupInfo>((resolve, reject) => {
      const offExit = this.on('exit', (info) => reject(new BackendExitError(info)));
      this.onReady = (info) => {
        offExit();
        resolve(info);
      };
    });
    this.readyPromise.catch(() => undefined);
    transport.onData((chunk) => this.handleData(chunk));
    transport.onExit((e) => this.handleExit(e));
  }

  private onReady: (info: StartupInfo) => void = () => undefined;

  get state(): ClientState {
    return this._state;
  }

  get exited(): ExitInfo | undefined {
    return this.exitInfo;
  }

  get pid(): number | undefined {
    return this.transport.pid;
  }

  /** Resolves at crash's first prompt (after `set scroll off`); rejects if crash exits first. */
  ready(): Promise<StartupInfo> {
    return this.readyPromise;
  }

  /** Queues a command; always resolves, with a status saying how it went. */
  run(command: string, opts: RunOptions = {}): Promise<Exchange> {
    const clean = command.replace(/[\r\n]+/g, ' ').trim();
    return new Promise<Exchange>((resolve) => {
      if (this._state === 'dead') {
        resolve(this.failed(clean, this.deadMessage()));
        return;
      }
      this.queue.push({ seq: ++this.seq, command: clean, timeoutMs: opts.timeoutMs ?? this.defaultTimeoutMs, resolve });
      this.pump();
    });
  }

  /** Cancels the running command with Ctrl-C; crash goes back to its prompt. */
  cancel(): boolean {
    const job = this.current;
    if (!job) return false;
    const text = this.framer.cancel();
    if (text === '') return false;
    this.transport.write(text);
    job.graceTimer ??= setTimeout(() => this.giveUp(job), this.cancelGraceMs);
    return true;
  }

  /** Drops queued commands that have not started. */
  clearQueue(): void {
    for (const job of this.queue.splice(0)) job.resolve(this.failed(job.command, 'not run: queue cleared', 'cancelled'));
  }

  /** Asks crash to quit, then makes sure it is gone. */
  async quit(graceMs = 3000): Promise<void> {
    if (this._state === 'dead') return;
    const gone = new Promise<void>((resolve) => this.on('exit', () => resolve()));
    this.clearQueue();
    const timer = setTimeout(() => this.transport.kill(), graceMs);
    if (this.current) {
      // Ctrl-C makes the tty flush typed-ahead input, so quit only once crash is back.
      const back = new Promise<void>((resolve) => this.on('exchange', () => resolve()));
      this.cancel();
      await Promise.race([back, gone]);
    }
    this.transport.write('quit\n');
    await gone;
    clearTimeout(timer);
  }

  kill(): void {
    this.transport.kill();
  }

  private setState(s: ClientState): void {
    if (this._state === s) return;
    this._state = s;
    this.emit('state', s);
  }

  private deadMessage(): string {
    if (this._state === 'stuck') return 'crash is not answering (stuck after Ctrl-C); restart it';
    return `crash is not running${this.exitInfo ? ` (${this.exitInfo.message})` : ''}`;
  }

  private failed(command: string, error: string, status: Exchange['status'] = 'error'): Exchange {
    return { command, output: '', startedAt: new Date().toISOString(), ms: 0, status, error };
  }

  private pump(): void {
    if (this.current || !this.framer.isIdle || this._state === 'starting') return;
    const job = this.queue.shift();
    if (!job) {
      this.setState('ready');
      return;
    }
    this.current = job;
    job.started = performance.now();
    job.startedAt = new Date().toISOString();
    this.setState('busy');
    this.transport.write(this.framer.send(job.seq, job.command));
    job.timer = setTimeout(() => {
      job.timedOut = true;
      this.cancel();
    }, job.timeoutMs);
  }

  private handleData(chunk: string): void {
    this.tail = (this.tail + chunk).slice(-TAIL_LIMIT);
    for (const ev of this.framer.feed(chunk)) {
      if (ev.type === 'progress') this.emit('progress', ev.message);
      else if (ev.type === 'ready') this.startupDone(ev.startup);
      else if (ev.type === 'output' && this.current)
        this.emit('running', { seq: ev.seq, command: this.current.command, bytes: ev.bytes });
      else if (ev.type === 'done') this.finish(ev.output, ev.cancelled);
    }
    this.pump();
  }

  private startupDone(text: string): void {
    const info: StartupInfo = { text, warnings: startupWarnings(text), ms: Date.now() - this.started };
    this._state = 'ready';
    // Belt and braces: crash runs with --no_scroll, and this turns the pager off too.
    void this.run('set scroll off').then(() => this.onReady(info));
    this.pump();
  }

  private finish(output: string, cancelled: boolean): void {
    const job = this.current;
    if (!job) return;
    this.current = undefined;
    clearTimeout(job.timer);
    clearTimeout(job.graceTimer);
    if (job.abandoned) {
      this.setState('ready');
      return;
    }
    const ms = Math.round(performance.now() - (job.started ?? performance.now()));
    const error = findCommandError(job.command, output);
    const ex: Exchange = {
      command: job.command,
      output,
      startedAt: job.startedAt ?? new Date().toISOString(),
      ms,
      status: job.timedOut ? 'timeout' : cancelled ? 'cancelled' : error ? 'error' : 'ok',
    };
    if (job.timedOut) ex.error = `timed out after ${(job.timeoutMs / 1000).toFixed(1)} s; cancelled with Ctrl-C`;
    else if (cancelled) ex.error = 'cancelled';
    else if (error) ex.error = error;
    this.emit('exchange', ex);
    job.resolve(ex);
  }

  /**
   * crash did not come back within the grace period after Ctrl-C (some
   * gdb-driven commands ignore it). Answer the caller now, mark crash stuck,
   * and keep listening: if the command ends later, crash is usable again.
   */
  private giveUp(job: Job): void {
    if (this.current !== job || job.abandoned) return;
    job.abandoned = true;
    clearTimeout(job.timer);
    this.setState('stuck');
    const ex: Exchange = {
      command: job.command,
      output: cleanTerminalText(this.framer.pending),
      startedAt: job.startedAt ?? new Date().toISOString(),
      ms: Math.round(performance.now() - (job.started ?? performance.now())),
      status: job.timedOut ? 'timeout' : 'cancelled',
      error: `crash did not return to its prompt ${this.cancelGraceMs / 1000} s after Ctrl-C; it is still busy (restart it if it never returns)`,
    };
    this.emit('exchange', ex);
    job.resolve(ex);
  }

  private handleExit(e: TransportExit): void {
    const duringStartup = this._state === 'starting';
    const lastText = cleanTerminalText(this.tail).trimEnd();
    const lastWords = lastText.split('\n').slice(-12).join('\n');
    const why = fatalMessage(lastText);
    const code = e.exitCode ?? (e.signal ? 128 + e.signal : null);
    const status = code !== null ? ` (exit code ${code}${e.signal ? `, signal ${e.signal}` : ''})` : '';
    const message =
      duringStartup && why
        ? why
        : duringStartup
          ? `crash exited while loading the dump${status} without saying why`
          : `crash exited${status}${why ? `: ${why}` : ''}`;
    this.exitInfo = { exitCode: e.exitCode, signal: e.signal, lastWords, message, duringStartup };
    this.setState('dead');
    const job = this.current;
    this.current = undefined;
    if (job && !job.abandoned) {
      clearTimeout(job.timer);
      clearTimeout(job.graceTimer);
      const ex: Exchange = {
        command: job.command,
        output: cleanTerminalText(this.framer.pending),
        startedAt: job.startedAt ?? new Date().toISOString(),
        ms: Math.round(performance.now() - (job.started ?? performance.now())),
        status: 'error',
        error: message,
      };
      this.emit('exchange', ex);
      job.resolve(ex);
    }
    for (const q of this.queue.splice(0)) q.resolve(this.failed(q.command, message));
    this.emit('exit', this.exitInfo);
  }
}
