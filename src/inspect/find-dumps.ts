// Finds the dumps that kdump set-ups leave under folders such as /var/crash,
// by name and place (dump-layouts.ts) and, for any other file, by content
// (dump-sniff.ts): names are hints, not rules. Reads each one's headers, pairs it with its saved kernel log, and lists
// them newest first. Saved logs with no dump (kdumpst pstore blobs) are
// listed apart. Unreadable folders are reported, never thrown.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { DumpInfo, DumpLayout, DumpListing, SavedLog } from '../model/dump.js';
import { inspectDump } from './dump-info.js';
import { hasDumpHeader } from './dump-sniff.js';
import { dmesgNames, dumpLayoutOf, kdumpstStamp, layoutByPlace } from './dump-layouts.js';
import { dmesgEntries, listZip } from './zip-logs.js';

export type { DmesgRef, DumpInfo, DumpListing, SavedLog } from '../model/dump.js';

const MAX_DEPTH = 4;
const PARALLEL = 8;

interface Candidate {
  path: string;
  layout: DumpLayout;
  siblings: string[];
}

interface Walk {
  candidates: Candidate[];
  /** Regular files whose name says nothing: dumps if their header says so. */
  unnamed: { path: string; siblings: string[] }[];
  zips: string[];
  problems: string[];
  seen: Set<string>;
}

async function kindOf(path: string, ent: Dirent): Promise<'dir' | 'file' | 'other'> {
  if (ent.isDirectory()) return 'dir';
  if (ent.isFile()) return 'file';
  if (!ent.isSymbolicLink()) return 'other';
  return stat(path).then((s) => (s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other'), () => 'other');
}

async function walk(dir: string, depth: number, w: Walk): Promise<void> {
  let entries: Dirent[];
  try {
    const real = await realpath(dir);
    if (w.seen.has(real)) return;
    w.seen.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    w.problems.push(`${dir}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (err as Error).message}`);
    return;
  }
  const names = entries.map((e) => e.name);
  for (const ent of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, ent.name);
    const kind = await kindOf(path, ent);
    if (kind === 'dir') {
      if (depth < MAX_DEPTH) await walk(path, depth + 1, w);
      continue;
    }
    if (basename(dir) === 'logs' && ent.name.endsWith('.zip')) {
      w.zips.push(path);
      continue;
    }
    const layout = dumpLayoutOf(path, names);
    if (layout) w.candidates.push({ path, layout, siblings: names });
    else if (kind === 'file') w.unnamed.push({ path, siblings: names });
  }
}

async function mapLimited<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL) out.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(fn))));
  return out;
}

/** `kdump-202611260410.zip` -> its UTC stamp as an ISO date. */
function zipDate(path: string): string | undefined {
  const m = /(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)/.exec(basename(path));
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export async function findDumps(dirs: readonly string[]): Promise<DumpListing> {
  const searched = dirs.map((d) => resolve(d));
  const w: Walk = { candidates: [], unnamed: [], zips: [], problems: [], seen: new Set() };
  for (const d of searched) await walk(d, 0, w);
  const byContent = await mapLimited(w.unnamed, async (f) => ((await hasDumpHeader(f.path)) ? f : undefined));
  for (const f of byContent) if (f) w.candidates.push({ ...f, layout: layoutByPlace(f.path, f.siblings) });
  const zipNames = new Map<string, string[]>();
  for (const z of w.zips) {
    const r = await listZip(z);
    if (r.ok) zipNames.set(z, r.value);
    else w.problems.push(`${z}: ${r.reason}`);
  }
  const claimed = new Set<string>();
  const perFolder = new Map<string, number>();
  for (const c of w.candidates) perFolder.set(dirname(c.path), (perFolder.get(dirname(c.path)) ?? 0) + 1);
  const dumps = await mapLimited(w.candidates, async (c): Promise<DumpInfo> => {
    const info: DumpInfo = { ...(await inspectDump(c.path)), layout: c.layout };
    const names = dmesgNames(c.path, c.layout, c.siblings, perFolder.get(dirname(c.path)) === 1);
    if (names[0] !== undefined) info.dmesg = { path: join(dirname(c.path), names[0]) };
    const stamp = c.layout === 'kdumpst' ? kdumpstStamp(c.path) : undefined;
    if (!info.dmesg && stamp !== undefined) {
      for (const [zip, entries] of zipNames) {
        if (!entries.includes(`dmesg-kdump.${stamp}`)) continue;
        info.dmesg = { path: zip, entry: `dmesg-kdump.${stamp}` };
        claimed.add(zip);
        break;
      }
    }
    return info;
  });
  const logs: SavedLog[] = [];
  for (const [zip, entries] of zipNames) {
    if (claimed.has(zip)) continue;
    const [entry] = dmesgEntries(entries);
    if (entry === undefined) continue;
    const date = zipDate(zip) ?? (await stat(zip)).mtime.toISOString();
    logs.push({ path: zip, entry, date, extra: entries.filter((e) => e !== entry) });
  }
  const newestFirst = (a: { date: string; path: string }, b: { date: string; path: string }) =>
    b.date.localeCompare(a.date) || a.path.localeCompare(b.path);
  return { searched, dumps: dumps.sort(newestFirst), logs: logs.sort(newestFirst), problems: w.problems };
}
