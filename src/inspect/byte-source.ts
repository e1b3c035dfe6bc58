// Random access to the bytes of a dump: a plain file, or the reassembled
// view of a flattened (makedumpfile -F) stream. Header readers work on this.
import type { FileHandle } from 'node:fs/promises';

export interface ByteSource {
  /**
   * Length of the (logical) file in bytes; undefined for a flattened stream,
   * whose length is only known after reading all of it.
   */
  readonly size: number | undefined;
  /** Up to `length` bytes at `offset`; shorter at the end of the data, never throws for ranges past it. */
  read(offset: number, length: number): Promise<Buffer>;
}

export async function readAt(fh: FileHandle, offset: number, length: number): Promise<Buffer> {
  if (length <= 0) return Buffer.alloc(0);
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, offset);
  return buf.subarray(0, bytesRead);
}

export function fileSource(fh: FileHandle, size: number): ByteSource {
  return { size, read: (offset, length) => readAt(fh, offset, length) };
}

/**
 * The one method of FileHandle that readElf (elf.ts) uses, served from a
 * ByteSource, so the ELF reader also works inside a flattened stream.
 */
export function asFileHandle(src: ByteSource): FileHandle {
  const read = async (buffer: Buffer, offset: number, length: number, position: number) => {
    const data = await src.read(position, length);
    data.copy(buffer, offset);
    return { bytesRead: data.length, buffer };
  };
  return { read } as unknown as FileHandle;
}
