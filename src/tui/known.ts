// Known issues for the TUI's Summary: the rules matched against what the panes
// already hold (oopses, sys, the crashing stack, the log around the first
// report, crash's start-up warnings). Computed once per change of those.
import { normaliseFunction } from '../report/signature.js';
import type { KnownFacts } from '../rules/facts.js';
import { matchRules, type KnownMatch } from '../rules/match.js';
import type { LoadedRule } from '../rules/schema.js';
import type { AppState } from './state.js';

export type KnownMatcher = (s: AppState) => KnownMatch[];

export function factsFromState(s: AppState): KnownFacts {
  const first = s.oopses[0];
  const log = s.log ?? [];
  const from = first ? Math.max(0, first.records.first - 20) : Math.max(0, log.length - 60);
  const to = first ? Math.min(log.length, first.records.last + 40) : log.length;
  const frames = (s.panicTask?.frames ?? []).flatMap((f) => [f.exception?.rip?.split(/[+\s]/)[0], f.function]).filter((x): x is string => !!x);
  const version = /\d+(?:\.\d+)+/.exec(s.backendVersion ?? '')?.[0] ?? null;
  return {
    titles: [...new Set([...s.oopses.map((o) => o.title), ...(s.sys?.panic ? [s.sys.panic] : []), ...s.oopses.flatMap((o) => (o.panic ? [o.panic] : []))])],
    log: log.slice(from, to).map((r) => r.text).join('\n'),
    types: [...new Set(s.oopses.flatMap((o) => [o.kind, o.type]))],
    functions: s.oopses.flatMap((o) => (o.function ? [normaliseFunction(o.function)] : [])),
    modules: s.oopses.flatMap((o) => (o.module ? [o.module] : [])),
    frames: (frames.length > 0 ? frames : (first?.trace ?? [])).map(normaliseFunction).filter((f) => f !== ''),
    release: s.sys?.release ?? null,
    taint: first?.tainted ?? null,
    triggers: s.oopses.flatMap((o) => (o.trigger ? [o.trigger.kind] : [])),
    warnings: [...s.warnings],
    backend: s.mode === 'log' ? null : { name: s.backendName, version },
  };
}

/** A matcher that recomputes only when the models it reads changed. */
export function knownMatcher(rules: readonly LoadedRule[]): KnownMatcher {
  let key: unknown[] = [];
  let last: KnownMatch[] = [];
  return (s) => {
    const now = [s.oopses, s.sys, s.panicTask, s.log, s.warnings, s.backendVersion];
    if (now.length === key.length && now.every((x, i) => x === key[i])) return last;
    key = now;
    last = rules.length === 0 ? [] : matchRules(rules, factsFromState(s));
    return last;
  };
}
