// Both engines at once behind one BackendClient: drgn (ready in about a
// second) and crash (several seconds) open the same dump together. The
// client is ready when the first of them is. Commands go by kind: kdview:*
// requests and `py CODE` to drgn, everything else to crash (queued until
// crash is ready). If one engine dies or cannot open the dump the other
// carries on: an `engine` event says so; `exit` comes only when both are gone.
import type { Exchange } from '../model/exchange.js';
import type { BackendClient, ClientEvents, ClientState, ExitInfo, RunOptions, StartupInfo } from './backend-client.js';
import { BackendExitError } from './queued-client.js';
import { Emitter } from './emitter.js';

export type EngineName = 'crash' | 'drgn';

export type EngineEvent =
  | { engine: EngineName; kind: 'ready'; ms: number; warnings: string[] }
  | { engine: EngineName; kind: 'exit'; message: string; duringStartup: boolean };

export interface BothEvents extends ClientEvents {
  engine: EngineEvent;
}

/** `py CODE` in the Console: Python for drgn while crash has the Console. */
export const PY_PREFIX = /^py(\s+|$)/;

export class BothClient extends Emitter<BothEvents> implements BackendClient {
  /** The engine that was ready first (it fills the panes). */
  first: EngineName | undefined;
  private readonly readyAt: Partial<Record<EngineName, StartupInfo>> = {};
  private readonly readyPromise: Promise<StartupInfo>;
  /** Commands whose exchanges are not passed on (the cross-check's own runs). */
  private readonly quiet = new Map<string, number>();

  constructor(
    readonly drgn: BackendClient,
    readonly crash: BackendClient,
  ) {
    super();
    const engines = [['drgn', drgn], ['crash', crash]] as const;
    for (const [name, c] of engines) {
      c.on('exchange', (ex) => this.passOn(name === 'drgn' ? this.asPy(ex) : ex));
      c.on('running', (r) => this.emit('running', r));
      c.on('state', () => this.emit('state', this.state));
      c.on('exit', (info) => this.engineExit(name, info));
      if (name === 'crash') c.on('progress', (m) => this.emit('progress', m));
    }
    this.readyPromise = new Promise<StartupInfo>((resolve, reject) => {
      let failed = 0;
      for (const [name, c] of engines) {
        c.ready().then(
          (info) => {
            this.readyAt[name] = info;
            this.first ??= name;
            this.emit('engine', { engine: name, kind: 'ready', ms: info.ms, warnings: info.warnings });
            resolve(info);
          },
          (err: unknown) => {
            if (++failed === 2) reject(err instanceof BackendExitError ? new BackendExitError(this.bothExit()) : err);
          },
        );
      }
    });
    this.readyPromise.catch(() => undefined);
  }

  /** Whether an engine has loaded the dump and is still running. */
  isUp(name: EngineName): boolean {
    const c = name === 'drgn' ? this.drgn : this.crash;
    return this.readyAt[name] !== undefined && c.state !== 'dead';
  }

  /** What an engine warned about when it had loaded the dump (crash's "not found in PID hash"). */
  startupWarnings(name: EngineName): readonly string[] {
    return this.readyAt[name]?.warnings ?? [];
  }

  isDead(name: EngineName): boolean {
    return (name === 'drgn' ? this.drgn : this.crash).state === 'dead';
  }

  get state(): ClientState {
    const states = [this.drgn.state, this.crash.state];
    if (states.every((s) => s === 'dead')) return 'dead';
    if (this.first === undefined) return 'starting';
    const live = (['drgn', 'crash'] as const).filter((n) => this.isUp(n)).map((n) => (n === 'drgn' ? this.drgn : this.crash).state);
    if (live.includes('busy')) return 'busy';
    if (live.length > 0 && live.every((s) => s === 'stuck')) return 'stuck';
    return 'ready';
  }

  get pid(): number | undefined {
    return this.crash.pid ?? this.drgn.pid;
  }

