// `kdview report VMLINUX DUMP [--format md|json|html] [-o FILE] [--script FILE] [--timeout SEC]`
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CliError, EXIT } from '../model/user-error.js';
import type { Report } from '../report/model.js';
import { parseTimeout, scriptCommands } from './batch.js';
import { stderrProgress } from './progress.js';
import { chooseEngines } from '../core/open-both.js';
import type { TriageRun } from '../core/triage-run.js';
import type { Merged } from '../core/both-merge.js';
import { kdviewVersion } from './version.js';
import type { FleetStore } from '../store/store.js';
import { annotateSeen, dumpFacts, openRunStore, recordReport } from './fleet-record.js';
import { annotateKnown, loadRunRules, rulesFlag } from './known-rules.js';
import type { LoadedRule } from '../rules/schema.js';
import type { CrashClient } from '../protocol/crash-client.js';

export interface ReportOptions {
  backend?: string;
  format?: string;
  output?: string;
  script?: string;
  timeout?: string;
  sessionsDir?: string;
  record?: boolean;
  db?: string;
  /** `--rules DIR`, repeatable: more known-issue rule folders. */
  rules?: string | string[];
  /** crash started already on these VMLINUX and DUMP (report-early.ts). */
  early?: CrashClient;
}

export interface ReportIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export type ReportFormat = 'md' | 'json' | 'html';

export function parseFormat(value: string | undefined): ReportFormat {
  const v = (value ?? 'md').toLowerCase();
  if (v === 'md' || v === 'markdown') return 'md';
  if (v === 'json' || v === 'html') return v;
  throw new CliError(`--format '${value}': expected md, json or html`);
}

/**
 * The parsers, the report builder, the renderers and zod, loaded while crash
 * loads the dump (seconds) instead of before crash starts.
 */
function loadReportModules() {
  return Promise.all([
    import('../report/build.js'),
    import('../report/json.js'),
    import('../report/markdown.js'),
    import('../report/html.js'),
  ]).then(([build, json, markdown, html]) => ({ ...build, ...json, ...markdown, ...html }));
}

export async function renderReport(r: Report, format: ReportFormat): Promise<string> {
  const m = await loadReportModules();
  return format === 'json' ? m.renderJson(r) : format === 'html' ? m.renderHtml(r) : m.renderMarkdown(r);
}

/** Writes a file atomically (temporary file, then rename), 0600: reports hold kernel memory contents. */
export async function writeOutput(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(tmp, text, { mode: 0o600, flag: 'wx' });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new CliError(`cannot write '${path}': ${(err as Error).message}`);
  }
}

