// Pure framing of a drgn session running kdview's helper (python/kdview_drgn.py):
// raw pty text in, readiness and finished exchanges out. No I/O, no timers.
//
// The helper turns the tty's echo off and answers each request line between
// `@@KDV_B<seq>_<nonce>@@` and `@@KDV_E<seq>_<nonce>@@ {status}` lines. Text
// outside the frame of the running request (late stderr, a stale answer) is
// ignored. Requests are sent as JSON with `@` and non-ASCII escaped, so even
// an echo of what was typed can never contain a marker.
import { cleanTerminalText } from '../text/clean.js';

export interface DrgnHelperInfo {
  protocol?: number;
  /** drgn's version, e.g. "0.0.22". */
  drgn?: string;
  python?: string;
  /** drgn helpers this drgn release lacks (`module.name`); requests needing them answer with an error. */
  missing?: string[];
}

export interface DrgnStatus {
  status: 'ok' | 'error' | 'cancelled';
  /** The exception line, e.g. "NameError: name 'x' is not defined". */
  error?: string;
  /** The snippet called exit(): drgn ends after this answer. */
  exiting?: boolean;
}

export type DrgnFramerEvent =
  | { type: 'progress'; message: string }
  | { type: 'ready'; startup: string; info: DrgnHelperInfo }
  | { type: 'output'; seq: number; bytes: number }
  | { type: 'done'; seq: number; output: string; status: DrgnStatus; cancelled: boolean };

export const KDVIEW_PREFIX = 'kdview:';

export function drgnMarker(nonce: string, tag: string): string {
  return `@@KDV_${tag}_${nonce}@@`;
}

/** JSON with `@`, DEL and everything non-ASCII as \u escapes: printable ASCII only. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[@\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The request line for a command: `kdview:NAME ARGS...` asks the helper for
 * JSON; anything else is a Python snippet run like drgn's console would.
 */
export function encodeRequest(seq: number, command: string): string {
  const t = command.trim();
  if (t.startsWith(KDVIEW_PREFIX)) {
    const [req = '', ...args] = t.slice(KDVIEW_PREFIX.length).trim().split(/\s+/);
    return `${asciiJson({ seq, op: 'kdview', req, args })}\n`;
  }
  return `${asciiJson({ seq, op: 'py', code: command })}\n`;
}

type Phase = 'startup' | 'idle' | 'running';

interface Running {
  seq: number;
  begin: string;
  end: string;
  began: boolean;
  cancelled: boolean;
  bytes: number;
}

export class DrgnFramer {
  private buf = '';
  private phase: Phase = 'startup';
  private running: Running | undefined;
  private searchFrom = 0;
  private startupLines = 0;

  constructor(private readonly nonce: string) {}

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

  /**
   * Starts a request; returns the text to write to the pty. Text already
   * buffered is kept (a replayed stream can run ahead): call feed('') after.
   */
  send(seq: number, command: string): string {
    if (this.phase !== 'idle') throw new Error(`drgn framer: cannot send while ${this.phase}`);
    const tag = (t: string) => drgnMarker(this.nonce, `${t}${seq}`);
    this.running = { seq, begin: tag('B'), end: tag('E'), began: false, cancelled: false, bytes: 0 };
    this.phase = 'running';
    this.searchFrom = 0;
    return encodeRequest(seq, command);
  }

  /**
   * Ctrl-C (SIGINT: KeyboardInterrupt in the running code) plus a line naming
   * the request, so the helper can tell a Ctrl-C that came before the code
   * started from a stale one that crossed an earlier answer.
   */
  cancel(): string {
    if (!this.running) return '';
    this.running.cancelled = true;
    return `\x03${asciiJson({ op: 'cancel', seq: this.running.seq })}\n`;
  }

  /** The line that makes the helper (and drgn) exit. */
  quit(): string {
    return '{"op":"quit"}\n';
  }

  feed(chunk: string): DrgnFramerEvent[] {
    this.buf += chunk;
    const events: DrgnFramerEvent[] = [];
    if (this.phase === 'startup') this.feedStartup(events);
    else if (this.phase === 'running') this.feedRunning(chunk.length, events);
    else if (this.buf.length > 64 * 1024) this.buf = this.buf.slice(-16 * 1024);
    return events;
  }

  /** Where `marker` is (at or after `from`, -1 if not yet) and where its line ends (-1 if not yet). */
  private findLine(marker: string, from: number): { at: number; eol: number } {
    const at = this.buf.indexOf(marker, from);
    return { at, eol: at < 0 ? -1 : this.buf.indexOf('\n', at) };
  }

  private feedStartup(events: DrgnFramerEvent[]): void {
    const lines = this.buf.split('\n');
    for (; this.startupLines < lines.length - 1; this.startupLines++) {
      const line = cleanTerminalText(lines[this.startupLines] ?? '').trim();
      if (/download/i.test(line)) events.push({ type: 'progress', message: line });
    }
    const hit = this.findLine(drgnMarker(this.nonce, 'READY'), 0);
    if (hit.eol < 0) return;
    let info: DrgnHelperInfo = {};
    try {
      info = JSON.parse(this.buf.slice(hit.at).slice(drgnMarker(this.nonce, 'READY').length, hit.eol - hit.at)) as DrgnHelperInfo;
    } catch {
      // an unreadable info line: the helper still answers requests
    }
    const startup = cleanTerminalText(this.buf.slice(0, hit.at)).replace(/^\n+/, '').trimEnd();
    events.push({ type: 'ready', startup, info });
    this.buf = this.buf.slice(hit.eol + 1);
    this.phase = 'idle';
  }

  private feedRunning(added: number, events: DrgnFramerEvent[]): void {
    const r = this.running;
    if (!r) return;
    if (!r.began) {
      const hit = this.findLine(r.begin, 0);
      if (hit.eol < 0) return;
      r.began = true;
      this.buf = this.buf.slice(hit.eol + 1);
      this.searchFrom = 0;
      added = this.buf.length;
    }
    r.bytes += added;
    if (added === 0) return;
    const hit = this.findLine(r.end, this.searchFrom);
    if (hit.eol < 0) {
      this.searchFrom = hit.at >= 0 ? hit.at : Math.max(0, this.buf.length - r.end.length);
      events.push({ type: 'output', seq: r.seq, bytes: r.bytes });
      return;
    }
    let status: DrgnStatus = { status: 'error', error: 'unreadable status from kdview_drgn.py' };
    try {
      status = JSON.parse(this.buf.slice(hit.at + r.end.length, hit.eol)) as DrgnStatus;
    } catch {
      // keep the error status
    }
    const output = cleanTerminalText(this.buf.slice(0, hit.at)).replace(/\n+$/, '');
    events.push({ type: 'done', seq: r.seq, output, status, cancelled: r.cancelled });
    this.buf = this.buf.slice(hit.eol + 1);
    this.running = undefined;
    this.phase = 'idle';
  }
}
