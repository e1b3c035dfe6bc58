// Drives drgn running kdview's helper over a Transport, with the same surface
// as CrashClient: a queue of requests, one at a time; timeouts cancel with
// Ctrl-C; drgn's exit is reported with its last words.
import type { Transport, TransportExit } from '../backend/transport.js';
import type { Exchange } from '../model/exchange.js';
import { cleanTerminalText } from './clean.js';
import { BackendExitError, type ClientEvents, type ClientState, type ExitInfo, type RunOptions, type StartupInfo } from './crash-client.js';
import { DrgnFramer, type DrgnHelperInfo, type DrgnStatus } from './drgn-framer.js';
import { Emitter } from './emitter.js';

export interface DrgnStartupInfo extends StartupInfo {
  /** What the helper reported: drgn and Python versions, helpers this drgn lacks. */
  helper: DrgnHelperInfo;
}

export interface DrgnClientOptions {
  /** The nonce the helper was started with (KDVIEW_DRGN_NONCE); see spawnDrgn. */
  nonce: string;
  defaultTimeoutMs?: number;
  /** How long to wait for the answer after Ctrl-C before calling drgn stuck. */
  cancelGraceMs?: number;
}

interface Job {
  seq: number;
  command: string;
  timeoutMs: number;
  resolve: (ex: Exchange) => void;
  started: number;
  startedAt: string;
  timer?: NodeJS.Timeout;
  graceTimer?: NodeJS.Timeout;
  timedOut?: boolean;
  abandoned?: boolean;
}

const TAIL_LIMIT = 64 * 1024;

/** drgn's start-up warnings (`warning: ...` plus its continuation lines) and missing helpers. */
export function drgnStartupWarnings(text: string, info: DrgnHelperInfo): string[] {
  const out: string[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (/^(warning|error|critical):/i.test(line)) out.push(line);
    else if (line !== '' && out.length > 0) out[out.length - 1] += ` ${line}`;
  }
  if (info.missing && info.missing.length > 0)
    out.push(`drgn ${info.drgn ?? '?'} lacks helpers kdview uses: ${info.missing.join(', ')}`);
  return out;
}

/** The line that best says why drgn ended: its error line, else the last line. */
export function drgnFatalMessage(text: string): string | undefined {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const errors = lines.filter((l) => /^(error|critical):|^\w+(Error|Exception)\b/.test(l));
  return errors[errors.length - 1] ?? lines[lines.length - 1];
}

export class DrgnClient extends Emitter<ClientEvents> {
  private readonly framer: DrgnFramer;
  private readonly queue: Job[] = [];
  private current: Job | undefined;
  private seq = 0;
  private tail = '';
  private readonly started = Date.now();
  private _state: ClientState = 'starting';
  private readonly readyPromise: Promise<DrgnStartupInfo>;
  private onReady: (info: DrgnStartupInfo) => void = () => undefined;
  private exitInfo: ExitInfo | undefined;
  private readonly defaultTimeoutMs: number;
  private readonly cancelGraceMs: number;
  private readonly nonceTag: string;

