// The flattened format (makedumpfile -F, for dumps sent through a pipe or
// ssh): a 4 KiB header "makedumpfile" + type + version (big-endian), then
// records {offset: int64 BE, size: int64 BE, data[size]} that say where each
// piece goes in the real file, and an end marker {-1, -1}. This source
// reassembles the ranges a reader asks for, scanning record headers lazily:
// the headers of the inner dump come first in the stream.
import type { ByteSource } from './byte-source.js';

export const FLAT_SIGNATURE = 'makedumpfile';
const FLAT_HEADER_SIZE = 4096;
const RECORD_HEADER = 16;
const MAX_RECORDS = 100_000;

interface FlatRecord {
  offset: number;
  size: number;
  at: number;
}

export interface FlattenedSource extends ByteSource {
  /** Whether the stream ends with makedumpfile's end marker (else it was cut short). */
  hasEndMarker(): Promise<boolean>;
}

export function isFlattened(head: Buffer): boolean {
  return head.length >= 24 && head.toString('latin1', 0, 13) === `${FLAT_SIGNATURE}\0` && head.readBigInt64BE(16) === 1n;
}

export function flattenedSource(file: ByteSource, fileSize: number): FlattenedSource {
  const records: FlatRecord[] = [];
  let next = FLAT_HEADER_SIZE;
  let done = false;

  const scanOne = async (): Promise<FlatRecord | undefined> => {
    if (done || records.length >= MAX_RECORDS || next + RECORD_HEADER > fileSize) {
      done = true;
      return undefined;
    }
    const h = await file.read(next, RECORD_HEADER);
    const offset = Number(h.readBigInt64BE(0));
    const size = Number(h.readBigInt64BE(8));
    if (h.length < RECORD_HEADER || offset < 0 || size < 0 || next + RECORD_HEADER + size > fileSize) {
      done = true;
      return undefined;
    }
    const rec = { offset, size, at: next + RECORD_HEADER };
    records.push(rec);
    next = rec.at + size;
    return rec;
  };

  const read = async (offset: number, length: number): Promise<Buffer> => {
    const end = offset + length;
    // Scan until the writer has moved past the range (a record starting after it).
    while (!records.some((r) => r.offset >= end)) if ((await scanOne()) === undefined) break;
    const out = Buffer.alloc(length);
    let reached = offset;
    for (const r of records) {
      const from = Math.max(r.offset, offset);
      const to = Math.min(r.offset + r.size, end);
      if (from >= to) {
        if (r.offset >= end) reached = end;
        continue;
      }
      const data = await file.read(r.at + (from - r.offset), to - from);
      data.copy(out, from - offset);
      reached = Math.max(reached, from + data.length);
    }
    return out.subarray(0, Math.max(0, reached - offset));
  };

  const hasEndMarker = async (): Promise<boolean> => {
    const tail = await file.read(fileSize - RECORD_HEADER, RECORD_HEADER);
    return tail.length === RECORD_HEADER && tail.readBigInt64BE(0) === -1n && tail.readBigInt64BE(8) === -1n;
  };

  return { size: undefined, read, hasEndMarker };
}
