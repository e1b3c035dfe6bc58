// Pure framing of a crash session: raw pty text in, start-up progress,
// readiness and finished exchanges out. No I/O and no timers here.
import { cleanTerminalText } from '../text/clean.js';
import { cleanExchangeOutput } from './exchange-text.js';
import { makeSentinel, type Sentinel } from './sentinel.js';
import { TextBuffer } from './text-buffer.js';

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
  /** Raw text since the last boundary, kept as chunks: joined once per frame, never per chunk. */
  private readonly buf = new TextBuffer();
  private phase: Phase = 'startup';
  private running: Running | undefined;
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
    return this.buf.text();
  }

  /** Starts a command; returns the text to write to the pty. */
  send(seq: number, command: string): string {
    if (this.phase !== 'idle') throw new Error(`framer: cannot send while ${this.phase}`);
    const sentinel = makeSentinel(this.nonce, `E${seq}`);
    this.running = { seq, command, sentinels: [sentinel], cancelled: false, bytes: 0 };
    this.phase = 'running';
    this.buf.reset();
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
    this.buf.push(chunk);
    const events: FramerEvent[] = [];
    if (this.phase === 'startup') this.feedStartup(events);
    else if (this.phase === 'running') this.feedRunning(chunk, events);
    if (this.phase === 'settling' && this.endsWithPrompt()) {
      this.buf.reset();
      this.phase = 'idle';
    }
    return events;
  }

  private endsWithPrompt(): boolean {
    const tail = this.buf.tail(this.prompt.length + 1);
    return tail === this.prompt || tail.endsWith(`\n${this.prompt}`);
  }

  /** Start-up text is small (a banner and progress lines): it is read whole. */
  private feedStartup(events: FramerEvent[]): void {
    const text = this.buf.text();
    PROGRESS.lastIndex = this.progressFrom;
    for (let m = PROGRESS.exec(text); m; m = PROGRESS.exec(text)) {
      events.push({ type: 'progress', message: m[1] ?? '' });
      this.progressFrom = PROGRESS.lastIndex;
    }
    if (!this.endsWithPrompt()) return;
    const startup = cleanTerminalText(text.slice(0, text.length - this.prompt.length));
    events.push({ type: 'ready', startup: startup.replace(/^\n+/, '').trimEnd() });
    this.buf.reset();
    this.phase = 'idle';
  }

  private feedRunning(chunk: string, events: FramerEvent[]): void {
    const r = this.running;
    if (!r) return;
    r.bytes += chunk.length;
    const last = r.sentinels[r.sentinels.length - 1];
    if (!last) return;
    const found = this.buf.find(last.printed);
    if (found === undefined) {
      events.push({ type: 'output', seq: r.seq, bytes: r.bytes });
      return;
    }
    const text = this.buf.text();
    const eol = text.indexOf('\n', found);
    if (eol < 0) return;
    let raw = text.slice(0, found);
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
    this.buf.reset(text.slice(eol + 1));
    this.running = undefined;
    this.phase = 'settling';
  }
}
