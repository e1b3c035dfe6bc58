// "Seen before": a small JSON Lines log of report signatures next to the
// sessions folder (`<sessions>/../signatures.jsonl`, 0600), one line per
// recorded report, read to say how often and when a signature was seen.
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Report } from '../report/model.js';
import { sessionsDir } from '../session/paths.js';

export const SeenEntrySchema = z.object({
  hash: z.string(),
  title: z.string(),
  dump: z.string(),
  at: z.iso.datetime({ offset: true }),
  /** The recorded session file of that report, when it was recorded. */
  session: z.string().nullable(),
});
export type SeenEntry = z.infer<typeof SeenEntrySchema>;

export function signatureLogPath(sessionsDirFlag?: string): string {
  return join(dirname(sessionsDir(sessionsDirFlag)), 'signatures.jsonl');
}

/** Every readable entry; a missing file has none, torn or foreign lines are skipped. */
export async function readSeen(path: string): Promise<SeenEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: SeenEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const r = SeenEntrySchema.safeParse(JSON.parse(line));
      if (r.success) out.push(r.data);
    } catch {
      // a torn line from an interrupted append
    }
  }
  return out;
}

/** Earlier entries with this hash: how many, and the latest one. */
export function seenBefore(entries: readonly SeenEntry[], hash: string): Report['seenBefore'] {
  const same = entries.filter((e) => e.hash === hash);
  const last = same.reduce<SeenEntry | undefined>((a, e) => (!a || e.at > a.at ? e : a), undefined);
  return last ? { count: same.length, lastAt: last.at, lastDump: last.dump } : null;
}

/** Appends one entry (one write with O_APPEND: concurrent reports do not interleave lines). */
export async function appendSeen(path: string, entry: SeenEntry): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await appendFile(path, `${JSON.stringify(SeenEntrySchema.parse(entry))}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
}
