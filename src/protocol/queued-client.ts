// The part of a backend client that does not depend on the backend: a queue
// of commands run one at a time, per-command timeouts that cancel (Ctrl-C),
// a grace period after which a command is answered and the backend called
// stuck, quitting, and reporting the backend's exit. CrashClient and
// DrgnClient supply the framing.
import type { Transport, TransportExit } from './transport.js';
import type { Exchange } from '../model/exchange.js';
import type { BackendClient, ClientEvents, ClientState, ExitInfo, RunOptions, StartupInfo } from './backend-client.js';
import { Emitter } from './emitter.js';
import { TextBuffer } from './text-buffer.js';

export type { ClientEvents, ClientState, ExitInfo, RunOptions, StartupInfo } from './backend-client.js';

export class BackendExitError extends Error {
  constructor(readonly info: ExitInfo) {
    super(info.message);
  }
}

/** A finished command's answer, made when it is answered (see completeWith). */
export interface Completion {
  output: string;
  outcome: 'ok' | 'error' | 'cancelled';
  error?: string;
}

/** What a client needs of its framer. */
export interface Framing {
  readonly isIdle: boolean;
  /** Raw text received since the last frame boundary. */
  readonly pending: string;
  send(seq: number, command: string): string;
  cancel(): string;
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
  /** Answered already by giveUp(); its late output is dropped. */
  abandoned?: boolean;
}

export interface QueuedClientOptions {
  defaultTimeoutMs?: number;
  /** How long to wait after Ctrl-C before answering and calling the backend stuck. */
  cancelGraceMs?: number;
}

const TAIL_LIMIT = 64 * 1024;

export abstract class QueuedClient<S extends StartupInfo> extends Emitter<ClientEvents> implements BackendClient {
  protected abstract readonly name: string;
  protected abstract readonly framer: Framing;
  protected current: Job | undefined;
  /** The backend's last output (up to TAIL_LIMIT characters), for last words on exit. */
  private readonly recent = new TextBuffer();
  protected readonly started = Date.now();
  private readonly queue: Job[] = [];
  /**
   * Commands whose frame ended but that are not answered yet: the next queued
   * command is sent first, so the backend works on it while listeners parse
   * this one's output (a 10 MB `foreach bt` takes a while to parse).
   */
  private readonly finished: Array<{ job: Job; ms: number; result: () => Completion }> = [];
  private seq = 0;
  private _state: ClientState = 'starting';
  private exitInfo: ExitInfo | undefined;
  private readonly readyPromise: Promise<S>;
  private resolveReady: (info: S) => void = () => undefined;
  protected readonly defaultTimeoutMs: number;
  protected readonly cancelGraceMs: number;

  constructor(
    protected readonly transport: Transport,
    opts: QueuedClientOptions,
  ) {
    super();
    this.defaultTimeoutMs = opts.defaultTimeoutMs ?? 120_000;
    this.cancelGraceMs = opts.cancelGraceMs ?? 10_000;
    this.readyPromise = new Promise<S>((resolve, reject) => {
      const offExit = this.on('exit', (info) => reject(new BackendExitError(info)));
      this.resolveReady = (info) => {
        offExit();
        resolve(info);
      };
    });
    this.readyPromise.catch(() => undefined);
    transport.onData((chunk) => {
      this.recent.push(chunk);
      if (this.recent.length > 4 * TAIL_LIMIT) this.recent.reset(this.recent.tail(TAIL_LIMIT));
      this.onChunk(chunk);
      this.tick();
    });
    transport.onExit((e) => this.handleExit(e));
  }

  protected get tail(): string {
    return this.recent.tail(TAIL_LIMIT);
  }

  /** Feeds the framer; calls started()/progress/complete() as frames end. */
  protected abstract onChunk(chunk: string): void;
  /** The command as it will be sent (whitespace and newlines normalised). */
  protected abstract normalize(command: string): string;
  /** What to write to end the backend. */
  protected abstract quitText(): string;
  /** The exit's message and the backend's last words. */
  protected abstract describeExit(e: TransportExit, duringStartup: boolean): { message: string; lastWords: string };
  /** What the running command printed so far, cleaned. */
  protected abstract partialOutput(): string;
  /** The text that starts a command (crash may redirect a bulk command to a file). */
  protected sendText(seq: number, command: string): string {
    return this.framer.send(seq, command);
  }

  /** The running command's frame ended without an answer: run it again, first in the queue. */
  protected retry(): void {
    const job = this.current;
    if (!job) return;
    this.current = undefined;
    clearTimeout(job.timer);
    clearTimeout(job.graceTimer);
    this.queue.unshift(job);
  }

  /** Called after a command is written (drgn replays may already hold its answer). */
  protected afterSend(): void {}

  get state(): ClientState {
    return this._state;
  }

  get exited(): ExitInfo | undefined {
    return this.exitInfo;
  }

  get pid(): number | undefined {
    return this.transport.pid;
  }

  /** Resolves when the backend is ready; rejects (BackendExitError) if it exits first. */
  ready(): Promise<S> {
    return this.readyPromise;
  }

  /** Queues a command; always resolves, with a status saying how it went. */
  run(command: string, opts: RunOptions = {}): Promise<Exchange> {
    const text = this.normalize(command);
    return new Promise<Exchange>((resolve) => {
      if (this._state === 'dead') return resolve(this.failed(text, this.deadMessage()));
      const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
      this.queue.push({ seq: ++this.seq, command: text, timeoutMs, resolve, started: 0, startedAt: '' });
      this.tick();
    });
  }

