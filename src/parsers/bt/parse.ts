// Parser for crash `bt` in its common forms: `bt`, `bt PID`, `bt -a`,
// `foreach bt`, with -s/-sx (offsets), -l (source lines), -f/-F (stack words).
// Frames and registers each have a fast reader for the common layout and a
// reference reader for everything else (*-fast.ts, *-reference.ts); so do task
// headers (../task-header.ts, shared with ps -m and runq).
// Clean text is read in place, through a window of its char codes
// (text-window.ts); text with CRs or ANSI escapes is cleaned first.
import type { Backtrace, BacktraceTask, ExceptionFrame, Frame } from '../../model/backtrace.js';
import type { Diagnostic, Parsed } from '../../model/diagnostic.js';
import type { Codes } from '../codes.js';
import { cleanText, diag, scanCleanLines } from '../lines.js';
import { readTaskHeader } from '../task-header.js';
import { TextWindow } from '../text-window.js';
import { FrameCache } from './frame-cache.js';
import { readFrame } from './frame-fast.js';
import { symbolEnd, symbolOffset } from './frame-reference.js';
import { isStackWords, readFileLine, readStackSwitch } from './lines.js';
import { readRegisters } from './registers-fast.js';
import { registerMap } from './registers-reference.js';

type Last = 'header' | 'frame' | 'exception' | 'registers';

/** Placeholder register map of an exception frame whose register lines are still being read. */
const PENDING: Record<string, string> = Object.freeze({}) as Record<string, string>;

