// A report, as the fleet database records it. Fields another part of
// kdview may add to the report later (an oops `type`, the `trigger`, a hang's
// root blocker) are read when present and stored as null otherwise.
import type { Report } from '../report/model.js';
import { dumpKeyOf, type FleetRecord } from './record.js';

/** What the dump's own headers say (`inspectDump`), when they could be read. */
export interface DumpFacts {
  buildId?: string;
  /** ISO crash time. */
  date?: string;
  hostname?: string;
  release?: string;
}

/** Machine-check and EDAC lines: a hint that the hardware, not the kernel, is at fault. */
export const HARDWARE_LINE = /\bmce: \[Hardware Error\]|Machine check events logged|\bMCE\b.*\b(?:error|exception|bank)|EDAC .*(?:\bCE\b|\bUE\b|error)|Hardware Error|Fatal machine check/i;

type Loose = Record<string, unknown>;

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The first oops, or the one a later kdview marked as leading to the dump. */
function primary(r: Report): Loose | undefined {
  const oopses = r.oopses as unknown as Loose[];
  return oopses.find((o) => o.primary === true || o.led === true) ?? oopses.find((o) => o.kind !== 'warning' && o.kind !== 'lockdep') ?? oopses[0];
}

function trigger(r: Report): string | null {
  const t = (r as unknown as Loose).trigger as Loose | string | undefined | null;
  if (typeof t === 'string') return t;
  return t ? text(t.kind) : null;
}

/** The root blocker of the biggest hang ("145 compactor"), when the report's wait-for graph found one. */
export function hangBlocker(r: Report): string | null {
  const withRoot = r.hangs.filter((h) => h.root !== null);
  const top = withRoot.reduce<(typeof withRoot)[number] | undefined>((a, h) => (!a || h.blocked > a.blocked ? h : a), undefined);
  return top?.root ? `${top.root.pid} ${top.root.comm}` : null;
}

export function hardwareName(r: Report): string | null {
  const m = /Hardware name: ([^\n]+)/.exec(r.log.excerpt);
  return m?.[1]?.trim() ?? null;
}

export function hasHardwareErrors(r: Report): boolean {
  return HARDWARE_LINE.test(r.log.excerpt) || r.oopses.some((o) => HARDWARE_LINE.test(o.message)) || HARDWARE_LINE.test(r.panic.message ?? '');
}

export function recordFromReport(r: Report, o: { reportPath: string | null; dump?: DumpFacts; known?: readonly string[]; now?: string }): FleetRecord {
  const p = primary(r);
  const dumpDate = o.dump?.date ?? null;
  return {
    dumpKey: dumpKeyOf(r.input.dump, dumpDate),
    signature: r.signature.hash,
    title: r.signature.title,
    type: text(p?.type) ?? text(p?.kind),
    trigger: trigger(r),
    culpritFunction: text(p?.function),
    culpritModule: text(p?.module),
    release: r.kernel.release ?? o.dump?.release ?? null,
    buildId: o.dump?.buildId ?? null,
    host: r.kernel.nodename ?? o.dump?.hostname ?? null,
    hardware: hardwareName(r),
    dumpDate,
    dumpPath: r.input.dump,
    reportPath: o.reportPath,
    taint: r.taint.letters,
    hangBlocker: hangBlocker(r),
    kdviewVersion: r.generator.version,
    recordedAt: o.now ?? new Date().toISOString(),
    mce: hasHardwareErrors(r),
    known: [...(o.known ?? [])],
  };
}
