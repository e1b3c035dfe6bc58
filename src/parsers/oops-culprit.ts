// Picks the culprit frame of a crash report, per report type, from the part
// of the report kernel developers read it from: the faulting RIP/pc, KASAN's
// access stack (never Allocated/Freed by), lockdep's "at:" locations, the
// stalled CPU's interrupted stack, the hung task's stack past its blocking
// primitive, kmemleak's allocation backtrace.
import type { OopsType } from '../model/oops.js';
import { baseName, type Culprit, type Frame } from './oops-frames.js';
import { type Piece, type Scan, frames, sectionPieces } from './oops-sections.js';
import { isSkipped } from './oops-skip.js';
import { hungFrame, overflowFrame, stallFrame } from './oops-stall.js';

export { baseName } from './oops-frames.js';

/** True for functions that report, lock, copy or allocate rather than cause (the general skip list). */
export function isGeneric(fn: string): boolean {
  return isSkipped(baseName(fn));
}

export interface CulpritInput {
  otype: OopsType;
  scan: Scan;
  /** Function the header line names (WARNING ... at, KASAN ... in), if any. */
  headerFn?: string;
  /** Extra skip groups for this report (from its header or hint lines). */
  groups: string[];
}

export type { Culprit } from './oops-frames.js';

const good = (f: Frame | undefined, groups: readonly string[]): boolean =>
  f !== undefined && f.reliable && !f.inline && !isSkipped(baseName(f.function), groups);

function first(cands: readonly (Frame | undefined)[], groups: readonly string[]): Frame | undefined {
  for (const f of cands) if (good(f, groups)) return f;
  return undefined;
}

/** Frames of the first Call Trace, else (arm64 prints some stacks unlabelled) the frames right after the header. */
function callFrames(scan: Scan): Frame[] {
  const call = frames(sectionPieces(scan, 'call'));
  return call.length > 0 ? call : frames(sectionPieces(scan, 'head'));
}

/** The faulting pc: first kernel-mode RIP/pc line outside Allocated/Freed/NMI sections; then lr. */
function ripFrames(scan: Scan): (Frame | undefined)[] {
  let pc: Frame | undefined;
  let lr: Frame | undefined;
  for (const p of scan.pieces) {
    const sec = scan.sections[p.sec];
    if (sec === 'alloc' || sec === 'free' || sec === 'nmi' || sec === 'aux') continue;
    if (p.k !== 'rip' || p.user || p.f?.inline) continue;
    if (p.lr) lr ??= p.f;
    else if (pc === undefined && lr === undefined && p.f) pc = p.f;
  }
  return [pc, lr];
}

function fromRip(scan: Scan, groups: readonly string[], headerFn?: string): Frame | undefined {
  const head = headerFn !== undefined ? { function: headerFn, reliable: true } : undefined;
  return first([...ripFrames(scan), head, ...callFrames(scan)], groups);
}

function fromAt(scan: Scan, groups: readonly string[]): Frame | undefined {
  const ats = scan.pieces.filter((p): p is Extract<Piece, { k: 'at' }> => p.k === 'at' && p.f !== undefined && !p.f.inline).slice(0, 2).map((p) => p.f);
  const at = first(ats, groups);
  if (at) return at;
  const lastAt = scan.pieces.findIndex((p) => p.k === 'at');
  return first(frames(scan.pieces.slice(lastAt + 1)), groups);
}

/** The culprit frame of a report, by its type. */
export function findCulprit(inp: CulpritInput): Culprit {
  const { otype, scan, groups } = inp;
  const head = inp.headerFn !== undefined ? { function: inp.headerFn, reliable: true } : undefined;
  let f: Frame | undefined;
  switch (otype) {
    case 'kasan':
    case 'kmsan':
    case 'kfence': {
      const access = otype === 'kfence' ? frames(sectionPieces(scan, 'access')) : [];
      f = first([head, ...access, ...callFrames(scan)], groups);
      break;
    }
    case 'kcsan':
      f = head;
      break;
    case 'ubsan':
    case 'atomic-sleep':
    case 'scheduling-while-atomic':
    case 'preemptible-context':
    case 'suspicious-rcu':
    case 'non-static-key':
    case 'bad-page-state':
    case 'bad-page-map':
      f = first([...callFrames(scan), ...ripFrames(scan)], groups);
      break;
    case 'lockdep-circular':
    case 'lockdep-recursive':
    case 'lockdep-inconsistent':
      f = fromAt(scan, groups);
      break;
    case 'bad-unlock-balance':
    case 'held-lock-freed':
    case 'lock-held-return-user': {
      // Titled by the location lockdep names, as printed (it is where the lock was taken or released).
      const at = scan.pieces.find((p): p is Extract<Piece, { k: 'at' }> => p.k === 'at' && p.f !== undefined && !p.f.inline);
      f = at?.f ?? fromAt(scan, groups);
      break;
    }
    case 'workqueue-leaked-lock':
      f = head;
      break;

    case 'memory-leak':
      f = first(frames(sectionPieces(scan, 'backtrace')), groups);
      break;
    case 'soft-lockup':
    case 'rcu-stall':
      return stallFrame(scan, otype, groups);
    case 'stack-guard':
    case 'stack-overflow': {
      // As for stalls: the frame before the first dispatching anchor, else the first one kept.
      const c = overflowFrame(scan, otype, groups);
      if (c.frame) return c;
      f = fromRip(scan, groups, inp.headerFn);
      break;
    }
    case 'hung-task':
      return hungFrame(scan, groups);
    case 'workqueue-lockup':
    case 'netdev-unregister':
    case 'bad-rss-counter':
    case 'oom-kill':
    case 'oom-panic':
      return {};
    case 'panic':
      f = head ? first([head], groups) ?? first(callFrames(scan), groups) : first(callFrames(scan), groups);
      break;
    default:
      f = fromRip(scan, groups, inp.headerFn);
  }
  return f ? { frame: f } : { reason: 'no frame outside the reporting machinery' };
}
