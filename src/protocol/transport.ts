/**
 * The one interface between kdview and a running backend program (crash or
 * drgn under a pty, or a recorded session). Only src/backend/ implements it.
 */
export interface TransportExit {
  exitCode: number | null;
  signal: number | null;
}

export interface Transport {
  /** Process id of the backend, when there is a live process. */
  readonly pid: number | undefined;
  write(data: string): void;
  onData(listener: (chunk: string) => void): void;
  onExit(listener: (exit: TransportExit) => void): void;
  /** Ends the backend process (SIGTERM, then SIGKILL after a grace period). */
  kill(): void;
}