  constructor(
    private readonly transport: Transport,
    opts: DrgnClientOptions,
  ) {
    super();
    this.framer = new DrgnFramer(opts.nonce);
    this.nonceTag = `_${opts.nonce}@@`;
    this.defaultTimeoutMs = opts.defaultTimeoutMs ?? 120_000;
    this.cancelGraceMs = opts.cancelGraceMs ?? 10_000;
    this.readyPromise = new Promise<DrgnStartupInfo>((resolve, reject) => {
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

  get state(): ClientState {
    return this._state;
  }

  get exited(): ExitInfo | undefined {
    return this.exitInfo;
  }

  get pid(): number | undefined {
    return this.transport.pid;
  }

  /** Resolves when the helper is serving; rejects (BackendExitError) if drgn exits first. */
  ready(): Promise<DrgnStartupInfo> {
    return this.readyPromise;
  }

  /**
   * Queues a Python snippet (one or more lines, as typed at drgn's `>>>`) or a
   * kdview request (`kdview:sys`, `kdview:bt 140`, ...); always resolves.
   */
  run(command: string, opts: RunOptions = {}): Promise<Exchange> {
    const text = command.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
    return new Promise<Exchange>((resolve) => {
      if (this._state === 'dead') return resolve(this.failed(text, this.deadMessage()));
      const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
      this.queue.push({ seq: ++this.seq, command: text, timeoutMs, resolve, started: 0, startedAt: '' });
      this.pump();
    });
  }

  /** Cancels the running request with Ctrl-C (KeyboardInterrupt); drgn stays up. */
  cancel(): boolean {
    const job = this.current;
    const text = job ? this.framer.cancel() : '';
    if (!job || text === '') return false;
    this.transport.write(text);
    job.graceTimer ??= setTimeout(() => this.giveUp(job), this.cancelGraceMs);
    return true;
  }

  /** Drops queued requests that have not started. */
  clearQueue(): void {
    for (const job of this.queue.splice(0)) job.resolve(this.failed(job.command, 'not run: queue cleared', 'cancelled'));
  }

  /** Asks the helper to end drgn, then makes sure it is gone. */
  async quit(graceMs = 3000): Promise<void> {
    if (this._state === 'dead') return;
    const gone = new Promise<void>((resolve) => this.on('exit', () => resolve()));
    this.clearQueue();
    const timer = setTimeout(() => this.transport.kill(), graceMs);
    if (this.current) {
      const back = new Promise<void>((resolve) => this.on('exchange', () => resolve()));
      this.cancel();
      await Promise.race([back, gone]);
    }
    this.transport.write(this.framer.quit());
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
    return `drgn is not running${this.exitInfo ? ` (${this.exitInfo.message})` : ''}`;
  }

  private failed(command: string, error: string, status: Exchange['status'] = 'error'): Exchange {
    return { command, output: '', startedAt: new Date().toISOString(), ms: 0, status, error };
  }

  private pump(): void {
    if (this.current || !this.framer.isIdle || this._state === 'starting' || this._state === 'dead') return;
    const job = this.queue.shift();
    if (!job) return this.setState('ready');
    this.current = job;
    job.started = performance.now();
    job.startedAt = new Date().toISOString();
    this.setState('busy');
    this.transport.write(this.framer.send(job.seq, job.command));
    job.timer = setTimeout(() => {
      job.timedOut = true;
      this.cancel();
    }, job.timeoutMs);
    this.handleData(''); // text a replayed stream already delivered
  }

  private handleData(chunk: string): void {
    this.tail = (this.tail + chunk).slice(-TAIL_LIMIT);
    for (const ev of this.framer.feed(chunk)) {
      if (ev.type === 'progress') this.emit('progress', ev.message);
      else if (ev.type === 'ready') {
        const info = { text: ev.startup, warnings: drgnStartupWarnings(ev.startup, ev.info), ms: Date.now() - this.started };
        this.setState('ready');
        this.onReady({ ...info, helper: ev.info });
      } else if (ev.type === 'output' && this.current)
        this.emit('running', { seq: ev.seq, command: this.current.command, bytes: ev.bytes });
      else if (ev.type === 'done') this.finish(ev.output, ev.status);
    }
    this.pump();
  }

  private finish(output: string, status: DrgnStatus): void {
    const job = this.current;
    if (!job) return;
    this.current = undefined;
    clearTimeout(job.timer);
    clearTimeout(job.graceTimer);
    if (job.abandoned) return this.setState('ready');
    const ex: Exchange = {
      command: job.command,
      output,
      startedAt: job.startedAt,
      ms: Math.round(performance.now() - job.started),
      status: status.status === 'cancelled' ? (job.timedOut ? 'timeout' : 'cancelled') : status.status === 'error' ? 'error' : 'ok',
    };
    if (ex.status === 'timeout') ex.error = `timed out after ${(job.timeoutMs / 1000).toFixed(1)} s; cancelled with Ctrl-C`;
    else if (ex.status === 'cancelled') ex.error = 'cancelled';
    else if (ex.status === 'error') ex.error = status.error ?? 'error';
    this.emit('exchange', ex);
    job.resolve(ex);
  }

  /** No answer within the grace period after Ctrl-C (drgn busy inside C code): answer now, keep listening. */
  private giveUp(job: Job): void {
    if (this.current !== job || job.abandoned) return;
    job.abandoned = true;
    clearTimeout(job.timer);
    this.setState('stuck');
    const ex: Exchange = {
      command: job.command,
      output: cleanTerminalText(this.framer.pending),
      startedAt: job.startedAt,
      ms: Math.round(performance.now() - job.started),
      status: job.timedOut ? 'timeout' : 'cancelled',
      error: `drgn did not answer ${this.cancelGraceMs / 1000} s after Ctrl-C; it is still busy (restart it if it never returns)`,
    };
    this.emit('exchange', ex);
    job.resolve(ex);
  }

  private handleExit(e: TransportExit): void {
    const duringStartup = this._state === 'starting';
    // Marker lines carry the session's nonce: never show them; blame only text since the last answer.
    const unframed = (t: string) => cleanTerminalText(t).split('\n').filter((l) => !l.includes(this.nonceTag)).join('\n').trimEnd();
    const lastWords = unframed(this.tail).split('\n').slice(-12).join('\n');
    const why = drgnFatalMessage(unframed(duringStartup ? this.tail : this.framer.pending));
    const code = e.exitCode ?? (e.signal ? 128 + e.signal : null);
    const how = code !== null ? ` (exit code ${code}${e.signal ? `, signal ${e.signal}` : ''})` : '';
    const message = duringStartup && why ? `drgn: ${why}` : `drgn exited${how}${why ? `: ${why}` : ''}`;
    this.exitInfo = { exitCode: e.exitCode, signal: e.signal, lastWords, message, duringStartup };
    this.setState('dead');
    const job = this.current;
    this.current = undefined;
    if (job && !job.abandoned) {
      clearTimeout(job.timer);
      clearTimeout(job.graceTimer);
      const output = unframed(this.framer.pending);
      const ex: Exchange = { command: job.command, output, startedAt: job.startedAt, ms: Math.round(performance.now() - job.started), status: 'error', error: message };
      this.emit('exchange', ex);
      job.resolve(ex);
    }
    for (const q of this.queue.splice(0)) q.resolve(this.failed(q.command, message));
    this.emit('exit', this.exitInfo);
  }
}
