// `kdview report --all DIR [--jobs N|auto] [--force] [-o OUTDIR] [--vmlinux FILE]`:
// one report per dump found under DIR, at most N crash processes at a time,
// then the index. A dump that fails is recorded as failed and the run goes on;
// a dump whose report is there and unchanged (size, mtime, build-id) is skipped.
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { findDumps } from '../inspect/find-dumps.js';
import { CliError, EXIT } from '../model/user-error.js';
import { FAILURE_FORMAT, type Failure, type IndexItem } from '../report/index-doc.js';
import { parseTimeout } from './batch.js';
import { produceReport, readScript, renderReport, writeOutput, type ReportIo } from './report-command.js';
import { readIndexItems, writeIndex } from './report-index.js';
import { dumpFacts, openRunStore, recordReport } from './fleet-record.js';
import { fleetProgress } from './fleet-progress.js';
import { currentHost, describeAuto, MB_PER_BOTH_JOB, MB_PER_JOB, parseJobs } from './report-jobs.js';
import { dumpKey, keyPath, unchangedReport, writeKey } from './report-skip.js';
import { loadRunRules, rulesFlag } from './known-rules.js';
import { chooseEngines } from '../core/open-both.js';

export interface ReportAllOptions {
  jobs?: string | number;
  /** crash, drgn or both (default: both when both are installed). */
  backend?: string;
  /** Report every dump again, even those whose report is there and unchanged. */
  force?: boolean;
  output?: string;
  vmlinux?: string;
  script?: string;
  timeout?: string;
  sessionsDir?: string;
  record?: boolean;
  db?: string;
  rules?: string | string[];
}

export const DEFAULT_OUTDIR = 'kdview-reports';

export { parseJobs } from './report-jobs.js';

/** `DIR/host-2026-11-26/vmcore` -> `host-2026-11-26__vmcore`: unique per dump, safe as a file name. */
export function reportName(dir: string, dump: string): string {
  const rel = relative(dir, dump);
  const base = rel.startsWith('..') || rel === '' ? basename(dump) : rel;
  return base.split(/[\\/]+/).map((p) => p.replace(/[^A-Za-z0-9._-]/g, '_')).join('__');
}

/** A `vmlinux*` file next to the dump (not a compressed one), preferring one naming the dump's release. */
export async function vmlinuxNextTo(dump: string, release: string | undefined): Promise<string | undefined> {
  const names = (await readdir(dirname(dump)).catch(() => [] as string[]))
    .filter((n) => n.startsWith('vmlinux') && !/\.(xz|gz|bz2|zst|lz4)$/.test(n))
    .sort();
  const pick = names.find((n) => release !== undefined && n.includes(release)) ?? names[0];
  return pick === undefined ? undefined : join(dirname(dump), pick);
}

async function pool<T>(items: readonly T[], jobs: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}

export async function runReportAll(dir: string, opts: ReportAllOptions, io: ReportIo): Promise<number> {
  const host = currentHost();
  const backend = chooseEngines(opts.backend);
  const mbPerJob = backend === 'both' ? MB_PER_BOTH_JOB : MB_PER_JOB;
  const { jobs, auto } = parseJobs(opts.jobs, () => host, mbPerJob);
  const timeoutMs = parseTimeout(opts.timeout);
  const script = await readScript(opts.script);
  const root = resolve(dir);
  if (!(await stat(root).catch(() => undefined))?.isDirectory()) throw new CliError(`--all '${dir}': not a folder`);
  const outdir = resolve(opts.output ?? DEFAULT_OUTDIR);
  await mkdir(outdir, { recursive: true, mode: 0o700 }).catch((err: Error) => {
    throw new CliError(`-o '${opts.output ?? DEFAULT_OUTDIR}': ${err.message}`);
  });
  const listing = await findDumps([root]);
  for (const p of listing.problems) io.stderr.write(`kdview: ${p}\n`);
  const dumps = listing.dumps.filter((d) => !d.path.startsWith(`${outdir}/`));
  if (dumps.length === 0) io.stderr.write(`kdview: no dumps found under ${dir}\n`);
  else if (auto) io.stderr.write(`kdview: ${describeAuto(jobs, host, mbPerJob)}\n`);
  const items: IndexItem[] = [];
  const progress = fleetProgress(dumps.length, io.stderr as NodeJS.WriteStream);
  const rules = await loadRunRules(rulesFlag(opts.rules), (m) => void io.stderr.write(`kdview: ${m}\n`));
  const store = await openRunStore(opts, (m) => void io.stderr.write(`kdview: ${m}\n`));
  try {
    await pool(dumps, jobs, async (d) => {
      const name = reportName(root, d.path);
      const warn = (m: string) => void io.stderr.write(`kdview: ${name}: ${m}\n`);
      const key = await dumpKey(d.path, d.buildId).catch(() => undefined);
      const earlier = key && !opts.force ? await unchangedReport(outdir, name, key) : undefined;
      if (earlier) {
        items.push({ file: `${name}.json`, report: earlier });
        progress.finish(name, `skipped: report there and dump unchanged (--force to redo): ${earlier.signature.title} [${earlier.signature.hash}]`);
        return;
      }
      await rm(keyPath(outdir, name), { force: true });
      progress.start(name);
      const vmlinux = opts.vmlinux ?? (await vmlinuxNextTo(d.path, d.release));
      let line: string;
      try {
        if (vmlinux === undefined) throw new CliError('no vmlinux: give --vmlinux or put a vmlinux* file next to the dump');
        const onProgress = (m: string) => progress.update(name, m);
        const r = await produceReport(vmlinux, d.path, { backend, script, timeoutMs, sessionsDir: opts.sessionsDir, record: opts.record !== false, warn, store, rules, onProgress });
        for (const ext of ['json', 'md', 'html'] as const) await writeOutput(join(outdir, `${name}.${ext}`), await renderReport(r, ext));
        if (key) await writeKey(outdir, name, key);
        await recordReport(store, r, { reportPath: join(outdir, `${name}.json`), facts: await dumpFacts(d.path), record: opts.record }, warn);
        items.push({ file: `${name}.json`, report: r });
        line = `${r.complete ? 'complete' : 'partial'}: ${r.signature.title} [${r.signature.hash}]`;
      } catch (err) {
        const error = `${(err as Error).message}${d.problem ? ` [dump header: ${d.problem}]` : ''}`;
        const failure: Failure = { format: FAILURE_FORMAT, schemaVersion: 1, dump: d.path, vmlinux: vmlinux ?? null, error, at: new Date().toISOString() };
        await writeOutput(join(outdir, `${name}.json`), `${JSON.stringify(failure, null, 2)}\n`);
        await Promise.all(['md', 'html'].map((ext) => rm(join(outdir, `${name}.${ext}`), { force: true })));
        items.push({ file: `${name}.json`, failure });
        line = `failed: ${failure.error}`;
      }
      progress.finish(name, line);
    });
  } finally {
    progress.close();
    await store?.close();
  }
  // The index covers every report in OUTDIR, this run's and earlier ones (as --index does).
  const all = await readIndexItems(outdir);
  for (const w of all.warnings) io.stderr.write(`kdview: ${w}\n`);
  const idx = await writeIndex(outdir, all.items);
  io.stderr.write(`kdview: ${join(outdir, 'index.md')}: ${idx.counts.dumps} dumps, ${idx.counts.signatures} signatures, ${idx.counts.failed} failed\n`);
  const complete = items.every((i) => 'report' in i && i.report.complete);
  return complete ? EXIT.ok : EXIT.partial;
}
