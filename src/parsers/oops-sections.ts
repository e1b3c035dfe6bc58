// Splits the lines of one crash report into the pieces the culprit rules
// read: stack sections (Call Trace, Allocated by, Freed by, lockdep chains,
// NMI backtraces, kmemleak backtrace, KCSAN accesses), their frames, RIP/pc
// lines, <IRQ>-style markers and lockdep's "at:" locations.
import { type Frame, readFrame, readRipLine } from './oops-frames.js';

export type Section = 'head' | 'call' | 'alloc' | 'free' | 'aux' | 'backtrace' | 'chain' | 'access' | 'nmi' | 'task';

export type Piece =
  | { k: 'frame'; f: Frame; sec: number }
  | { k: 'rip'; f: Frame | undefined; lr: boolean; user: boolean; text: string; sec: number }
  | { k: 'at'; f: Frame | undefined; sec: number; line: string }
  | { k: 'marker'; m: string; sec: number }
  | { k: 'text'; t: string; sec: number };

export interface Scan {
  pieces: Piece[];
  /** Section kind by section number (pieces carry the number). */
  sections: Section[];
}

const LABELS: [RegExp, Section][] = [
  [/^Call [Tt]race:/, 'call'],
  [/^Backtrace:/, 'call'],
  [/^(?:Allocated|allocated) by task \d+|^Allocated:$|^Allocation stack/, 'alloc'],
  [/^(?:Freed|freed) by task \d+|^Freed:$|^Free stack/, 'free'],
  [/^(?:Last|Second to last) (?:potentially related work creation|call_rcu\(\))|^The buggy address|^Memory state around|^Uninit was (?:stored|created)|^Local variable .* created at:|^Showing all locks held|^Showing busy workqueues|RCU grace-period kthread stack dump|^Sending NMI from CPU|^other info that might help|^stack backtrace:|^Mem abort info:|^Data abort info:/, 'aux'],
  [/^backtrace(?: \(crc [0-9a-f]+\))?:$/, 'backtrace'],
  [/^-> #\d+ /, 'chain'],
  [/^(?:read|write)(?:-write)?(?: \(marked\))?(?:-write)? to 0x[0-9a-f]+ of \d+ bytes by |^race at unknown origin|^(?:Out-of-bounds|Use-after-free|Invalid|Corrupted memory) .*(?:at|of) 0x[0-9a-f]+.*:$/, 'access'],
  [/^NMI backtrace for cpu \d+/, 'nmi'],
  [/^task:\S+\s+state:/, 'task'],
];

const MARKER = /^<\/?(?:IRQ|NMI|TASK|EOI|SOFTIRQ|#DF|DF|MCE|VC|DB)>$/;
const AT = /(?:^|, | )at: ?(.*)$/;

export function scanReport(lines: readonly string[]): Scan {
  const pieces: Piece[] = [];
  const sections: Section[] = ['head'];
  let sec = 0;
  let atNext = false;
  for (const raw of lines) {
    const t = raw.trim();
    if (t === '') continue;
    let label: Section | undefined;
    for (const [re, s] of LABELS) {
      if (re.test(t)) {
        label = s;
        break;
      }
    }
    if (label !== undefined && !(label === 'call' && sections[sec] === 'nmi' && !hasFrames(pieces, sec))) {
      sections.push(label);
      sec = sections.length - 1;
      if (label !== 'call' && label !== 'backtrace') {
        pieces.push({ k: 'text', t, sec });
        continue;
      }
    }
    if (label !== undefined) continue;
    if (MARKER.test(t)) {
      pieces.push({ k: 'marker', m: t, sec });
      continue;
    }
    const rip = readRipLine(t);
    if (rip) {
      pieces.push({ k: 'rip', f: rip.frame, lr: rip.lr, user: rip.user, text: rip.text, sec });
      continue;
    }
    const at = AT.exec(t);
    if (at && !t.startsWith('WARNING:') && !/^CPU: /.test(t)) {
      const rest = (at[1] ?? '').trim();
      const f = rest === '' ? undefined : readFrame(rest);
      if (f) pieces.push({ k: 'at', f, sec, line: t });
      else if (rest === '') atNext = true;
      continue;
    }
    const f = readFrame(t);
    if (f) {
      // "... at:" names its location on the next line; symbolized inline lines come before the real function.
      if (atNext && !f.inline) pieces.push({ k: 'at', f, sec, line: t });
      else pieces.push({ k: 'frame', f, sec });
      if (!f.inline) atNext = false;
      continue;
    }
    atNext = false;
    pieces.push({ k: 'text', t, sec });
  }
  return { pieces, sections };
}

function hasFrames(pieces: readonly Piece[], sec: number): boolean {
  for (let i = pieces.length - 1; i >= 0; i--) {
    const p = pieces[i] as Piece;
    if (p.sec !== sec) return false;
    if (p.k === 'frame') return true;
  }
  return false;
}

/** Reliable, non-inline frames of the pieces; the `?` ones when a stack has nothing else (some unwinders mark every frame). */
export function frames(pieces: readonly Piece[]): Frame[] {
  const out: Frame[] = [];
  for (const p of pieces) if (p.k === 'frame' && p.f.reliable && !p.f.inline) out.push(p.f);
  if (out.length > 0) return out;
  for (const p of pieces) if (p.k === 'frame' && !p.f.inline) out.push({ ...p.f, reliable: true });
  return out;
}

/** The pieces of the first section of kind s (at or after section `from`). */
export function sectionPieces(scan: Scan, s: Section, from = 0): Piece[] {
  const n = scan.sections.findIndex((x, i) => i >= from && x === s);
  if (n === -1) return [];
  return scan.pieces.filter((p) => p.sec === n);
}
