// The kdump-compressed format written by makedumpfile (signature "KDUMP   "):
// disk_dump_header (utsname, crash time, status, geometry) in block 0, then
// kdump_sub_header (dump level, VMCOREINFO and ELF-note offsets), bitmaps,
// page descriptors and page data. Reads the headers only.
import type { ByteSource } from './byte-source.js';
import { checkPageData } from './kdump-pages.js';

export interface Utsname {
  sysname: string;
  nodename: string;
  release: string;
  version: string;
  machine: string;
  domainname: string;
}

import type { KdumpCompression } from '../model/dump.js';
export type { KdumpCompression } from '../model/dump.js';

export interface KdumpHeader {
  headerVersion: number;
  littleEndian: boolean;
  utsname: Utsname;
  /** Seconds since the epoch, from the header's timeval (0 when unset). */
  timestamp: number;
  compression: KdumpCompression;
  /** makedumpfile marked the dump incomplete (it ran out of space). */
  incomplete: boolean;
  blockSize: number;
  subHdrSize: number;
  bitmapBlocks: number;
  nrCpus: number;
  dumpLevel?: number;
  vmcoreinfo?: string;
  /** Why the file is not a complete, readable dump; empty when it looks whole. */
  problems: string[];
}

export type KdumpResult = { ok: true; header: KdumpHeader } | { ok: false; reason: string };

export const KDUMP_SIGNATURE = 'KDUMP   ';
const UTS_LEN = 65;
const UTS_AT = 12;
const HEADER_MIN = 464;
/** Machines whose makedumpfile writes the 32-bit header layout. */
const BITS32 = /^(i[3-6]86|arm(?!64)|armv\d|mips$|mipsel$|ppc$|powerpc$|s390$|riscv32)/;

function cstr(b: Buffer, at: number, len: number): string {
  const s = b.subarray(at, at + len);
  const nul = s.indexOf(0);
  return s.toString('latin1', 0, nul < 0 ? s.length : nul);
}

function compressionOf(status: number): KdumpCompression {
  if (status & 0x1) return 'zlib';
  if (status & 0x2) return 'lzo';
  if (status & 0x4) return 'snappy';
  if (status & 0x20) return 'zstd';
  return 'none';
}

/** VMCOREINFO text found by its first key, for layouts whose offsets we do not decode. */
function scanVmcoreinfo(block: Buffer): string | undefined {
  const at = block.indexOf('OSRELEASE=');
  if (at < 0) return undefined;
  const end = block.indexOf(0, at);
  return block.toString('latin1', at, end < 0 ? block.length : end);
}

export async function readKdumpHeader(src: ByteSource): Promise<KdumpResult> {
  const h = await src.read(0, 512);
  if (h.length < 8 || h.toString('latin1', 0, 8) !== KDUMP_SIGNATURE) return { ok: false, reason: 'no KDUMP signature' };
  if (h.length < HEADER_MIN) return { ok: false, reason: `truncated: the kdump header is cut short (${h.length} of ${HEADER_MIN} bytes)` };
  const le = h.readUInt32LE(8) < 0x10000;
  const i32 = (o: number) => (le ? h.readInt32LE(o) : h.readInt32BE(o));
  const uts: Utsname = {
    sysname: cstr(h, UTS_AT, UTS_LEN),
    nodename: cstr(h, UTS_AT + UTS_LEN, UTS_LEN),
    release: cstr(h, UTS_AT + 2 * UTS_LEN, UTS_LEN),
    version: cstr(h, UTS_AT + 3 * UTS_LEN, UTS_LEN),
    machine: cstr(h, UTS_AT + 4 * UTS_LEN, UTS_LEN),
    domainname: cstr(h, UTS_AT + 5 * UTS_LEN, UTS_LEN),
  };
  const is32 = BITS32.test(uts.machine);
  const ts = is32 ? 404 : 408;
  const after = ts + (is32 ? 8 : 16);
  const timestamp = is32 ? i32(ts) : Number(le ? h.readBigInt64LE(ts) : h.readBigInt64BE(ts));
  const status = i32(after);
  const blockSize = i32(after + 4);
  const subHdrSize = i32(after + 8);
  const bitmapBlocks = i32(after + 12);
  const nrCpus = i32(after + 36);
  if (blockSize < 512 || blockSize > 1 << 20 || (blockSize & (blockSize - 1)) !== 0 || subHdrSize < 0 || bitmapBlocks < 0)
    return { ok: false, reason: `corrupt kdump header (block size ${blockSize}, sub-header ${subHdrSize} blocks)` };
  const header: KdumpHeader = {
    headerVersion: i32(8), littleEndian: le, utsname: uts, timestamp, compression: compressionOf(status),
    incomplete: (status & 0x8) !== 0, blockSize, subHdrSize, bitmapBlocks, nrCpus, problems: [],
  };
  if (header.incomplete) header.problems.push('incomplete: makedumpfile marked it unfinished (disk full or interrupted)');
  const headersEnd = (1 + subHdrSize + bitmapBlocks) * blockSize;
  const size = src.size ?? Number.MAX_SAFE_INTEGER;
  if (size < blockSize + 16) {
    header.problems.push(`truncated: ${src.size} bytes, the sub-header at ${blockSize} is missing`);
    return { ok: true, header };
  }
  const sub = await src.read(blockSize, subHdrSize * blockSize);
  if (!is32 && sub.length >= 48) {
    const u64 = (o: number) => Number(le ? sub.readBigUInt64LE(o) : sub.readBigUInt64BE(o));
    header.dumpLevel = le ? sub.readInt32LE(8) : sub.readInt32BE(8);
    const off = u64(32);
    const len = u64(40);
    if (header.headerVersion >= 3 && len > 0 && len < 1 << 20) {
      const text = await src.read(off, len);
      if (text.length < len) header.problems.push(`truncated: VMCOREINFO at ${off} lies past the end of the data`);
      else header.vmcoreinfo = text.toString('latin1').replace(/\0+$/, '');
    }
  }
  header.vmcoreinfo ??= scanVmcoreinfo(sub);
  if (header.problems.length === 0 && src.size !== undefined) {
    if (src.size < headersEnd) header.problems.push(`truncated: ${src.size} bytes, the headers and bitmaps alone need ${headersEnd}`);
    else {
      const tail = await checkPageData(src, header, headersEnd);
      if (tail) header.problems.push(tail);
    }
  }
  return { ok: true, header };
}
