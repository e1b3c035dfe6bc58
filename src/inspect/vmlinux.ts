// Checks that a file is a Linux kernel image with debug info, and reads its
// release from linux_banner, without starting crash.
import { open } from 'node:fs/promises';
import { readElf, readSection } from './elf.js';

export type VmlinuxCheck =
  | { ok: true; release: string | undefined }
  | { ok: false; problem: string };

const BANNER = Buffer.from('Linux version ');

export function releaseFromBanner(data: Buffer): string | undefined {
  let at = data.indexOf(BANNER);
  while (at >= 0) {
    const end = data.indexOf(0x20, at + BANNER.length);
    const rel = data.toString('latin1', at + BANNER.length, end < 0 ? at + BANNER.length + 64 : end);
    if (/^\d+\.\d+[\w.+~-]*$/.test(rel)) return rel;
    at = data.indexOf(BANNER, at + 1);
  }
  return undefined;
}

export async function checkVmlinux(path: string): Promise<VmlinuxCheck> {
  const fh = await open(path, 'r');
  try {
    const r = await readElf(fh);
    if (!r.ok) return { ok: false, problem: `${r.reason}; a kernel image with debug info (vmlinux) is needed` };
    const names = new Set(r.elf.sections.map((s) => s.name));
    if (r.elf.type === 4) return { ok: false, problem: 'is an ELF core file (a dump?), not a vmlinux' };
    const kernelish = names.has('__ksymtab') || names.has('.init.text') || names.has('__ex_table');
    if (!kernelish) return { ok: false, problem: 'is an ELF file but not a Linux kernel image (vmlinux)' };
    if (!names.has('.debug_info'))
      return {
        ok: false,
        problem: "has no debug info (.debug_info): use the debug vmlinux from the kernel's -dbg/-debuginfo package",
      };
    const rodata = r.elf.sections.find((s) => s.name === '.rodata');
    const release = rodata ? releaseFromBanner(await readSection(fh, rodata)) : undefined;
    return { ok: true, release };
  } finally {
    await fh.close();
  }
}
