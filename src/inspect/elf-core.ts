// ELF vmcores (/proc/vmcore copied as is, or makedumpfile -E): an ELF core
// file whose PT_NOTE segments hold one NT_PRSTATUS per CPU and the
// VMCOREINFO note. Reads the ELF and program headers and the notes only.
import type { FileHandle } from 'node:fs/promises';
import { readAt } from './byte-source.js';
import { readElf } from './elf.js';
import { parseNotes, vmcoreinfoFromNotes, type ElfNote } from './elf-notes.js';

export interface ElfCore {
  machine: string;
  littleEndian: boolean;
  class: 32 | 64;
  /** CPUs that saved registers (NT_PRSTATUS notes). */
  cpus: number;
  vmcoreinfo?: string;
  problems: string[];
}

export type ElfCoreResult = { ok: true; core: ElfCore } | { ok: false; reason: string };

const PT_LOAD = 1;
const PT_NOTE = 4;
const NT_PRSTATUS = 1;
const NOTE_LIMIT = 4 << 20;

/** e_machine -> `uname -m` style name. */
export function machineName(eMachine: number, littleEndian: boolean, cls: 32 | 64): string {
  switch (eMachine) {
    case 3: return 'i686';
    case 8: return cls === 64 ? 'mips64' : 'mips';
    case 20: return 'ppc';
    case 21: return littleEndian ? 'ppc64le' : 'ppc64';
    case 22: return cls === 64 ? 's390x' : 's390';
    case 40: return 'arm';
    case 62: return 'x86_64';
    case 183: return 'aarch64';
    case 243: return cls === 64 ? 'riscv64' : 'riscv32';
    case 258: return 'loongarch64';
    default: return `elf-machine-${eMachine}`;
  }
}

/** Reads an ELF core through fh (a real file, or asFileHandle() of a flattened stream). */
export async function readElfCore(fh: FileHandle, size: number | undefined): Promise<ElfCoreResult> {
  const r = await readElf(fh);
  if (!r.ok) return r;
  const e = r.elf;
  if (e.type !== 4) return { ok: false, reason: `an ELF file but not a core dump (e_type ${e.type})` };
  const entSize = e.class === 64 ? 56 : 32;
  if (e.phnum === 0 || e.phentsize < entSize) return { ok: false, reason: 'an ELF core without program headers' };
  const table = await readAt(fh, e.phoff, e.phnum * e.phentsize);
  const core: ElfCore = { machine: machineName(e.machine, e.littleEndian, e.class), littleEndian: e.littleEndian, class: e.class, cpus: 0, problems: [] };
  if (table.length < e.phnum * e.phentsize) {
    core.problems.push(`truncated: the program header table is cut short`);
    return { ok: true, core };
  }
  const le = e.littleEndian;
  const u32 = (o: number) => (le ? table.readUInt32LE(o) : table.readUInt32BE(o));
  const u64 = (o: number) => Number(le ? table.readBigUInt64LE(o) : table.readBigUInt64BE(o));
  const notes: ElfNote[] = [];
  let dataEnd = 0;
  for (let i = 0; i < e.phnum; i++) {
    const o = i * e.phentsize;
    const type = u32(o);
    const offset = e.class === 64 ? u64(o + 8) : u32(o + 4);
    const filesz = e.class === 64 ? u64(o + 32) : u32(o + 16);
    if (type === PT_LOAD || type === PT_NOTE) dataEnd = Math.max(dataEnd, offset + filesz);
    if (type !== PT_NOTE) continue;
    const data = await readAt(fh, offset, Math.min(filesz, NOTE_LIMIT));
    notes.push(...parseNotes(data, le));
  }
  core.cpus = notes.filter((n) => n.type === NT_PRSTATUS && n.name === 'CORE').length;
  const info = vmcoreinfoFromNotes(notes);
  if (info !== undefined) core.vmcoreinfo = info;
  if (size !== undefined && dataEnd > size) core.problems.push(`truncated: ${size} bytes, the segments end at ${dataEnd}`);
  return { ok: true, core };
}
