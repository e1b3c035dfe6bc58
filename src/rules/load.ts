// Loads rule files: the shipped set, ~/.config/kdview/known-issues/ and
// `--rules DIR`. Every problem names the file and line. A later folder's rule
// replaces a shipped one with the same id; the same id twice in one folder
// is an error.
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { RuleFileSchema, type LoadedRule } from './schema.js';

export interface RuleProblem {
  file: string;
  line: number;
  message: string;
}

export function problemText(p: RuleProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

/** The shipped rules, next to the package (`known-issues/` at its root). */
export function shippedRulesDir(): string {
  return fileURLToPath(new URL('../../../known-issues/', import.meta.url));
}

/** `$XDG_CONFIG_HOME/kdview/known-issues` (default ~/.config/kdview/known-issues). */
export function userRulesDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const cfg = env.XDG_CONFIG_HOME;
  return join(cfg !== undefined && isAbsolute(cfg) ? cfg : join(home, '.config'), 'kdview', 'known-issues');
}

/** Parses and validates one rule file's text. */
export function parseRuleFile(file: string, text: string): { rules: LoadedRule[]; problems: RuleProblem[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : counter.linePos(offset).line);
  if (doc.errors.length > 0) {
    const all = doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line ?? lineAt(e.pos[0]), message: `YAML: ${e.message.split('\n')[0]}` }));
    return { rules: [], problems: all.filter((p, i) => all.findIndex((q) => q.line === p.line && q.message === p.message) === i) };
  }
  const parsed = RuleFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      // The deepest node that exists on the issue's path gives the line.
      let node: unknown;
      for (let n = i.path.length; n >= 0 && !isNode(node); n--) node = doc.getIn(i.path.slice(0, n) as (string | number)[], true);
      const offset = isNode(node) ? node.range?.[0] : undefined;
      const where = i.path.length > 0 ? `${i.path.join('.')}: ` : '';
      return { file, line: lineAt(offset), message: `${where}${i.message}` };
    });
    return { rules: [], problems };
  }
  const rules = parsed.data.rules.map((r, k) => {
    const node = doc.getIn(['rules', k], true);
    return { ...r, file, line: lineAt(isNode(node) ? node.range?.[0] : undefined) };
  });
  return { rules, problems: [] };
}

/** The rule files of a folder (or the file itself), sorted by name. */
async function ruleFiles(path: string): Promise<string[]> {
  const st = await stat(path).catch(() => undefined);
  if (!st) return [];
  if (st.isFile()) return [path];
  const names = (await readdir(path)).filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.')).sort();
  return names.map((n) => join(path, n));
}

export interface RuleSet {
  rules: LoadedRule[];
  problems: RuleProblem[];
}

/** Loads the folders in order; a missing folder has no rules. */
export async function loadRules(dirs: readonly string[]): Promise<RuleSet> {
  const byId = new Map<string, LoadedRule>();
  const problems: RuleProblem[] = [];
  for (const dir of dirs) {
    const seen = new Map<string, LoadedRule>();
    for (const file of await ruleFiles(resolve(dir))) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        problems.push({ file, line: 1, message: (err as Error).message });
        continue;
      }
      const r = parseRuleFile(file, text);
      problems.push(...r.problems);
      for (const rule of r.rules) {
        const twin = seen.get(rule.id);
        if (twin) {
          problems.push({ file, line: rule.line, message: `rule id '${rule.id}' is already used at ${basename(twin.file)}:${twin.line}` });
          continue;
        }
        seen.set(rule.id, rule);
        byId.set(rule.id, rule);
      }
    }
  }
  return { rules: [...byId.values()], problems };
}

/** The folders a run reads: shipped, the user's, then each `--rules DIR`. */
export function ruleDirs(extra: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): string[] {
  return [shippedRulesDir(), userRulesDir(env), ...extra];
}
