// Agreement of kdview's oops parser with kernel developers' titles on the
// fixtures/oops corpus: for each case, the report that led to the dump is
// compared with the hand-checked type, title, culprit function, corrupted
// flag and trigger. `npm run bench` reports it per type and overall.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Oops } from '../src/model/oops.js';
import { analyzeOopsText } from '../src/parsers/index.js';

export const OOPS_CORPUS = join(process.cwd(), 'fixtures', 'oops');

export interface CorpusExpect {
  type: string;
  title: string;
  function: string | null;
  corrupted: boolean;
  trigger: { kind: string; detail: string } | null;
  arch?: string;
  source?: string;
}

export interface CaseResult {
  id: string;
  want: CorpusExpect;
  got: { type: string | null; title: string | null; altTitles: string[]; function: string | null; corrupted: boolean | null; trigger: string | null };
  type: boolean;
  title: boolean;
  /** The title or one of the alternative titles matches. */
  titleOrAlt: boolean;
  function: boolean;
  corrupted: boolean;
  /** Null when the case gives no trigger. */
  trigger: boolean | null;
}

/** Every `<id>.txt` with its `<id>.json` under dir, sorted by id. */
export function corpusIds(dir = OOPS_CORPUS): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.txt') && existsSync(join(dir, f.replace(/\.txt$/, '.json'))))
    .map((f) => f.replace(/\.txt$/, '')).sort();
}

export function runCase(id: string, dir = OOPS_CORPUS): CaseResult {
  const want = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as CorpusExpect;
  const a = analyzeOopsText(readFileSync(join(dir, `${id}.txt`), 'utf8')).value;
  const o: Oops | undefined = a.primary !== null ? a.oopses[a.primary] : a.oopses[0];
  const got = {
    type: o?.type ?? null, title: o?.title ?? null, altTitles: o?.altTitles ?? [], function: o?.function ?? null,
    corrupted: o?.corrupted ?? null, trigger: a.trigger?.kind ?? null,
  };
  return {
    id, want, got,
    type: got.type === want.type,
    title: got.title === want.title,
    titleOrAlt: got.title === want.title || got.altTitles.includes(want.title),
    function: got.function === (want.function ?? null),
    corrupted: got.corrupted === want.corrupted,
    trigger: want.trigger ? got.trigger === want.trigger.kind : null,
  };
}

interface Tally { cases: number; type: number; title: number; titleOrAlt: number; function: number; corrupted: number; trigger: number; triggerCases: number }

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

function summarise(t: Tally): Record<string, number | null> {
  return {
    cases: t.cases, function: ratio(t.function, t.cases), title: ratio(t.title, t.cases), titleOrAlt: ratio(t.titleOrAlt, t.cases),
    type: ratio(t.type, t.cases), corrupted: ratio(t.corrupted, t.cases), trigger: ratio(t.trigger, t.triggerCases), triggerCases: t.triggerCases,
  };
}

/** Agreement per expected type and overall, with the disagreeing cases. */
export function oopsAgreement(dir = OOPS_CORPUS): { overall: Record<string, number | null>; byType: Record<string, Record<string, number | null>>; misses: { id: string; field: string; want: unknown; got: unknown }[] } {
  const byType = new Map<string, Tally>();
  const all: Tally = { cases: 0, type: 0, title: 0, titleOrAlt: 0, function: 0, corrupted: 0, trigger: 0, triggerCases: 0 };
  const misses: { id: string; field: string; want: unknown; got: unknown }[] = [];
  for (const id of corpusIds(dir)) {
    const r = runCase(id, dir);
    const t = byType.get(r.want.type) ?? { cases: 0, type: 0, title: 0, titleOrAlt: 0, function: 0, corrupted: 0, trigger: 0, triggerCases: 0 };
    byType.set(r.want.type, t);
    for (const x of [t, all]) {
      x.cases++;
      if (r.type) x.type++;
      if (r.title) x.title++;
      if (r.titleOrAlt) x.titleOrAlt++;
      if (r.function) x.function++;
      if (r.corrupted) x.corrupted++;
      if (r.trigger !== null) {
        x.triggerCases++;
        if (r.trigger) x.trigger++;
      }
    }
    if (!r.function) misses.push({ id, field: 'function', want: r.want.function, got: r.got.function });
    if (!r.title) misses.push({ id, field: 'title', want: r.want.title, got: r.got.title });
  }
  return { overall: summarise(all), byType: Object.fromEntries([...byType].sort().map(([k, v]) => [k, summarise(v)])), misses };
}

/** The bench row: agreement figures (no timing). */
export function benchOopsAgreement(): { overall: Record<string, number | null>; byType: Record<string, Record<string, number | null>>; misses: number } {
  const a = oopsAgreement();
  return { overall: a.overall, byType: a.byType, misses: a.misses.length };
}

// `node dist/bench/oops-agreement.js [--misses]`: the figures (and what disagrees) without the timing benches.
if (process.argv[1]?.endsWith('oops-agreement.js')) {
  const a = oopsAgreement();
  if (process.argv.includes('--misses')) for (const m of a.misses) console.log(`${m.id}  ${m.field}: want ${JSON.stringify(m.want)} got ${JSON.stringify(m.got)}`);
  console.log(JSON.stringify({ overall: a.overall, byType: a.byType }, null, 1));
}
