// What the app needs of a running backend; CrashClient and DrgnClient both fit.
import type { Exchange } from '../model/exchange.js';
import type { ClientEvents, ClientState, ExitInfo, RunOptions, StartupInfo } from './crash-client.js';

export interface BackendClient {
  readonly state: ClientState;
  readonly pid: number | undefined;
  readonly exited: ExitInfo | undefined;
  ready(): Promise<StartupInfo>;
  run(command: string, opts?: RunOptions): Promise<Exchange>;
  cancel(): boolean;
  clearQueue(): void;
  quit(graceMs?: number): Promise<void>;
  kill(): void;
  on<K extends keyof ClientEvents>(name: K, fn: (e: ClientEvents[K]) => void): () => void;
}
