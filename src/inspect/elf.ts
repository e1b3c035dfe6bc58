// Minimal ELF reader: enough to tell a kernel image with debug info from
// anything else, and to find sections such as .rodata. Reads headers only.
import type { FileHandle } from 'node:fs/promises';

export interface ElfSection {
  name: string;
  type: number;
  offset: number;
  size: number;
  addr: bigint;
}

export interface ElfInfo {
  class: 32 | 64;
  littleEndian: boolean;
  /** e_type: 1 REL, 2 EXEC, 3 DYN, 4 CORE. */
  type: number;
  machine: number;
  sections: ElfSection[];
  phoff: number;
  phnum: number;
  phentsize: number;
}

export type ElfResult = { ok: true; elf: ElfInfo } | { ok: false; reason: string };

async function readAt(fh: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, offset);
  return buf.subarray(0, bytesRead);
}

/** Reads the ELF header and section table of an open file. Never throws on bad data. */
export async function readElf(fh: FileHandle): Promise<ElfResult> {
  const h = await readAt(fh, 0, 64);
  if (h.length < 16 || h.readUInt32BE(0) !== 0x7f454c46) return { ok: false, reason: 'not an ELF file' };
  const cls = h[4] === 2 ? 64 : h[4] === 1 ? 32 : undefined;
  const le = h[5] === 1 ? true : h[5] === 2 ? false : undefined;
  if (cls === undefined || le === undefined) return { ok: false, reason: 'corrupt ELF header' };
  if (h.length < (cls === 64 ? 64 : 52)) return { ok: false, reason: 'truncated ELF header' };
  const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const uNat = (b: Buffer, o: number) =>
    cls === 64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(b, o);
  const type = u16(h, 16);
  const machine = u16(h, 18);
  const phoff = uNat(h, cls === 64 ? 32 : 28);
  const shoff = uNat(h, cls === 64 ? 40 : 32);
  const phentsize = u16(h, cls === 64 ? 54 : 42);
  const phnum = u16(h, cls === 64 ? 56 : 44);
  const shentsize = u16(h, cls === 64 ? 58 : 46);
  const shnum = u16(h, cls === 64 ? 60 : 48);
  const shstrndx = u16(h, cls === 64 ? 62 : 50);
  const info: ElfInfo = { class: cls, littleEndian: le, type, machine, sections: [], phoff, phnum, phentsize };
  if (shoff === 0 || shnum === 0 || shentsize < (cls === 64 ? 64 : 40)) return { ok: true, elf: info };
  const table = await readAt(fh, shoff, shnum * shentsize);
  if (table.length < shnum * shentsize) return { ok: false, reason: 'truncated ELF section table' };
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const o = i * shentsize;
    raw.push({
      nameOff: u32(table, o),
      type: u32(table, o + 4),
      addr: cls === 64 ? (le ? table.readBigUInt64LE(o + 16) : table.readBigUInt64BE(o + 16)) : BigInt(u32(table, o + 12)),
      offset: uNat(table, cls === 64 ? o + 24 : o + 16),
      size: uNat(table, cls === 64 ? o + 32 : o + 20),
    });
  }
  const strtab = raw[shstrndx];
  const names = strtab ? await readAt(fh, strtab.offset, Math.min(strtab.size, 1 << 20)) : Buffer.alloc(0);
  for (const s of raw) {
    const end = names.indexOf(0, s.nameOff);
    const name = s.nameOff < names.length ? names.toString('latin1', s.nameOff, end < 0 ? names.length : end) : '';
    info.sections.push({ name, type: s.type, offset: s.offset, size: s.size, addr: s.addr });
  }
  return { ok: true, elf: info };
}

export async function readSection(fh: FileHandle, section: ElfSection, limit = 64 << 20): Promise<Buffer> {
  return readAt(fh, section.offset, Math.min(section.size, limit));
}
