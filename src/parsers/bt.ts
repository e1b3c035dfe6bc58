// Parser for crash `bt` in its common forms: `bt`, `bt PID`, `bt -a`,
// `foreach bt`, with -s/-sx (offsets), -l (source lines), -f/-F (stack words).
import type { Backtrace, BacktraceTask, ExceptionFrame, Frame } from '../model/backtrace.js';
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import { readFileLine, readFrame, readRegisters, readStackSwitch, isStackWords } from './bt-lines.js';
import { diag, skipSpaces, splitLines, splitSymbol } from './lines.js';
import { readTaskHeader } from './task-header.js';

type Last = 'header' | 'frame' | 'exception' | 'registers';

export function parseBt(text: string): Parsed<Backtrace> {
  const tasks: BacktraceTask[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = splitLines(text);
  let cur: BacktraceTask | undefined;
  let frame: Frame | undefined;
  let exc: ExceptionFrame | undefined;
  let last: Last = 'header';
  let pendingSwitch: string | undefined;

  const note = (t: string): void => {
    if (cur) (cur.notes ??= []).push(t);
  };

  for (let n = 0; n < lines.length; n++) {
    const s = lines[n] as string;
    const i = skipSpaces(s, 0);
    if (i === s.length) continue;
    const c = s.charCodeAt(i);

    if (c === 35 /* # */) {
      const f = readFrame(s, i);
      if (f && cur) {
        if (pendingSwitch !== undefined) {
          f.stackSwitch = pendingSwitch;
          pendingSwitch = undefined;
        }
        cur.frames.push(f);
        frame = f;
        exc = undefined;
        last = 'frame';
        continue;
      }
      diagnostics.push(diag(n + 1, f ? 'frame outside a task block' : 'unreadable frame line', s));
      continue;
    }
    if (c === 80 /* P */ && s.startsWith('PID:', i)) {
      const h = readTaskHeader(s, i);
      if (h) {
        cur = { pid: h.pid, task: h.task } as BacktraceTask;
        if (h.cpu !== undefined) cur.cpu = h.cpu;
        cur.command = h.command;
        cur.frames = [];
        cur.line = n + 1;
        tasks.push(cur);
        frame = undefined;
        exc = undefined;
        last = 'header';
        pendingSwitch = undefined;
        continue;
      }
      diagnostics.push(diag(n + 1, 'unreadable task header', s));
      continue;
    }
    if (c === 91 /* [ */ && s.startsWith('[exception RIP: ', i)) {
      const close = s.lastIndexOf(']');
      const rip = s.slice(i + 16, close > i ? close : s.length);
      const sym = splitSymbol(rip);
      exc = { rip, function: sym.function } as ExceptionFrame;
      if (sym.offset !== undefined) exc.offset = sym.offset;
      exc.registers = {};
      if (frame) frame.exception = exc;
      else note(s.trim());
      last = 'exception';
      continue;
    }
    if (c === 45 /* - */) {
      const label = readStackSwitch(s.trim());
      if (label !== undefined) {
        if (pendingSwitch !== undefined) note(`--- <${pendingSwitch}> ---`);
        pendingSwitch = label;
        continue;
      }
    }
    if (i > 0 && c >= 65 && c <= 90) {
      const regs: Record<string, string> = {};
      if (readRegisters(s, i, regs)) {
        if (last !== 'exception' && last !== 'registers') {
          exc = { registers: {} };
          if (frame) frame.exception = exc;
          else note('registers before any frame');
        }
        if (exc) Object.assign(exc.registers, regs);
        last = 'registers';
        continue;
      }
    }
    if (i > 0 && frame && isStackWords(s, i)) {
      (frame.extra ??= []).push(s.trim());
      continue;
    }
    if (i > 0 && (frame || exc)) {
      const fl = readFileLine(s, i);
      if (fl) {
        const target = (last === 'exception' || last === 'registers') && exc?.rip !== undefined ? exc : frame;
        if (target && target.file === undefined) {
          target.file = fl.file;
          target.line = fl.line;
          continue;
        }
      }
    }
    const t = s.trim();
    if (cur && (t.startsWith('bt: ') || t.startsWith('WARNING: ') || t.startsWith('(') || t.startsWith('NOTE: '))) {
      note(t);
      continue;
    }
    diagnostics.push(diag(n + 1, cur ? 'unrecognised line in a backtrace' : 'line before any task header', s, t.startsWith('bt: ') ? 'error' : 'warning'));
  }
  if (pendingSwitch !== undefined) note(`--- <${pendingSwitch}> ---`);
  return { value: { tasks }, diagnostics };
}
