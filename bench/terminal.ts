// A terminal for the TUI bench: stdout is a TTY of fixed size that counts the
// bytes Ink writes, stdin a TTY the bench types into. Unlike
// ink-testing-library (debug mode, whole frames, no `rows`, so Ink spawns
// `tput` on every render to ask the size), Ink draws here exactly as in a
// real terminal: interactive, throttled to maxFps, incremental if asked.
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  bytes = 0;
  writes = 0;
  lastWriteAt = 0;
  private screen: string[][] = [];
  private row = 0;
  private col = 0;
  constructor(readonly columns: number, readonly rows: number) {
    super();
  }
  write = (chunk: string | Uint8Array, cb?: unknown): boolean => {
    const s = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    this.bytes += Buffer.byteLength(s);
    this.writes++;
    this.lastWriteAt = performance.now();
    this.apply(s);
    if (typeof cb === 'function') (cb as () => void)();
    return true;
  };
  /** The screen as text, one line per row. */
  plain(): string {
    return this.screen.map((cells) => (cells ?? []).join('').trimEnd()).join('\n');
  }

  /** The cursor moves and erasures Ink writes (CSI A B C D E F G H J K, SGR ignored). */
  private apply(s: string): void {
    const re = /\u001b\[([0-9;?]*)([A-Za-z])|\u001b[()][0-9A-B]|\u001b[=>78]|\n|\r|[^\u001b\n\r]+/g;
    for (const m of s.matchAll(re)) {
      const t = m[0];
      if (t === '\n') { this.row++; this.col = 0; continue; }
      if (t === '\r') { this.col = 0; continue; }
      if (m[2] === undefined) {
        if (t.startsWith('\u001b')) continue;
        const line = (this.screen[this.row] ??= []);
        for (const ch of t) line[this.col++] = ch;
        continue;
      }
      const n = Number(m[1]?.split(';')[0] || 1);
      const line = (this.screen[this.row] ??= []);
      switch (m[2]) {
        case 'A': this.row = Math.max(0, this.row - n); break;
        case 'B': this.row += n; break;
        case 'C': this.col += n; break;
        case 'D': this.col = Math.max(0, this.col - n); break;
        case 'E': this.row += n; this.col = 0; break;
        case 'F': this.row = Math.max(0, this.row - n); this.col = 0; break;
        case 'G': this.col = n - 1; break;
        case 'H': { const [r, c] = (m[1] ?? '').split(';'); this.row = Number(r || 1) - 1; this.col = Number(c || 1) - 1; break; }
        case 'K': line.length = Math.min(line.length, this.col); break;
        case 'J': if (m[1] === '2' || m[1] === '3') this.screen = []; else this.screen.length = this.row + 1; break;
        default: break;
      }
      if (this.row >= this.rows) this.row = this.rows - 1;
    }
  }
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  type(keys: string): void {
    this.data = keys;
    this.emit('readable');
    this.emit('data', keys);
  }
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}
