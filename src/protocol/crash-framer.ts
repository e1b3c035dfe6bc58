// Pure framing of a crash session: raw pty text in, start-up progress,
// readiness and finished exchanges out. No I/O and no timers here.
import { cleanTerminalText } from '../text/clean.js';
import { cleanExchangeOutput } from './exchange-text.js';
import { makeSentinel, type Sentinel } from './sentinel.js';

export type FramerEvent =
  | { type: 'progress'; message: string }
  | { type: 'ready'; startup: string }
  | { type: 'output'; seq: number; bytes: number }
  | { type: 'done'; seq: number; output: string; cancelled: boolean };

type Phase = 'startup' | 'idle' | 'running' | 'settling';

interface Running {
  seq: number;
  command: string;
  sentinels: Sentinel[];
  cancelled: boolean;
  bytes: number;
}

const PROGRESS = /please wait\.\.\. \(([^)\r\n]*)\)/g;

export class CrashFramer {
  private buf = '';
  private phase: Phase = 'startup';
  private running: Running | undefined;
  private searchFrom = 0;
  private progressFrom = 0;

  constructor(
    private readonly nonce: string,
    readonly prompt = 'crash> ',
  ) {}

  get isIdle(): boolean {
    return this.phase === 'idle';
  }

  get currentSeq(): number | undefined {
    return this.running?.seq;
  }

  /** Raw text received since the last boundary (for last words on exit). */
  get pending(): string {
    return this.buf;
  }

  /** Starts a command; returns the text to write to the pty. */
  send(seq: number, command: string): string {
    if (this.phase !== 'idle') throw new Error(`framer: cannot send while ${this.phase}`);
    const sentinel = makeSentinel(this.nonce, `E${seq}`);
    this.running = { seq, command, sentinels: [sentinel], cancelled: false, bytes: 0 };
    this.phase = 'running';
    this.buf = '';
    this.searchFrom = 0;
    return `${command}\n${sentinel.typed}\n`;
  }

  /**
   * Cancels the running command: Ctrl-C, then a fresh sentinel (the tty may
   * flush the one typed ahead). Returns the text to write.
   */
  cancel(): string {
    const r = this.running;
    if (!r || this.phase !== 'running') return '';
    const sentinel = makeSentinel(this.nonce, `C${r.seq}x${r.sentinels.length}`);
    r.sentinels.push(sentinel);
    r.cancelled = true;
    return `\x03${sentinel.typed}\n`;
  }

  feed(chunk: string): FramerEvent[] {
    this.buf += chunk;
    const events: FramerEvent[] = [];
    if (this.phase === 'startup') this.feedStartup(events);
    else if (this.phase === 'running') this.feedRunning(chunk, events);
    if (this.phase === 'settling' && this.endsWithPrompt()) {
      this.buf = '';
      this.phase = 'idle';
    }
    return events;
  }

  private endsWithPrompt(): boolean {
    return this.buf === this.prompt || this.buf.endsWith(`\n${this.prompt}`);
  }

  private feedStartup(events: FramerEvent[]): void {
    PROGRESS.lastIndex = this.progressFrom;
    for (let m = PROGRESS.exec(this.buf); m; m = PROGRESS.exec(this.buf)) {
      events.push({ type: 'progress', message: m[1] ?? '' });
      this.progressFrom = PROGRESS.lastIndex;
    }
    if (!this.endsWithPrompt()) return;
    const startup = cleanTerminalText(this.buf.slice(0, this.buf.length - this.prompt.length));
    events.push({ type: 'ready', startup: startup.replace(/^\n+/, '').trimEnd() });
    this.buf = '';
    this.phase = 'idle';
  }

  private feedRunning(chunk: string, events: FramerEvent[]): void {
    const r = this.running;
    if (!r) return;
    r.bytes += chunk.length;
    const last = r.sentinels[r.sentinels.length - 1];
    if (!last) return;
    const at = this.buf.indexOf(last.printed, this.searchFrom);
    if (at < 0) {
      this.searchFrom = Math.max(0, this.buf.length - last.printed.length);
      events.push({ type: 'output', seq: r.seq, bytes: r.bytes });
      return;
    }
    const eol = this.buf.indexOf('\n', at);
    if (eol < 0) {
      this.searchFrom = at;
      return;
    }
    let raw = this.buf.slice(0, at);
    // A sentinel typed before a cancel may have survived: drop its printed line too.
    for (const s of r.sentinels) raw = raw.split(`${s.printed}\r\n`).join('');
    const output = cleanExchangeOutput(
      raw,
      r.command,
      r.sentinels.map((s) => s.typed),
      this.prompt,
      r.cancelled,
    );
    events.push({ type: 'done', seq: r.seq, output, cancelled: r.cancelled });
    this.buf = this.buf.slice(eol + 1);
    this.running = undefined;
    this.phase = 'settling';
  }
}
