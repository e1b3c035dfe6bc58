// Builds a fake /var/crash holding every layout kdview knows, from the real
// shared dumps (symlinked; the shared folder is read-only) plus a truncated
// dump, a random file, a flattened dump made by the real makedumpfile (when
// installed) and an ELF core built around the real dump's own ELF notes.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { SharedDump } from '../helpers/dumps.js';

export interface FakeCrashDir {
  root: string;
  /** Path of each planted file by role. */
  files: Record<string, string>;
  flattened: boolean;
}

function head(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The ELF notes (NT_PRSTATUS per CPU + VMCOREINFO) a kdump-compressed file keeps from /proc/vmcore. */
export function kdumpNotes(vmcore: string): Buffer {
  const sub = head(vmcore, 4096 + 64).subarray(4096);
  const off = Number(sub.readBigUInt64LE(48));
  const size = Number(sub.readBigUInt64LE(56));
  return head(vmcore, off + size).subarray(off);
}

/** A 64-bit little-endian x86_64 ELF core: one PT_NOTE with `notes`, one PT_LOAD of loadBytes. */
export function elfCore(notes: Buffer, loadBytes: number, claimedLoad = loadBytes): Buffer {
  const eh = Buffer.alloc(64);
  eh.write('\x7fELF', 0, 'latin1');
  eh[4] = 2; // 64-bit
  eh[5] = 1; // little-endian
  eh[6] = 1;
  eh.writeUInt16LE(4, 16); // ET_CORE
  eh.writeUInt16LE(62, 18); // EM_X86_64
  eh.writeUInt32LE(1, 20);
  eh.writeBigUInt64LE(64n, 32); // e_phoff
  eh.writeUInt16LE(64, 52);
  eh.writeUInt16LE(56, 54);
  eh.writeUInt16LE(2, 56);
  const ph = Buffer.alloc(112);
  const noteAt = 64 + 112;
  const loadAt = noteAt + notes.length;
  ph.writeUInt32LE(4, 0); // PT_NOTE
  ph.writeBigUInt64LE(BigInt(noteAt), 8);
  ph.writeBigUInt64LE(BigInt(notes.length), 32);
  ph.writeBigUInt64LE(BigInt(notes.length), 40);
  ph.writeUInt32LE(1, 56); // PT_LOAD
  ph.writeUInt32LE(4, 60);
  ph.writeBigUInt64LE(BigInt(loadAt), 64);
  ph.writeBigUInt64LE(BigInt(claimedLoad), 88);
  ph.writeBigUInt64LE(BigInt(claimedLoad), 96);
  return Buffer.concat([eh, ph, notes, Buffer.alloc(loadBytes)]);
}

export function makeFakeCrashDir(root: string, bug: SharedDump, sysrq: SharedDump): FakeCrashDir {
  const files: Record<string, string> = {};
  const put = (role: string, rel: string, make: (p: string) => void) => {
    const p = join(root, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    make(p);
    files[role] = p;
  };
  const link = (target: string) => (p: string) => symlinkSync(target, p);
  const bugDmesg = join(bug.dir, 'dmesg.txt');
  const sysrqDmesg = join(sysrq.dir, 'dmesg');
  put('systemd', 'crashdump-2026-11-26-04:16:29', link(bug.vmcore));
  put('systemdDmesg', 'dmesg-2026-11-26-04:16:29', link(bugDmesg));
  put('truncated', 'crashdump-truncated', (p) => writeFileSync(p, head(bug.vmcore, 4096)));
  put('random', 'crashdump-random', (p) => writeFileSync(p, randomBytes(8192)));
  put('ignored', 'notes.bin', (p) => writeFileSync(p, randomBytes(512)));
  put('kdumpst', 'kdumpst/crash/vmcore.202611260406', link(sysrq.vmcore));
  put('kdumpstZip', 'kdumpst/logs/kdump-202611260410.zip', (p) =>
    writeFileSync(p, zipSync({
      'dmesg-kdump.202611260406': readFileSync(sysrqDmesg),
      'dmidecode.202611260410': Buffer.from('# dmidecode 3.4\nSystem Information\n\tManufacturer: QEMU\n'),
      'build.202611260410': Buffer.from('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'),
      'version.202611260410': Buffer.from('6.1.0-56-cloud-amd64\n'),
    })));
  put('pstoreZip', 'kdumpst/logs/kdump-202611250900.zip', (p) =>
    writeFileSync(p, zipSync({ 'dmesg-pstore.202611250900-0': readFileSync(bugDmesg), 'version.202611250900': Buffer.from('6.1.192-kdview\n') })));
  put('kdumpTools', '202611260416/dump.202611260416', link(bug.vmcore));
  put('kdumpToolsDmesg', '202611260416/dmesg.202611260416', link(bugDmesg));
  put('fedora', '127.0.0.1-2026-11-26-04:06:29/vmcore', link(sysrq.vmcore));
  put('fedoraDmesg', '127.0.0.1-2026-11-26-04:06:29/vmcore-dmesg.txt', link(sysrqDmesg));
  put('plain', 'plain/vmcore', link(sysrq.vmcore));
  put('plainDmesg', 'plain/dmesg', link(sysrqDmesg));
  put('elf', 'elf/guest.vmcore', (p) => writeFileSync(p, elfCore(kdumpNotes(bug.vmcore), 4096)));
  put('elfTruncated', 'elf/cut.vmcore', (p) => writeFileSync(p, elfCore(kdumpNotes(bug.vmcore), 4096, 1 << 20)));
  let flattened: boolean;
  const flatPath = join(root, 'flat', 'bug-flat.vmcore');
  mkdirSync(join(root, 'flat'), { recursive: true });
  const fd = openSync(flatPath, 'w');
  try {
    const r = spawnSync('makedumpfile', ['-F', '-c', '-d', '31', bug.vmcore], { stdio: ['ignore', fd, 'pipe'] });
    flattened = r.status === 0;
  } finally {
    closeSync(fd);
  }
  if (flattened) files.flattened = flatPath;
  else rmSync(flatPath, { force: true });
  return { root, files, flattened };
}
