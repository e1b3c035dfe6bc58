// The one-time import of the old "seen before" log (`signatures.jsonl`, next
// to the sessions folder) into the database. After the import the file is
// renamed to `signatures.jsonl.imported` and never read again; the database
// remembers the import, so a restored file is not imported twice.
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { dumpKeyOf, type FleetRecord } from './record.js';
import type { FleetStore } from './store.js';

const Entry = z.object({ hash: z.string().regex(/^[0-9a-f]{16}$/), title: z.string(), dump: z.string(), at: z.string() });

export const IMPORT_KEY = 'signatures.jsonl imported';

export function recordsFromJsonl(text: string): FleetRecord[] {
  const out: FleetRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue; // a torn line from an interrupted append
    }
    const r = Entry.safeParse(parsed);
    if (!r.success) continue;
    const e = r.data;
    out.push({
      dumpKey: dumpKeyOf(e.dump, null), signature: e.hash, title: e.title, type: null, trigger: null,
      culpritFunction: null, culpritModule: null, release: null, buildId: null, host: null, hardware: null,
      dumpDate: null, dumpPath: e.dump, reportPath: null, taint: null, hangBlocker: null,
      kdviewVersion: 'signatures.jsonl', recordedAt: e.at, mce: false, known: [],
    });
  }
  return out;
}

/** Imports the file once; returns how many records it held (0 when there was nothing to import). */
export async function importSignaturesOnce(store: FleetStore, path: string): Promise<number> {
  if ((await store.getMeta(IMPORT_KEY)) !== undefined) return 0;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const records = recordsFromJsonl(text);
  await store.transaction(async () => {
    if ((await store.getMeta(IMPORT_KEY)) !== undefined) return;
    await store.insertRows(records);
    await store.setMeta(IMPORT_KEY, JSON.stringify({ from: path, records: records.length, at: new Date().toISOString() }));
  });
  await rename(path, `${path}.imported`).catch(() => undefined);
  return records.length;
}
