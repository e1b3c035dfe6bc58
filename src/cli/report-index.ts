// `kdview report --index OUTDIR`: rebuilds index.json and index.md from the
// per-dump JSON files in OUTDIR (reports and failure records), so reports
// made anywhere (GNU parallel over ssh, a Kubernetes Indexed Job) can be merged.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, EXIT } from '../model/user-error.js';
import { buildIndex, FailureSchema, renderIndexMarkdown, type IndexItem, type ReportIndex } from '../report/index-doc.js';
import { parseReportJson } from '../report/json.js';
import type { ReportIo } from './report-command.js';
import { writeOutput } from './report-command.js';

export const INDEX_JSON = 'index.json';
export const INDEX_MD = 'index.md';

/** Reads every `*.json` but the index; files that are neither a report nor a failure become warnings. */
export async function readIndexItems(outdir: string): Promise<{ items: IndexItem[]; warnings: string[] }> {
  const names = (await readdir(outdir)).filter((n) => n.endsWith('.json') && n !== INDEX_JSON).sort();
  const items: IndexItem[] = [];
  const warnings: string[] = [];
  for (const file of names) {
    const text = await readFile(join(outdir, file), 'utf8').catch((err: Error) => err);
    if (text instanceof Error) {
      warnings.push(`${file}: ${text.message}`);
      continue;
    }
    const r = parseReportJson(text);
    if (r.ok) {
      items.push({ file, report: r.report });
      continue;
    }
    let failure;
    try {
      failure = FailureSchema.safeParse(JSON.parse(text));
    } catch {
      failure = undefined;
    }
    if (failure?.success) items.push({ file, failure: failure.data });
    else warnings.push(`${file}: skipped, not a kdview report (${r.error})`);
  }
  return { items, warnings };
}

export async function writeIndex(outdir: string, items: readonly IndexItem[]): Promise<ReportIndex> {
  const idx = buildIndex(items);
  await writeOutput(join(outdir, INDEX_JSON), `${JSON.stringify(idx, null, 2)}\n`);
  await writeOutput(join(outdir, INDEX_MD), renderIndexMarkdown(idx));
  return idx;
}

export async function runReportIndex(outdir: string, io: ReportIo): Promise<number> {
  const st = await stat(outdir).catch(() => undefined);
  if (!st?.isDirectory()) throw new CliError(`--index '${outdir}': not a folder`);
  const { items, warnings } = await readIndexItems(outdir);
  for (const w of warnings) io.stderr.write(`kdview: ${w}\n`);
  const idx = await writeIndex(outdir, items);
  const c = idx.counts;
  io.stderr.write(`kdview: ${join(outdir, INDEX_MD)}: ${c.dumps} dumps, ${c.signatures} signatures, ${c.failed} failed\n`);
  return EXIT.ok;
}
