// A vmlinux's identity without starting crash: its GNU build-id (from the
// ELF note sections, `.notes` in kernels, or PT_NOTE segments), whether it
// carries DWARF, and (read only on demand) its release from linux_banner.
import { open } from 'node:fs/promises';
import { readAt } from './byte-source.js';
import { readElf, readSection } from './elf.js';
import { buildIdFromNotes, parseNotes } from './elf-notes.js';
import { releaseFromBanner } from './vmlinux.js';

export interface VmlinuxId {
  buildId?: string;
  release?: string;
  debugInfo: boolean;
}

export type VmlinuxIdResult = { ok: true; id: VmlinuxId } | { ok: false; reason: string };

const SHT_NOTE = 7;
const PT_NOTE = 4;

export async function readVmlinuxId(path: string, opts: { release?: boolean } = {}): Promise<VmlinuxIdResult> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'not found' : `cannot read: ${(err as Error).message}` };
  }
  try {
    const r = await readElf(fh);
    if (!r.ok) return { ok: false, reason: r.reason };
    const e = r.elf;
    if (e.type === 4) return { ok: false, reason: 'an ELF core (a dump), not a vmlinux' };
    const id: VmlinuxId = { debugInfo: e.sections.some((s) => s.name === '.debug_info') };
    for (const s of e.sections.filter((x) => x.type === SHT_NOTE && x.size < 1 << 20)) {
      id.buildId ??= buildIdFromNotes(parseNotes(await readSection(fh, s), e.littleEndian));
    }
    if (id.buildId === undefined && e.phnum > 0) {
      const table = await readAt(fh, e.phoff, e.phnum * e.phentsize);
      for (let i = 0; i + 1 <= e.phnum && (i + 1) * e.phentsize <= table.length; i++) {
        const o = i * e.phentsize;
        const le = e.littleEndian;
        if ((le ? table.readUInt32LE(o) : table.readUInt32BE(o)) !== PT_NOTE) continue;
        const off = e.class === 64 ? Number(le ? table.readBigUInt64LE(o + 8) : table.readBigUInt64BE(o + 8)) : le ? table.readUInt32LE(o + 4) : table.readUInt32BE(o + 4);
        const size = e.class === 64 ? Number(le ? table.readBigUInt64LE(o + 32) : table.readBigUInt64BE(o + 32)) : le ? table.readUInt32LE(o + 16) : table.readUInt32BE(o + 16);
        id.buildId ??= buildIdFromNotes(parseNotes(await readAt(fh, off, Math.min(size, 1 << 20)), le));
      }
    }
    if (opts.release) {
      const rodata = e.sections.find((s) => s.name === '.rodata');
      const rel = rodata ? releaseFromBanner(await readSection(fh, rodata)) : undefined;
      if (rel) id.release = rel;
    }
    return { ok: true, id };
  } catch (err) {
    return { ok: false, reason: `cannot read: ${(err as Error).message}` };
  } finally {
    await fh.close();
  }
}
