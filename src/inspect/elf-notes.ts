// ELF note records (Elf_Nhdr + name + desc, 4-byte aligned): used in core
// files (NT_PRSTATUS, VMCOREINFO), in kdump headers and for vmlinux build-ids.

export interface ElfNote {
  name: string;
  type: number;
  desc: Buffer;
}

const align4 = (n: number): number => (n + 3) & ~3;

/** Every well-formed note in buf; stops quietly at the first malformed one. */
export function parseNotes(buf: Buffer, littleEndian: boolean): ElfNote[] {
  const out: ElfNote[] = [];
  const u32 = (o: number) => (littleEndian ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  let at = 0;
  while (at + 12 <= buf.length) {
    const namesz = u32(at);
    const descsz = u32(at + 4);
    const type = u32(at + 8);
    const nameAt = at + 12;
    const descAt = nameAt + align4(namesz);
    const end = descAt + align4(descsz);
    if (namesz > 256 || descAt + descsz > buf.length) break;
    const rawName = buf.subarray(nameAt, nameAt + namesz);
    const nul = rawName.indexOf(0);
    out.push({ name: rawName.toString('latin1', 0, nul < 0 ? rawName.length : nul), type, desc: buf.subarray(descAt, descAt + descsz) });
    if (namesz === 0 && descsz === 0 && type === 0) break;
    at = end;
  }
  return out;
}

export const NT_GNU_BUILD_ID = 3;

/** The hex GNU build-id among notes, if any. */
export function buildIdFromNotes(notes: readonly ElfNote[]): string | undefined {
  const n = notes.find((x) => x.name === 'GNU' && x.type === NT_GNU_BUILD_ID && x.desc.length > 0);
  return n?.desc.toString('hex');
}

/** The text of the VMCOREINFO note (a core file's or a kdump header's). */
export function vmcoreinfoFromNotes(notes: readonly ElfNote[]): string | undefined {
  const n = notes.find((x) => x.name === 'VMCOREINFO');
  return n ? n.desc.toString('latin1').replace(/\0+$/, '') : undefined;
}
