// Reruns of `kdview report --all` skip a dump whose report is already in
// OUTDIR and whose file has not changed: `<name>.key` next to the report holds
// the dump's size, mtime and kernel build-id when the report was made.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseReportJson } from '../report/json.js';
import type { Report } from '../report/model.js';
import { writeOutput } from './report-command.js';

export interface DumpKey {
  size: number;
  mtimeMs: number;
  /** The kernel's build-id from the dump's VMCOREINFO (null when it has none). */
  buildId: string | null;
}

export function keyPath(outdir: string, name: string): string {
  return join(outdir, `${name}.key`);
}

export async function dumpKey(path: string, buildId: string | undefined): Promise<DumpKey> {
  const st = await stat(path);
  return { size: st.size, mtimeMs: st.mtimeMs, buildId: buildId ?? null };
}

function sameKey(a: DumpKey, b: Partial<DumpKey>): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.buildId === b.buildId;
}

/** The report made earlier for this dump, when its key matches and the report reads back; else undefined. */
export async function unchangedReport(outdir: string, name: string, key: DumpKey): Promise<Report | undefined> {
  try {
    const old = JSON.parse(await readFile(keyPath(outdir, name), 'utf8')) as Partial<DumpKey>;
    if (!sameKey(key, old)) return undefined;
    const r = parseReportJson(await readFile(join(outdir, `${name}.json`), 'utf8'));
    return r.ok ? r.report : undefined;
  } catch {
    return undefined;
  }
}

export function writeKey(outdir: string, name: string, key: DumpKey): Promise<void> {
  return writeOutput(keyPath(outdir, name), `${JSON.stringify(key)}\n`);
}
