// Known-issue rules for a run: loaded once (shipped, the user's, --rules),
// problems printed as `file:line: message` warnings, matches put on reports.
import { factsFromReport } from '../rules/facts.js';
import { loadRules, problemText, ruleDirs } from '../rules/load.js';
import { matchRules } from '../rules/match.js';
import type { LoadedRule } from '../rules/schema.js';
import type { Report } from '../report/model.js';

/** `--rules DIR` as commander gives it: absent, one value, or several. */
export function rulesFlag(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
}

export async function loadRunRules(extra: readonly string[], warn: (m: string) => void): Promise<LoadedRule[]> {
  const set = await loadRules(ruleDirs(extra));
  for (const p of set.problems) warn(`known-issue rules: ${problemText(p)}`);
  return set.rules;
}

/** Sets `report.known` from the rules. */
export function annotateKnown(report: Report, rules: readonly LoadedRule[]): void {
  report.known = matchRules(rules, factsFromReport(report));
}
