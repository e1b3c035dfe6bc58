// What a rule is matched against, from a report (or a saved log's report):
// titles, log text, types, culprit, stack, release, taint, trigger, the
// backend's warnings and version. Pure.
import type { Report } from '../report/model.js';
import { normaliseFunction } from '../report/signature.js';

export interface KnownFacts {
  titles: string[];
  log: string;
  types: string[];
  functions: string[];
  modules: string[];
  /** Function names of the crashing stack, innermost first. */
  frames: string[];
  release: string | null;
  /** Taint letters; "" = not tainted; null = unknown. */
  taint: string | null;
  triggers: string[];
  warnings: string[];
  backend: { name: string; version: string | null } | null;
}

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const uniq = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => x !== undefined))];

/** Function names of the Call Trace lines in a log text (`  func+0x1a/0x40 [mod]`). */
export function callTraceFunctions(log: string): string[] {
  const out: string[] = [];
  for (const line of log.split('\n')) {
    const m = /^(?:\[[^\]]*\]\s*)?\s*(?:\?\s+)?([A-Za-z_][\w.]*)\+0x[0-9a-f]+\/0x[0-9a-f]+/.exec(line);
    if (m?.[1] && !line.includes(' ? ')) out.push(normaliseFunction(m[1]));
  }
  return out;
}

export function factsFromReport(r: Report): KnownFacts {
  const oopses = r.oopses as unknown as Loose[];
  const trig = (r as unknown as Loose).trigger as Loose | string | null | undefined;
  const unwound = r.backtrace.flatMap((f) => [f.exception ?? undefined, f.function]).filter((x): x is string => !!x).map(normaliseFunction);
  const frames = unwound.length > 0 ? unwound : callTraceFunctions(r.log.excerpt);
  return {
    titles: uniq([r.signature.title, ...oopses.map((o) => str(o.title)), r.panic.message ?? undefined]),
    log: r.log.excerpt,
    types: uniq(oopses.flatMap((o) => [str(o.type), str(o.kind)])),
    functions: uniq([...oopses.map((o) => str(o.function)), ...r.signature.frames.slice(0, 1)]).map(normaliseFunction),
    modules: uniq(oopses.map((o) => str(o.module))),
    frames: uniq([]).concat(frames.filter((f) => f !== ''), r.signature.frames),
    release: r.kernel.release,
    taint: r.taint.letters,
    triggers: uniq([typeof trig === 'string' ? trig : str(trig?.kind)]),
    warnings: [...r.warnings],
    backend: r.generator.backend === 'none' ? null : { name: r.generator.backend, version: r.generator.backendVersion },
  };
}