  /** Cancels the running command with Ctrl-C; the backend stays up. */
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

  /** Asks the backend to quit, then makes sure it is gone. */
  async quit(graceMs = 3000): Promise<void> {
    if (this._state === 'dead') return;
    const gone = new Promise<void>((resolve) => this.on('exit', () => resolve()));
    this.clearQueue();
    const timer = setTimeout(() => this.transport.kill(), graceMs);
    if (this.current) {
      // Ctrl-C makes the tty flush typed-ahead input: quit only once the backend is back.
      const back = new Promise<void>((resolve) => this.on('exchange', () => resolve()));
      this.cancel();
      await Promise.race([back, gone]);
    }
    this.transport.write(this.quitText());
    await gone;
    clearTimeout(timer);
  }

  kill(): void {
    this.transport.kill();
  }

  protected setState(s: ClientState): void {
    if (this._state === s) return;
    this._state = s;
    this.emit('state', s);
  }

  /** The framer saw the backend ready. */
  protected startupDone(info: S): void {
    if (this._state === 'starting') this.setState('ready');
    this.resolveReady(info);
  }

  /** The running command's frame ended. */
  protected complete(output: string, outcome: Completion['outcome'], error?: string): void {
    this.completeWith(() => ({ output, outcome, error }));
  }

  /**
   * The running command's frame ended; `result` makes its answer. It runs
   * after the next queued command is sent (crash's bulk file of a 10 MB
   * `foreach bt` is read while crash works on the next command), and only once.
   */
  protected completeWith(result: () => Completion): void {
    const job = this.current;
    if (!job) return;
    this.current = undefined;
    clearTimeout(job.timer);
    clearTimeout(job.graceTimer);
    if (job.abandoned) {
      result(); // consumed (a bulk file is removed), dropped
      return this.setState('ready');
    }
    this.finished.push({ job, ms: Math.round(performance.now() - job.started), result });
  }

  private answer(job: Job, ms: number, result: () => Completion): Exchange {
    const { output, outcome, error } = result();
    const status = outcome === 'cancelled' ? (job.timedOut ? 'timeout' : 'cancelled') : outcome;
    const ex: Exchange = { command: job.command, output, startedAt: job.startedAt, ms, status };
    if (status === 'timeout') ex.error = `timed out after ${(job.timeoutMs / 1000).toFixed(1)} s; cancelled with Ctrl-C`;
    else if (status === 'cancelled') ex.error = 'cancelled';
    else if (status === 'error') ex.error = error ?? 'error';
    return ex;
  }

  /** Sends the next queued command, then answers finished ones (see `finished`). */
  private tick(): void {
    this.pump();
    this.deliver();
    if (!this.current && this.queue.length > 0) this.pump();
  }

  /** Answers finished commands once the backend is back at its prompt and busy with the next queued one. */
  private deliver(force = false): void {
    if (this.finished.length === 0) return;
    if (!force && !this.current && !this.framer.isIdle) return;
    for (const { job, ms, result } of this.finished.splice(0)) {
      const ex = this.answer(job, ms, result);
      this.emit('exchange', ex);
      job.resolve(ex);
    }
  }

  private deadMessage(): string {
    return `${this.name} is not running${this.exitInfo ? ` (${this.exitInfo.message})` : ''}`;
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
    this.transport.write(this.sendText(job.seq, job.command));
    job.timer = setTimeout(() => {
      job.timedOut = true;
      this.cancel();
    }, job.timeoutMs);
    this.afterSend();
  }

  /** No answer within the grace period after Ctrl-C: answer the caller now, mark the backend stuck, keep listening. */
  private giveUp(job: Job): void {
    if (this.current !== job || job.abandoned) return;
    this.deliver(true);
    job.abandoned = true;
    clearTimeout(job.timer);
    this.setState('stuck');
    const ex: Exchange = {
      command: job.command,
      output: this.partialOutput(),
      startedAt: job.startedAt,
      ms: Math.round(performance.now() - job.started),
      status: job.timedOut ? 'timeout' : 'cancelled',
      error: `${this.name} did not answer ${this.cancelGraceMs / 1000} s after Ctrl-C; it is still busy (restart it if it never returns)`,
    };
    this.emit('exchange', ex);
    job.resolve(ex);
  }

  private handleExit(e: TransportExit): void {
    this.deliver(true);
    const duringStartup = this._state === 'starting';
    const { message, lastWords } = this.describeExit(e, duringStartup);
    const output = this.partialOutput();
    this.exitInfo = { exitCode: e.exitCode, signal: e.signal, lastWords, message, duringStartup };
    this.setState('dead');
    const job = this.current;
    this.current = undefined;
    if (job) {
      clearTimeout(job.timer);
      clearTimeout(job.graceTimer);
    }
    if (job && !job.abandoned) {
      const ex: Exchange = { command: job.command, output, startedAt: job.startedAt, ms: Math.round(performance.now() - job.started), status: 'error', error: message };
      this.emit('exchange', ex);
      job.resolve(ex);
    }
    for (const q of this.queue.splice(0)) q.resolve(this.failed(q.command, message));
    this.emit('exit', this.exitInfo);
  }
}
