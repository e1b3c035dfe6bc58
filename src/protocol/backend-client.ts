// What the app needs of a running backend; CrashClient, DrgnClient and
// ReplayClient all fit. The types they share live here.
import type { Exchange } from '../model/exchange.js';

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

export type ClientState = 'starting' | 'ready' | 'busy' | 'stuck' | 'dead';

export interface StartupInfo {
  /** Everything the backend printed before it was ready, cleaned. */
  text: string;
  warnings: string[];
  ms: number;
}

export interface ExitInfo {
  exitCode: number | null;
  signal: number | null;
  /** The last lines the backend printed. */
  lastWords: string;
  /** The line that best says why (the backend's own message). */
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
