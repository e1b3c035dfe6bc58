// Where crash's unwind of a task stops short: crash 8.0.2 ends at the
// scheduler for a task sleeping inside a module (flusher on `bug`), where
// drgn follows the whole chain. The report and the TUI (`--backend both`)
// then take drgn's stack and say why. Pure and UI-free.
import type { Frame } from '../../model/backtrace.js';

/** The last frame of an unwind that ended at the scheduler. */
const STOPPED = /^(__)?schedule$/;
/** A frame drgn could not name (drgn 0.0.22 without a module's debug info unwinds into garbage). */
const UNNAMED = /^0x[0-9a-f]*$/i;

export interface FullerStack {
  /** drgn's frames, inline ones left out, up to the first it could not name. */
  frames: Frame[];
  /** Why drgn's stack is taken, e.g. "crash's unwind stops at schedule after 2 frames; drgn unwinds 9". */
  why: string;
}

/** Whether drgn could not name this function (a bare address). */
export function isUnnamed(fn: string): boolean {
  return UNNAMED.test(fn);
}

/** The index of the first frame drgn could not name, or -1. */
export function firstUnnamed(frames: readonly Frame[]): number {
  return frames.findIndex((f) => isUnnamed(f.function));
}

/** Whether crash's unwind (function names, innermost first) ends at the scheduler. */
export function stopsAtScheduler(crash: readonly string[]): boolean {
  return crash.length > 0 && STOPPED.test(crash[crash.length - 1] ?? '');
}

/** drgn's stack of the same task when crash's stops at the scheduler with fewer frames; otherwise undefined. */
export function fullerStack(crash: readonly string[], drgn: readonly Frame[]): FullerStack | undefined {
  if (!stopsAtScheduler(crash)) return undefined;
  const all = drgn.filter((f) => !f.inline);
  const cut = firstUnnamed(all);
  const frames = cut < 0 ? all : all.slice(0, cut);
  if (frames.length <= crash.length) return undefined;
  const last = crash[crash.length - 1] ?? '';
  const named = cut < 0 ? '' : ' before a frame it cannot name';
  const n = crash.length;
  return { frames, why: `crash's unwind stops at ${last} after ${n} frame${n === 1 ? '' : 's'}; drgn unwinds ${frames.length}${named}` };
}
