// The `hangs` field of the report: the wait-for graph of blocked tasks (see
// src/model/hang.ts and docs/report-format.md).
import { z } from 'zod';

const since = z.number().nonnegative().nullable();
const lockKind = z.enum(['mutex', 'rwsem', 'percpu-rwsem', 'semaphore', 'completion', 'folio', 'buffer', 'waitqueue', 'none']);
const lock = z.object({ kind: lockKind, address: z.string().nullable(), name: z.string().nullable() });
const task = z.object({ pid: z.number().int(), comm: z.string(), state: z.string(), waitsIn: z.string().nullable(), since });

export const HangSchema = z.object({
  /** The task that holds everything up (end of the owner chain); null when no owner is known. */
  root: task.extend({ activity: z.string(), doing: z.string() }).nullable(),
  /** The lock the waiters wait on. */
  lock,
  /** Its owner (mutex, write-held rwsem); null when none is recorded. */
  owner: z.object({ pid: z.number().int(), comm: z.string() }).nullable(),
  waiters: z.array(task),
  /** The lock, then the lock its owner waits on, and so on down to the root. */
  chain: z.array(z.object({ lock, owner: z.object({ pid: z.number().int(), comm: z.string(), state: z.string() }).nullable(), note: z.string().nullable() })),
  /** The chain of owners comes back to a waiter: a deadlock. */
  cycle: z.boolean(),
  /** The last reader the kernel recorded, for an rwsem held for read. */
  readers: z.array(z.object({ pid: z.number().int(), comm: z.string() })),
  /** Tasks blocked behind the root through this group. */
  blocked: z.number().int().nonnegative(),
  summary: z.string(),
});
export type ReportHang = z.infer<typeof HangSchema>;
