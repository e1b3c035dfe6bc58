// Reading the zip blobs kdumpst leaves in <folder>/logs/ (kdump-<stamp>.zip
// holding dmesg-kdump.<stamp>, dmesg-pstore.<stamp>-N, dmidecode.*, build.*,
// version.*), with fflate. The blobs are small: read whole, capped.
import { readFile, stat } from 'node:fs/promises';
import { unzipSync } from 'fflate';

const ZIP_LIMIT = 64 << 20;

export type ZipRead<T> = { ok: true; value: T } | { ok: false; reason: string };

async function load(path: string): Promise<ZipRead<Uint8Array>> {
  try {
    const st = await stat(path);
    if (st.size > ZIP_LIMIT) return { ok: false, reason: `zip of ${st.size} bytes is over the ${ZIP_LIMIT >> 20} MB limit` };
    return { ok: true, value: await readFile(path) };
  } catch (err) {
    return { ok: false, reason: `cannot read: ${(err as Error).message}` };
  }
}

/** Names of the files in a zip (no data is inflated). */
export async function listZip(path: string): Promise<ZipRead<string[]>> {
  const data = await load(path);
  if (!data.ok) return data;
  const names: string[] = [];
  try {
    unzipSync(data.value, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch (err) {
    return { ok: false, reason: `not a readable zip: ${(err as Error).message}` };
  }
  return { ok: true, value: names };
}

/** The bytes of one member of a zip. */
export async function readZipEntry(path: string, entry: string): Promise<ZipRead<Buffer>> {
  const data = await load(path);
  if (!data.ok) return data;
  try {
    const out = unzipSync(data.value, { filter: (f) => f.name === entry });
    const bytes = out[entry];
    if (bytes === undefined) return { ok: false, reason: `no ${entry} in the zip` };
    return { ok: true, value: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } catch (err) {
    return { ok: false, reason: `not a readable zip: ${(err as Error).message}` };
  }
}

/** Members of a kdumpst blob that hold a kernel log, kdump's first. */
export function dmesgEntries(names: readonly string[]): string[] {
  const kdump = names.filter((n) => /^dmesg-kdump\./.test(n));
  const pstore = names.filter((n) => /^dmesg-pstore\./.test(n)).sort();
  const other = names.filter((n) => /^dmesg/.test(n) && !kdump.includes(n) && !pstore.includes(n));
  return [...kdump, ...pstore, ...other];
}
