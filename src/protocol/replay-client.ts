// A backend that answers from a recording, at the exchange level: used to
// replay drgn sessions (crash sessions replay through ReplayTransport, which
// exercises the whole crash protocol).
import type { Exchange } from '../model/exchange.js';
import type { BackendClient } from './backend-client.js';
import type { ClientEvents, ClientState, ExitInfo, StartupInfo } from './crash-client.js';
import { Emitter } from './emitter.js';

export interface RecordedSession {
  startup?: { text: string; warnings: string[]; ms: number };
  exchanges: ReadonlyArray<Pick<Exchange, 'command' | 'output' | 'status' | 'error'>>;
}

const normalize = (c: string) => c.trim().replace(/[ \t]+/g, ' ');

export class ReplayClient extends Emitter<ClientEvents> implements BackendClient {
  readonly pid = undefined;
  private _state: ClientState = 'ready';
  private _exited: ExitInfo | undefined;
  private readonly answers = new Map<string, Pick<Exchange, 'output' | 'status' | 'error'>>();

  constructor(private readonly session: RecordedSession) {
    super();
    for (const e of session.exchanges) {
      const prev = this.answers.get(normalize(e.command));
      if (!prev || e.status === 'ok' || e.status === 'error' || prev.status === 'timeout' || prev.status === 'cancelled')
        this.answers.set(normalize(e.command), e);
    }
  }

  get state(): ClientState {
    return this._state;
  }

  get exited(): ExitInfo | undefined {
    return this._exited;
  }

  ready(): Promise<StartupInfo> {
    const s = this.session.startup;
    return Promise.resolve({ text: s?.text ?? '', warnings: s?.warnings ?? [], ms: s?.ms ?? 0 });
  }

  run(command: string): Promise<Exchange> {
    const a = this.answers.get(normalize(command));
    const ex: Exchange = a
      ? { command, output: a.output, startedAt: new Date().toISOString(), ms: 0, status: a.status, ...(a.error ? { error: a.error } : {}) }
      : {
          command,
          output: '',
          startedAt: new Date().toISOString(),
          ms: 0,
          status: 'error',
          error: `not in this recording: ${command} (this is a replay; recorded commands: ${this.answers.size})`,
        };
    queueMicrotask(() => this.emit('exchange', ex));
    return Promise.resolve(ex);
  }

  cancel(): boolean {
    return false;
  }

  clearQueue(): void {}

  async quit(): Promise<void> {
    this.kill();
  }

  kill(): void {
    if (this._exited) return;
    this._exited = { exitCode: 0, signal: null, lastWords: '', message: 'replay closed', duringStartup: false };
    this._state = 'dead';
    this.emit('exit', this._exited);
  }
}
