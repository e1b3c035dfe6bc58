// Whether a file is a kernel dump by its content, whatever its name: a
// kdump-compressed header, a makedumpfile flattened stream, or an ELF core
// that carries a VMCOREINFO note (a user-space core has none). Reads the
// first bytes (and an ELF core's notes) only; never throws.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { readAt } from './byte-source.js';
import { readElfCore } from './elf-core.js';
import { isFlattened } from './flattened.js';
import { KDUMP_SIGNATURE } from './kdump-header.js';

const ET_CORE = 4;

function isElfCoreHead(head: Buffer): boolean {
  if (head.length < 18 || head.readUInt32BE(0) !== 0x7f454c46) return false;
  const type = head[5] === 2 ? head.readUInt16BE(16) : head.readUInt16LE(16);
  return type === ET_CORE;
}

export async function hasDumpHeader(path: string): Promise<boolean> {
  let fh;
  try {
    // O_NONBLOCK: a FIFO that slipped in must not hang the scan.
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return false;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return false;
    const head = await readAt(fh, 0, 64);
    if (head.toString('latin1', 0, 8) === KDUMP_SIGNATURE || isFlattened(head)) return true;
    if (!isElfCoreHead(head)) return false;
    const r = await readElfCore(fh, st.size);
    return r.ok && r.core.vmcoreinfo !== undefined;
  } catch {
    return false;
  } finally {
    await fh.close();
  }
}