class BtReader {
  readonly tasks: BacktraceTask[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private cur: BacktraceTask | undefined;
  private frame: Frame | undefined;
  private exc: ExceptionFrame | undefined;
  private last: Last = 'header';
  private pendingSwitch: string | undefined;
  /** Line number of the last note, so indented detail lines can follow it. */
  private noted = -2;
  /** Frames read so far, by the text after their stack pointer. */
  private readonly frames = new FrameCache();
  /** Register name/value pairs of the block being read, for this.exc. */
  private pairs: string[] = [];

  /** A stack-switch marker with no frame after it is kept as a note of its task. */
  private flushSwitch(): void {
    if (this.pendingSwitch !== undefined && this.cur) (this.cur.notes ??= []).push(`--- <${this.pendingSwitch}> ---`);
    this.pendingSwitch = undefined;
  }

  private note(t: string, n = -2): void {
    this.flushSwitch();
    if (this.cur) (this.cur.notes ??= []).push(t);
    this.noted = n;
  }

  end(): void {
    this.flushRegisters();
    this.flushSwitch();
  }

  /** Ends a register block: its pairs become the exception's register map. */
  private flushRegisters(): void {
    const exc = this.exc;
    if (exc && exc.registers === PENDING) exc.registers = registerMap(this.pairs);
    // A new array rather than emptying this one: a young array takes young strings without write-barrier work.
    if (this.pairs.length > 0) this.pairs = [];
  }

  constructor(private readonly window: TextWindow) {}

  /** Reads the line s[start, end) as line number n; s is the window's text. */
  line(s: string, start: number, end: number, n: number): void {
    const w = this.window;
    w.cover(start, end);
    const codes = w.codes;
    const o = w.base;
    let i = start;
    while (codes[i - o] === 32 || codes[i - o] === 9) i++;
    if (i >= end) return;
    const c = codes[i - o] as number;
    const cur = this.cur;
    const indented = i > start;
    if (indented && c >= 65 && c <= 90 && c !== 80 /* P */ && this.registers(s, codes, o, i, end)) return;
    if (this.exc?.registers === PENDING) this.flushRegisters();
    if (c === 35 /* # */) {
      const f = readFrame(s, codes, o, i, end, this.frames);
      if (f && cur) {
        if (this.pendingSwitch !== undefined) {
          f.stackSwitch = this.pendingSwitch;
          this.pendingSwitch = undefined;
        }
        cur.frames.push(f);
        this.frame = f;
        this.exc = undefined;
        this.last = 'frame';
        return;
      }
      this.diagnostics.push(diag(n, f ? 'frame outside a task block' : 'unreadable frame line', s.slice(start, end)));
      return;
    }
    if (c === 80 /* P */ && s.startsWith('PID:', i)) {
      const h = readTaskHeader(s, i, end);
      if (h) {
        this.flushSwitch();
        const t: BacktraceTask = h.cpu === undefined
          ? { pid: h.pid, task: h.task, command: h.command, frames: [], line: n }
          : { pid: h.pid, task: h.task, cpu: h.cpu, command: h.command, frames: [], line: n };
        this.tasks.push(t);
        this.cur = t;
        this.frame = this.exc = undefined;
        this.last = 'header';
        return;
      }
      this.diagnostics.push(diag(n, 'unreadable task header', s.slice(start, end)));
      return;
    }
    if (indented && c === 80 && this.registers(s, codes, o, i, end)) return;
    if (this.exc?.registers === PENDING) this.flushRegisters();
    this.other(s.slice(start, end), i - start, n);
  }

  private registers(s: string, codes: Codes, o: number, i: number, end: number): boolean {
    const continues = this.last === 'exception' || this.last === 'registers';
    if (!continues) this.flushRegisters();
    if (!readRegisters(s, codes, o, i, end, this.pairs)) return false;
    if (!continues) {
      this.exc = { registers: PENDING };
      if (this.frame) this.frame.exception = this.exc;
      else this.note('registers before any frame');
    }
    this.last = 'registers';
    return true;
  }

  /** The less common lines: exception headers, markers, stack words, sources, notes. */
  private other(s: string, i: number, n: number): void {
    const t = s.trim();
    if (t.startsWith('[exception RIP: ')) {
      const close = t.lastIndexOf(']');
      const rip = t.slice(16, close > 16 ? close : t.length);
      const fe = symbolEnd(rip, 0, rip.length);
      const exc = { rip, function: rip.slice(0, fe) } as ExceptionFrame;
      if (fe < rip.length) exc.offset = symbolOffset(rip, fe, rip.length);
      exc.registers = PENDING;
      this.exc = exc;
      if (this.frame) this.frame.exception = exc;
      else this.note(t);
      this.last = 'exception';
      return;
    }
    const label = t.charCodeAt(0) === 45 ? readStackSwitch(t) : undefined;
    if (label !== undefined) {
      this.flushSwitch();
      this.pendingSwitch = label;
      return;
    }
    if (i > 0 && this.frame && isStackWords(s, i, s.length)) {
      (this.frame.extra ??= []).push(t);
      return;
    }
    if (i > 0 && (this.frame || this.exc)) {
      const fl = readFileLine(s, i, s.length);
      const target = (this.last === 'exception' || this.last === 'registers') && this.exc?.rip !== undefined ? this.exc : this.frame;
      if (fl && target && target.file === undefined) {
        target.file = fl.file;
        target.line = fl.line;
        return;
      }
    }
    // crash messages, and the indented detail lines that follow them
    if (this.cur && (t.startsWith('bt: ') || t.startsWith('WARNING: ') || t.startsWith('(') || t.startsWith('NOTE: ') || (i > 0 && this.noted === n - 1))) {
      this.note(t, n);
      return;
    }
    if (t.startsWith('bt: ') || t.startsWith('foreach: ')) this.diagnostics.push(diag(n, t, s, 'error'));
    else this.diagnostics.push(diag(n, this.cur ? 'unrecognised line in a backtrace' : 'line before any task header', s));
  }
}

export function parseBt(text: string): Parsed<Backtrace> {
  const clean = cleanText(text);
  const r = new BtReader(new TextWindow(clean));
  scanCleanLines(clean, r);
  r.end();
  return { value: { tasks: r.tasks }, diagnostics: r.diagnostics };
}
