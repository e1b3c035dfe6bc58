// Checks that a kdump-compressed file still holds the data of its last page:
// the dumpable pages are the set bits of the second bitmap, each has a
// 24-byte page descriptor after the bitmaps, and the last page's data must
// end inside the file. Cheap for ordinary machines (the bitmap is
// max_mapnr / 8 bytes); skipped for bitmaps over BITMAP_LIMIT.
import type { ByteSource } from './byte-source.js';

const PAGE_DESC_SIZE = 24;
const BITMAP_LIMIT = 16 << 20;
const CHUNK = 4096 * PAGE_DESC_SIZE;
const SCAN_LIMIT = 16 << 20;

interface Geometry {
  blockSize: number;
  subHdrSize: number;
  bitmapBlocks: number;
  littleEndian: boolean;
}

function popcount(buf: Buffer): number {
  let n = 0;
  for (let i = 0; i < buf.length; i++) {
    let v = buf[i] as number;
    while (v !== 0) {
      v &= v - 1;
      n++;
    }
  }
  return n;
}

/**
 * A reason when the page data is cut short; undefined when it looks whole or
 * cannot be checked cheaply. Pages are written in pfn order, so the last
 * descriptor that is not the shared zero page (whose data sits first, right
 * after the descriptor table) points at the last data written.
 */
export async function checkPageData(src: ByteSource, g: Geometry, headersEnd: number): Promise<string | undefined> {
  if (src.size === undefined) return undefined;
  const half = (g.bitmapBlocks * g.blockSize) / 2;
  if (half === 0 || half > BITMAP_LIMIT) return undefined;
  const bitmap2 = await src.read((1 + g.subHdrSize) * g.blockSize + half, half);
  if (bitmap2.length < half) return `truncated: the page bitmap is cut short`;
  const pages = popcount(bitmap2);
  if (pages === 0) return undefined;
  const tableEnd = headersEnd + pages * PAGE_DESC_SIZE;
  if (tableEnd > src.size) return `truncated: ${src.size} bytes, the page descriptors of ${pages} pages end at ${tableEnd}`;
  let hi = tableEnd;
  while (hi > headersEnd && tableEnd - hi < SCAN_LIMIT) {
    const lo = Math.max(headersEnd, hi - CHUNK);
    const chunk = await src.read(lo, hi - lo);
    for (let at = chunk.length - PAGE_DESC_SIZE; at >= 0; at -= PAGE_DESC_SIZE) {
      const offset = Number(g.littleEndian ? chunk.readBigInt64LE(at) : chunk.readBigInt64BE(at));
      if (offset === tableEnd) continue;
      const size = g.littleEndian ? chunk.readUInt32LE(at + 8) : chunk.readUInt32BE(at + 8);
      return offset + size > src.size ? `truncated: ${src.size} bytes, the last page's data ends at ${offset + size}` : undefined;
    }
    hi = lo;
  }
  return undefined;
}
