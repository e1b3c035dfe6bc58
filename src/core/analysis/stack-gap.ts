// crash's unwind of the crashing task can skip frames drgn finds: crash 8.0.2
// on a hung-task panic goes from `panic` straight to `watchdog.cold`, where
// drgn shows `check_hung_uninterruptible_tasks` between them (an inlined
// function; drgn reads inline frames from the debug info). When every frame
// crash named is in drgn's stack, in order, and drgn has more between them,
// drgn's stack is the fuller one. Pure.
import { isUnnamed } from './short-stacks.js';

/** The frames kexec's own path puts on top: crash names machine_kexec, drgn crash_setup_regs. */
const KEXEC_TOP = new Set(['machine_kexec', 'crash_setup_regs']);
// Frames drgn could not name (0.0.22 without a module's debug info, a user-space address) are left out too.
const named = (fns: readonly string[]) => fns.filter((f) => f !== '' && !KEXEC_TOP.has(f) && !isUnnamed(f));

/** Where drgn's stack holds frames between two of crash's that crash skipped: why drgn's is fuller, else undefined. */
export function drgnFillsGap(crash: readonly string[], drgn: readonly string[]): string | undefined {
  const c = named(crash);
  const d = named(drgn);
  if (c.length < 2 || d.length <= c.length) return undefined;
  // crash's frames must be drgn's, in order: a subsequence, found greedily.
  const at: number[] = [];
  let j = 0;
  for (const f of c) {
    while (j < d.length && d[j] !== f) j++;
    if (j === d.length) return undefined;
    at.push(j++);
  }
  const skipped: string[] = [];
  let where = '';
  for (let i = 1; i < at.length; i++) {
    const gap = d.slice(at[i - 1]! + 1, at[i]);
    if (gap.length === 0) continue;
    skipped.push(...gap);
    where ||= ` between ${c[i - 1]} and ${c[i]}`;
  }
  if (skipped.length === 0) return undefined; // drgn's extra frames are only above or below crash's
  const shown = skipped.slice(0, 3).join(', ') + (skipped.length > 3 ? ` and ${skipped.length - 3} more` : '');
  return `crash's unwind skips ${shown}${where}; drgn's stack has every frame crash named and ${skipped.length} more between them`;
}
