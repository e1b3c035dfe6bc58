// Decoding a lock's owner word: the task it names, with the flag bits masked.
//   mutex:  owner = task | MUTEX_FLAGS (0x7: waiters, handoff, pickup), 0 when unlocked.
//   rwsem:  owner = task | flags (bit 0 RWSEM_READER_OWNED; bits 1-2 non-spinnable, or before 5.3
//           bit 1 anonymously owned). Reader-owned: the task is the last reader, possibly gone since.
//           Since 5.3 count bit 0 is RWSEM_WRITER_LOCKED and the reader count is count >> 8.
//   percpu rwsem, semaphore, completion, wait queues: no owner is recorded.
import type { LockFacts } from '../../model/hang.js';

const FLAGS = 0x7n;
const MASK64 = (1n << 64n) - 1n;

export interface DecodedOwner {
  /** The owner (or last reader) task_struct address, hex without 0x. */
  task?: string;
  /** Held for read: `task` is only the last reader the kernel recorded. */
  readerOwned: boolean;
  /** Readers counted in the rwsem's count word (5.3+ layout), when read-held. */
  readers?: number;
  /** Why no owner is named. */
  note?: string;
}

export function parseWord(hex: string | undefined): bigint | undefined {
  if (hex === undefined) return undefined;
  const h = hex.trim().toLowerCase();
  const m = /^(-)?(?:0x)?([0-9a-f]{1,16})$/.exec(h);
  if (!m?.[2]) return undefined;
  const v = BigInt(`0x${m[2]}`);
  return m[1] ? (-v) & MASK64 : v;
}

/** A kernel pointer is in the upper half on x86_64 and arm64. */
function kernelPointer(v: bigint): boolean {
  return v >= 0xffff000000000000n;
}

const NO_OWNER_FIELD: Partial<Record<LockFacts['kind'], string>> = {
  'percpu-rwsem': 'no owner recorded (a percpu rw_semaphore keeps none)',
  semaphore: 'no owner recorded (a semaphore keeps none)',
  completion: 'no owner recorded (a completion is signalled by whoever calls complete())',
  folio: 'no owner recorded (the page lock or writeback bit keeps none; the I/O or the task holding the page lock ends it)',
  buffer: 'no owner recorded (a buffer lock keeps none)',
  waitqueue: 'no owner recorded (a wait queue has no owner; someone must wake it)',
  none: 'no lock found',
};

export function decodeOwner(lock: LockFacts): DecodedOwner {
  const fixed = NO_OWNER_FIELD[lock.kind];
  if (fixed) return { readerOwned: false, note: fixed };
  const raw = parseWord(lock.owner);
  if (raw === undefined) return { readerOwned: false, note: 'owner field not read' };
  const task = raw & ~FLAGS & MASK64;
  if (lock.kind === 'mutex') {
    if (task === 0n) return { readerOwned: false, note: 'unlocked when the dump was taken (owner field is 0)' };
    if (!kernelPointer(task)) return { readerOwned: false, note: `owner field 0x${raw.toString(16)} is not a task pointer` };
    return { task: task.toString(16), readerOwned: false };
  }
  // rwsem
  const readerOwned = (raw & 1n) === 1n;
  const count = parseWord(lock.count);
  const readers = count !== undefined && readerOwned ? Number((count & MASK64) >> 8n) : undefined;
  if (task === 0n) {
    const note = readerOwned ? 'held for read; no reader recorded' : 'no owner recorded in the owner field';
    return { readerOwned, readers, note };
  }
  if (!kernelPointer(task)) return { readerOwned, readers, note: `owner field 0x${raw.toString(16)} is not a task pointer` };
  return readerOwned
    ? { task: task.toString(16), readerOwned, readers, note: 'held for read: the owner field names the last reader, which may have released it since' }
    : { task: task.toString(16), readerOwned };
}