export async function readScript(path: string | undefined): Promise<string[]> {
  if (path === undefined) return [];
  try {
    return scriptCommands(await readFile(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`script '${path}': ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

export interface ProduceOptions {
  backend?: 'crash' | 'drgn' | 'both';
  script: readonly string[];
  timeoutMs?: number;
  sessionsDir?: string;
  record: boolean;
  warn: (message: string) => void;
  onProgress?: (message: string) => void;
  /** The fleet database: "seen before" comes from it. */
  store?: FleetStore;
  /** Known-issue rules to match. */
  rules?: readonly LoadedRule[];
  /** crash started already on these VMLINUX and DUMP (crash alone or both engines). */
  early?: CrashClient;
}

type ReportModules = Awaited<ReturnType<typeof loadReportModules>>;

/** The report from a triage run's models (the core session parsed them: the same models and recovery as the TUI). */
async function reportOf(run: TriageRun, m: ReportModules, merged?: Merged): Promise<Report> {
  const { triageModels } = await import('../core/report-models.js');
  const models = merged?.models ?? run.models;
  return m.buildReportFrom(triageModels(models, merged?.tasksFromDrgn ? 'drgn' : run.backend), {
    hangs: models.hangs,
    steps: run.steps,
    script: run.script,
    mode: run.mode,
    generator: { version: kdviewVersion(), backend: run.backend, backendVersion: run.version ?? null },
    input: { vmlinux: run.inputs.vmlinux, dump: run.inputs.dump },
    release: run.release,
    warnings: run.warnings,
  });
}

/** Both engines: crash's report with what crash could not give from drgn, the cross-check and drgn's stacks where crash's stop short. */
async function bothReport(vmlinux: string, dump: string, o: ProduceOptions, modules: Promise<ReportModules>): Promise<Report> {
  const [{ runBothTriage }, { mergeBoth }, { bothCrossCheck, completeShortStacks, fillCrashingGap }] = await Promise.all([
    import('../core/triage-both.js'),
    import('../core/both-merge.js'),
    import('./report-both.js'),
  ]);
  const both = await runBothTriage(vmlinux, dump, { ...o, kdview: kdviewVersion() });
  let report: Report;
  if (both.crash && both.drgn) {
    const merged = mergeBoth(both.crash.models, both.drgn.models);
    report = await reportOf(both.crash, await modules, merged);
    report.crossCheck = bothCrossCheck(both.crash, both.drgn);
    completeShortStacks(report, both.drgn);
    fillCrashingGap(report, both.drgn);
    report.warnings.push(...merged.notes);
  } else report = await reportOf((both.crash ?? both.drgn)!, await modules);
  report.warnings.push(...both.warnings);
  return report;
}

/** Runs the triage on one dump and builds its report, with "seen before" from the signature log. */
export async function produceReport(vmlinux: string, dump: string, o: ProduceOptions): Promise<Report> {
  const modules = loadReportModules();
  modules.catch(() => undefined);
  let report: Report;
  if (o.backend === 'both') report = await bothReport(vmlinux, dump, o, modules);
  else {
    const { runTriage } = await import('../core/triage-run.js');
    report = await reportOf(await runTriage(o.backend ?? 'crash', vmlinux, dump, { ...o, kdview: kdviewVersion() }), await modules);
  }
  annotateKnown(report, o.rules ?? []);
  await annotateSeen(o.store, report, await dumpFacts(report.input.dump), o.warn);
  return report;
}

export async function runReport(vmlinux: string, dump: string, opts: ReportOptions, io: ReportIo): Promise<number> {
  const format = parseFormat(opts.format);
  const timeoutMs = parseTimeout(opts.timeout);
  const script = await readScript(opts.script);
  const progress = stderrProgress(`kdview: report on ${basename(dump)}`);
  // Warnings and the final line never share a line with the progress line.
  const warn = (m: string) => progress.around(() => void io.stderr.write(`kdview: ${m}\n`));
  const rules = await loadRunRules(rulesFlag(opts.rules), warn);
  const store = await openRunStore(opts, warn);
  let report: Report;
  try {
    report = await produceReport(vmlinux, dump, {
      backend: chooseEngines(opts.backend),
      script,
      timeoutMs,
      sessionsDir: opts.sessionsDir,
      record: opts.record !== false,
      warn,
      onProgress: (m) => progress.update(m),
      store,
      rules,
      early: opts.early,
    });
    progress.done();
    const text = await renderReport(report, format);
    const toFile = opts.output !== undefined && opts.output !== '-';
    if (toFile) {
      await writeOutput(opts.output!, text);
      warn(`wrote ${opts.output}: ${report.signature.title} [${report.signature.hash}]${report.complete ? '' : ' (partial report)'}`);
    } else io.stdout.write(text);
    await recordReport(store, report, { reportPath: toFile ? opts.output! : null, facts: await dumpFacts(report.input.dump), record: opts.record }, warn);
  } finally {
    progress.done();
    await store?.close();
  }
  return report.complete ? EXIT.ok : EXIT.partial;
}

/** `kdview report --log FILE`: the report a saved kernel log alone allows (exit 3: partial by nature). */
/** The report a saved kernel log alone allows (`report --log`, `rules test FILE LOG`). */
export async function logOnlyReport(target: string): Promise<Report> {
  const { loadSavedLog } = await import('../core/saved-log.js');
  const saved = await loadSavedLog(target);
  const { buildReportFrom } = await import('../report/build.js');
  const release = saved.records.map((r) => /^Linux version (\S+)/.exec(r.text)?.[1]).find((x) => x !== undefined);
  return buildReportFrom(
    { sys: {}, crashing: undefined, records: saved.records, tasks: [], taskSource: 'none', ages: [], all: [], hungStacks: new Map(), memory: undefined, modules: undefined },
    {
      steps: [],
      script: [],
      mode: 'log-only',
      generator: { version: kdviewVersion(), backend: 'none', backendVersion: null },
      input: { vmlinux: null, dump: saved.source },
      release,
      warnings: ['a report from a saved kernel log only (no dump was opened): tasks, stacks, memory and modules are unknown'],
    },
  );
}

export async function runReportFromLog(target: string, opts: ReportOptions, io: ReportIo): Promise<number> {
  const format = parseFormat(opts.format);
  const report = await logOnlyReport(target);
  const warn = (m: string) => void io.stderr.write(`kdview: ${m}\n`);
  annotateKnown(report, await loadRunRules(rulesFlag(opts.rules), warn));
  const store = await openRunStore(opts, warn);
  try {
    const facts = { release: report.kernel.release ?? undefined };
    await annotateSeen(store, report, facts, warn);
    const text = await renderReport(report, format);
    const toFile = opts.output !== undefined && opts.output !== '-';
    if (toFile) {
      await writeOutput(opts.output!, text);
      warn(`wrote ${opts.output}: ${report.signature.title} [${report.signature.hash}] (log-only report)`);
    } else io.stdout.write(text);
    await recordReport(store, report, { reportPath: toFile ? opts.output! : null, facts, record: opts.record }, warn);
  } finally {
    await store?.close();
  }
  return EXIT.partial;
}
