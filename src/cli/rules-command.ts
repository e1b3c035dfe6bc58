// `kdview rules test FILE DUMP|LOG|REPORT.json`: why each rule of FILE does or
// does not match, condition by condition. `kdview rules check [PATH...]`:
// validate rule files (default: every folder a run reads). `kdview rules list`.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { inspectDump } from '../inspect/dump-info.js';
import { CliError, EXIT } from '../model/user-error.js';
import { ReportSchema, type Report } from '../report/model.js';
import { factsFromReport } from '../rules/facts.js';
import { loadRules, problemText, ruleDirs } from '../rules/load.js';
import { explainRule } from '../rules/match.js';
import { plain } from '../report/fleet-text.js';
import type { ReportIo } from './report-command.js';

/** A kdview JSON report as is, else a dump (triaged through crash or drgn), else a saved kernel log. */
async function targetReport(target: string, o: { backend?: string; vmlinux?: string }, io: ReportIo): Promise<Report> {
  const text = await readFile(target, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new CliError(`rules test: '${target}': no such file`);
    if (err.code === 'EISDIR') return undefined; // a dump folder: the saved log
    return undefined; // binary or huge: a dump
  });
  if (text !== undefined && text.trimStart().startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const r = ReportSchema.safeParse(json);
    if (r.success) return r.data;
  }
  const info = await inspectDump(resolve(target)).catch(() => undefined);
  if (info && info.format !== 'unknown' && info.problem === undefined) {
    const { resolveVmlinux } = await import('../core/resolve-vmlinux.js');
    const { chooseBackend } = await import('../core/open-backend.js');
    const { produceReport } = await import('./report-command.js');
    const say = (l: string) => void io.stderr.write(`kdview: ${l}\n`);
    const vmlinux = await resolveVmlinux(target, { vmlinux: o.vmlinux, say });
    return produceReport(vmlinux, target, { backend: chooseBackend(o.backend), script: [], record: false, warn: say });
  }
  const { logOnlyReport } = await import('./report-command.js');
  return logOnlyReport(target);
}

export async function runRulesTest(file: string, target: string, o: { backend?: string; vmlinux?: string; json?: boolean }, io: ReportIo): Promise<number> {
  const set = await loadRules([file]);
  if (set.problems.length > 0) throw new CliError(set.problems.map(problemText).join('\n'));
  if (set.rules.length === 0) throw new CliError(`rules test: '${file}' has no rules (.yml/.yaml files with a rules: list)`);
  const report = await targetReport(target, o, io);
  const facts = factsFromReport(report);
  const results = set.rules.map((r) => ({ rule: r, ...explainRule(r, facts) }));
  if (o.json) {
    io.stdout.write(`${JSON.stringify({ target, signature: report.signature, facts, results: results.map(({ rule, ...x }) => ({ ...x, file: `${rule.file}:${rule.line}` })) }, null, 2)}\n`);
  } else {
    const out = [`${plain(target)}: ${plain(report.signature.title)} [${report.signature.hash}]`];
    for (const r of results) {
      out.push('', `${r.matched ? 'MATCH   ' : 'NO MATCH'} ${r.id}  (${plain(r.rule.file)}:${r.rule.line})`);
      for (const v of r.verdicts) out.push(`  ${v.ok ? 'yes' : 'no '}  ${v.condition.padEnd(9)} ${plain(v.detail, 160)}`);
    }
    io.stdout.write(`${out.join('\n')}\n`);
  }
  return results.some((r) => r.matched) ? EXIT.ok : EXIT.failed;
}

export async function runRulesCheck(paths: readonly string[], extra: readonly string[], io: ReportIo): Promise<number> {
  const dirs = paths.length > 0 ? paths : ruleDirs(extra);
  const set = await loadRules(dirs);
  for (const p of set.problems) io.stderr.write(`kdview: ${problemText(p)}\n`);
  io.stdout.write(`${set.rules.length} rules valid${set.problems.length > 0 ? `, ${set.problems.length} problems` : ''} (${dirs.join(', ')})\n`);
  return set.problems.length > 0 ? EXIT.badInput : EXIT.ok;
}

export async function runRulesList(extra: readonly string[], json: boolean, io: ReportIo): Promise<number> {
  const set = await loadRules(ruleDirs(extra));
  for (const p of set.problems) io.stderr.write(`kdview: ${problemText(p)}\n`);
  if (json) io.stdout.write(`${JSON.stringify(set.rules, null, 2)}\n`);
  else for (const r of set.rules) io.stdout.write(`${r.id.padEnd(36)} ${r.fixedIn ? `fixed in ${r.fixedIn.split(' (')[0]}` : ''}\n    ${r.summary.slice(0, 110)}\n    ${r.link}\n`);
  return EXIT.ok;
}
