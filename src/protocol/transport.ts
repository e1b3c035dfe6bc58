/**
 * The one interface between kdview and a running backend program (crash or
 * drgn under a pty, or a recorded session). Only src/backend/ implements it.
 */
export interface TransportExit {
  exitCode: number | null;
  signal: number | null;
}

/**
 * Private files a backend can write a command's output to instead of the pty
 * (crash's own `cmd > FILE`): large outputs then skip the terminal's line
 * discipline and crash writes them fully buffered. Only a live crash offers it.
 */
export interface BulkFiles {
  /**
   * A fresh path for one command's output, in a private (0700) folder, made of
   * `[A-Za-z0-9/._-]` only: crash reads it as one word after `>`. Undefined
   * when no such folder can be made (the command then goes through the pty).
   */
  path(seq: number): string | undefined;
  /** Whether crash created the file. */
  exists(path: string): boolean;
  /** The file's text, and the file removed; undefined when crash did not create it. */
  take(path: string): string | undefined;
  /** What the file holds so far (a stuck or dead backend's partial output). */
  peek(path: string): string | undefined;
}

export interface Transport {
  /** Process id of the backend, when there is a live process. */
  readonly pid: number | undefined;
  /** Files for bulk output, when this transport offers them. */
  readonly bulk?: BulkFiles;
  write(data: string): void;
  onData(listener: (chunk: string) => void): void;
  onExit(listener: (exit: TransportExit) => void): void;
  /** Ends the backend process (SIGTERM, then SIGKILL after a grace period). */
  kill(): void;
}
