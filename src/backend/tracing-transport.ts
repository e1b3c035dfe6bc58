// Wraps a Transport and keeps every chunk in both directions, in order:
// used to record raw protocol fixtures and for KDVIEW_TRACE debugging.
import type { Transport, TransportExit } from '../protocol/transport.js';

export type TraceEntry = { dir: 'in'; data: string } | { dir: 'out'; data: string };

export class TracingTransport implements Transport {
  readonly trace: TraceEntry[] = [];

  constructor(private readonly inner: Transport) {
    inner.onData((d) => this.trace.push({ dir: 'in', data: d }));
  }

  get pid(): number | undefined {
    return this.inner.pid;
  }

  write(data: string): void {
    this.trace.push({ dir: 'out', data });
    this.inner.write(data);
  }

  onData(listener: (chunk: string) => void): void {
    this.inner.onData(listener);
  }

  onExit(listener: (e: TransportExit) => void): void {
    this.inner.onExit(listener);
  }

  kill(): void {
    this.inner.kill();
  }
}