  get exited(): ExitInfo | undefined {
    return this.state === 'dead' ? this.bothExit() : undefined;
  }

  ready(): Promise<StartupInfo> {
    return this.readyPromise;
  }

  /** Which engine a command goes to. */
  route(command: string): EngineName {
    const c = command.trim();
    if (c.startsWith('kdview:') || PY_PREFIX.test(c)) return 'drgn';
    return 'crash';
  }

  run(command: string, opts?: RunOptions): Promise<Exchange> {
    const engine = this.route(command);
    const c = command.trim();
    if (engine === 'drgn') {
      if (this.isDead('drgn')) return Promise.resolve(refused(command, `drgn is not running (${this.drgn.exited?.message ?? 'it exited'})`));
      return this.drgn.run(PY_PREFIX.test(c) ? c.replace(PY_PREFIX, '') : command, opts).then((ex) => this.asPy(ex));
    }
    if (this.isDead('crash'))
      return Promise.resolve(refused(command, `crash is not running (${this.crash.exited?.message ?? 'it exited'}); py CODE runs Python in drgn`));
    return this.crash.run(command, opts).then((ex) => this.notRun(ex));
  }

  /**
   * A command queued for crash that never ran because crash died: "cancelled"
   * (not run), not an error: the engine's own banner has said why, and drgn
   * carries on.
   */
  private notRun(ex: Exchange): Exchange {
    if (ex.status !== 'error' || ex.ms !== 0 || !this.isDead('crash') || this.isDead('drgn')) return ex;
    return { ...ex, status: 'cancelled', error: `not run: ${ex.error ?? 'crash exited'}` };
  }

  /** Runs a crash command whose exchange is not passed on (the cross-check reads crash's own view). */
  runQuiet(command: string, opts?: RunOptions): Promise<Exchange> {
    this.quiet.set(command, (this.quiet.get(command) ?? 0) + 1);
    return this.crash.run(command, opts);
  }

  cancel(): boolean {
    return this.crash.cancel() || this.drgn.cancel();
  }

  clearQueue(): void {
    this.crash.clearQueue();
    this.drgn.clearQueue();
  }

  async quit(graceMs?: number): Promise<void> {
    await Promise.all([this.crash.quit(graceMs), this.drgn.quit(graceMs)]);
  }

  kill(): void {
    this.crash.kill();
    this.drgn.kill();
  }

  private readonly renamed = new WeakMap<Exchange, Exchange>();

  /** A drgn snippet's exchange named as typed (`py CODE`), the same object each time it is seen. */
  private asPy(ex: Exchange): Exchange {
    if (ex.command.trim().startsWith('kdview:')) return ex;
    let r = this.renamed.get(ex);
    if (!r) {
      r = { ...ex, command: `py ${ex.command}` };
      this.renamed.set(ex, r);
    }
    return r;
  }

  private passOn(ex: Exchange): void {
    const n = this.quiet.get(ex.command);
    if (n !== undefined) {
      if (n <= 1) this.quiet.delete(ex.command);
      else this.quiet.set(ex.command, n - 1);
      return;
    }
    this.emit('exchange', ex);
  }

  private engineExit(name: EngineName, info: ExitInfo): void {
    this.emit('engine', { engine: name, kind: 'exit', message: info.message, duringStartup: info.duringStartup });
    this.emit('state', this.state);
    if (this.state === 'dead') this.emit('exit', this.bothExit());
  }

  private bothExit(): ExitInfo {
    const c = this.crash.exited;
    const d = this.drgn.exited;
    const message = `crash: ${c?.message ?? 'exited'}; drgn: ${d?.message ?? 'exited'}`;
    return { exitCode: c?.exitCode ?? null, signal: c?.signal ?? null, lastWords: c?.lastWords ?? d?.lastWords ?? '', message, duringStartup: this.first === undefined };
  }
}

function refused(command: string, error: string): Exchange {
  return { command, output: '', startedAt: new Date().toISOString(), ms: 0, status: 'error', error };
}
