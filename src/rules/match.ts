// Does a rule match, and why (or why not): one verdict per condition, so
// `kdview rules test` can show each. Every condition a rule gives must hold.
import { inReleaseRange } from '../store/kernel-version.js';
import type { KnownFacts } from './facts.js';
import type { LoadedRule, Rule } from './schema.js';

export interface Verdict {
  condition: string;
  ok: boolean;
  detail: string;
}

export interface Explained {
  id: string;
  matched: boolean;
  verdicts: Verdict[];
}

/** What a report shows for a matched rule. */
export interface KnownMatch {
  id: string;
  summary: string;
  link: string;
  fixedIn: string | null;
  advice: string | null;
  /** The conditions that held, one line each. */
  because: string[];
  /** The rule file (and line) it came from. */
  source: string;
}

const quote = (s: string, n = 80) => JSON.stringify(s.length > n ? `${s.slice(0, n - 1)}…` : s);
const re = (s: string, flags = 'i') => new RegExp(s, flags);

function anyOf(condition: string, wanted: readonly string[], have: readonly string[]): Verdict {
  const hit = wanted.find((w) => have.includes(w));
  return { condition, ok: hit !== undefined, detail: hit !== undefined ? `${hit}` : `wanted ${wanted.join(' | ')}, have ${have.length > 0 ? have.join(', ') : 'none'}` };
}

/** Are `want` in this order (gaps allowed) within `have`? */
function inOrder(want: readonly string[], have: readonly string[]): boolean {
  let i = 0;
  for (const f of have) if (f === want[i]) i++;
  return i === want.length;
}

function regexOn(condition: string, pattern: string, texts: readonly string[], flags = 'i'): Verdict {
  const r = re(pattern, flags);
  const hit = texts.find((t) => r.test(t));
  if (hit === undefined) return { condition, ok: false, detail: `/${pattern}/ matches none of ${texts.length} ${condition === 'warning' ? 'warnings' : 'texts'}` };
  const m = r.exec(hit)?.[0] ?? hit;
  return { condition, ok: true, detail: `/${pattern}/ matched ${quote(m)}` };
}

export function explainRule(rule: Rule, f: KnownFacts): Explained {
  const m = rule.match;
  const v: Verdict[] = [];
  if (m.title !== undefined) v.push(regexOn('title', m.title, f.titles));
  if (m.log !== undefined) v.push(regexOn('log', m.log, [f.log], 'im'));
  if (m.type !== undefined) v.push(anyOf('type', m.type, f.types));
  if (m.function !== undefined) v.push(anyOf('function', m.function, f.functions));
  if (m.module !== undefined) v.push(anyOf('module', m.module, f.modules));
  if (m.frames !== undefined) {
    const ok = inOrder(m.frames, f.frames);
    v.push({ condition: 'frames', ok, detail: ok ? m.frames.join(' → ') : `${m.frames.join(' → ')} not in the stack (${f.frames.slice(0, 8).join(', ') || 'no frames'})` });
  }
  if (m.release !== undefined) {
    const span = `${m.release.from ?? ''}..${m.release.before ?? ''}`;
    const ok = f.release !== null && inReleaseRange(f.release, m.release);
    v.push({ condition: 'release', ok, detail: f.release === null ? `release unknown (wanted ${span})` : `${f.release} ${ok ? 'in' : 'not in'} ${span}` });
  }
  if (m.taint !== undefined) {
    const want = m.taint;
    const ok = f.taint !== null && (want === '' ? f.taint === '' : [...want].every((l) => f.taint!.includes(l)));
    v.push({ condition: 'taint', ok, detail: f.taint === null ? 'taint unknown' : `have "${f.taint}", wanted ${want === '' ? 'not tainted' : `"${want}"`}` });
  }
  if (m.trigger !== undefined) v.push(anyOf('trigger', m.trigger, f.triggers));
  if (m.warning !== undefined) v.push(regexOn('warning', m.warning, f.warnings));
  if (m.backend !== undefined) {
    const b = f.backend;
    const range = { from: m.backend.from, before: m.backend.before };
    let ok = b !== null && b.name === m.backend.name;
    if (ok && (range.from !== undefined || range.before !== undefined)) ok = b!.version !== null && inReleaseRange(b!.version, range);
    const want = `${m.backend.name}${range.from ? ` >= ${range.from}` : ''}${range.before ? ` < ${range.before}` : ''}`;
    v.push({ condition: 'backend', ok, detail: `${b ? `${b.name} ${b.version ?? '?'}` : 'no backend'}, wanted ${want}` });
  }
  return { id: rule.id, matched: v.length > 0 && v.every((x) => x.ok), verdicts: v };
}

export function matchRules(rules: readonly LoadedRule[], f: KnownFacts): KnownMatch[] {
  const out: KnownMatch[] = [];
  for (const rule of rules) {
    const e = explainRule(rule, f);
    if (!e.matched) continue;
    out.push({
      id: rule.id, summary: rule.summary, link: rule.link, fixedIn: rule.fixedIn ?? null, advice: rule.advice ?? null,
      because: e.verdicts.map((x) => `${x.condition}: ${x.detail}`), source: `${rule.file}:${rule.line}`,
    });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

