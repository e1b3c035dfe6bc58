// The fleet index: every dump's outcome, grouped by signature, built only
// from per-dump JSON files (reports and failure records), so it can be
// rebuilt from any folder of them. Pure.
import { z } from 'zod';
import { mdText } from './markdown.js';
import type { Report } from './model.js';

export const FAILURE_FORMAT = 'kdview-report-failure';
export const INDEX_FORMAT = 'kdview-report-index';

/** Written instead of a report when a dump could not be reported on at all. */
export const FailureSchema = z.object({
  format: z.literal(FAILURE_FORMAT),
  schemaVersion: z.literal(1),
  dump: z.string(),
  vmlinux: z.string().nullable(),
  error: z.string(),
  at: z.iso.datetime({ offset: true }),
});
export type Failure = z.infer<typeof FailureSchema>;

export const IndexEntrySchema = z.object({
  dump: z.string(),
  /** The JSON file this entry was read from, relative to the index. */
  file: z.string(),
  status: z.enum(['complete', 'partial', 'failed']),
  mode: z.string().nullable(),
  release: z.string().nullable(),
  panic: z.string().nullable(),
  crashingTask: z.string().nullable(),
  error: z.string().nullable(),
  at: z.string(),
});
export type IndexEntry = z.infer<typeof IndexEntrySchema>;

export const IndexSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  schemaVersion: z.literal(1),
  generatedAt: z.iso.datetime({ offset: true }),
  counts: z.object({ dumps: z.number().int(), complete: z.number().int(), partial: z.number().int(), failed: z.number().int(), signatures: z.number().int() }),
  /** Biggest group first. */
  groups: z.array(z.object({ signature: z.object({ title: z.string(), hash: z.string() }), count: z.number().int(), dumps: z.array(IndexEntrySchema) })),
  failed: z.array(IndexEntrySchema),
});
export type ReportIndex = z.infer<typeof IndexSchema>;

export type IndexItem = { file: string; report: Report } | { file: string; failure: Failure };

function entryOf(item: IndexItem): IndexEntry {
  if ('failure' in item) {
    const f = item.failure;
    return { dump: f.dump, file: item.file, status: 'failed', mode: null, release: null, panic: null, crashingTask: null, error: f.error, at: f.at };
  }
  const r = item.report;
  const bad = r.steps.filter((s) => s.status !== 'ok').length;
  return {
    dump: r.input.dump,
    file: item.file,
    status: r.complete ? 'complete' : 'partial',
    mode: r.mode,
    release: r.kernel.release,
    panic: r.panic.message,
    crashingTask: r.crashingTask ? `${r.crashingTask.pid} ${r.crashingTask.comm}` : null,
    error: bad > 0 ? `${bad} step${bad === 1 ? '' : 's'} did not succeed` : null,
    at: r.generatedAt,
  };
}

export function buildIndex(items: readonly IndexItem[], generatedAt = new Date().toISOString()): ReportIndex {
  const groups = new Map<string, ReportIndex['groups'][number]>();
  const failed: IndexEntry[] = [];
  for (const item of [...items].sort((a, b) => a.file.localeCompare(b.file))) {
    const e = entryOf(item);
    if (!('report' in item)) {
      failed.push(e);
      continue;
    }
    const { title, hash } = item.report.signature;
    const g = groups.get(hash) ?? { signature: { title, hash }, count: 0, dumps: [] };
    g.count++;
    g.dumps.push(e);
    groups.set(hash, g);
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count || a.signature.title.localeCompare(b.signature.title));
  const all = sorted.flatMap((g) => g.dumps);
  return {
    format: INDEX_FORMAT,
    schemaVersion: 1,
    generatedAt,
    counts: {
      dumps: items.length,
      complete: all.filter((e) => e.status === 'complete').length,
      partial: all.filter((e) => e.status === 'partial').length,
      failed: failed.length,
      signatures: sorted.length,
    },
    groups: sorted,
    failed,
  };
}

/** A link to the Markdown report beside a JSON file, when its name is plain enough to link safely. */
function reportLink(file: string): string {
  if (!/^[A-Za-z0-9._-]+\.json$/.test(file)) return mdText(file);
  const md = file.replace(/\.json$/, '.md');
  return `[${md}](${md})`;
}

export function renderIndexMarkdown(idx: ReportIndex): string {
  const c = idx.counts;
  const out = [
    '# kdview report index',
    '',
    `${c.dumps} dumps: ${c.complete} complete, ${c.partial} partial, ${c.failed} failed; ${c.signatures} distinct signatures. Generated ${idx.generatedAt}.`,
  ];
  for (const g of idx.groups) {
    out.push('', `## ${mdText(g.signature.title)} · ${g.signature.hash} (${g.count} dump${g.count === 1 ? '' : 's'})`, '');
    out.push('| dump | status | mode | release | crashing task | report |', '| --- | --- | --- | --- | --- | --- |');
    for (const e of g.dumps) {
      const note = e.error ? ` (${mdText(e.error)})` : '';
      out.push(`| ${mdText(e.dump)} | ${e.status}${note} | ${e.mode ?? ''} | ${mdText(e.release ?? '')} | ${mdText(e.crashingTask ?? '')} | ${reportLink(e.file)} |`);
    }
  }
  if (idx.failed.length > 0) {
    out.push('', '## Failed', '', '| dump | error | record |', '| --- | --- | --- |');
    for (const e of idx.failed) out.push(`| ${mdText(e.dump)} | ${mdText(e.error ?? '')} | ${mdText(e.file)} |`);
  }
  return `${out.join('\n')}\n`;
}
