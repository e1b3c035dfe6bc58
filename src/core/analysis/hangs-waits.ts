// Which kernel functions block on which kind of lock, and where the waiter
// record puts the task pointer relative to its list node (for reading the
// record off a task's stack, as crash must). Data only.
import type { LockKind } from '../../model/hang.js';

export interface WaitSite {
  kind: LockKind;
  mode?: 'read' | 'write';
}

const SITES: ReadonlyArray<[WaitSite, string[]]> = [
  [{ kind: 'rwsem', mode: 'write' }, ['rwsem_down_write_slowpath', 'rwsem_down_write_failed', '__rwsem_down_write_failed_common', 'rwsem_down_write_failed_killable']],
  [{ kind: 'rwsem', mode: 'read' }, ['rwsem_down_read_slowpath', 'rwsem_down_read_failed', '__rwsem_down_read_failed_common', 'rwsem_down_read_failed_killable']],
  [{ kind: 'mutex' }, ['__mutex_lock', '__mutex_lock_common', '__mutex_lock_slowpath', '__mutex_lock_killable_slowpath', '__mutex_lock_interruptible_slowpath', '__ww_mutex_lock', 'mutex_lock_io']],
  [{ kind: 'percpu-rwsem' }, ['percpu_rwsem_wait', '__percpu_down_read', 'percpu_down_write']],
  [{ kind: 'semaphore' }, ['__down_common', '__down', '__down_interruptible', '__down_killable', '__down_timeout']],
  [{ kind: 'completion' }, ['do_wait_for_common', '__wait_for_common', 'wait_for_common', 'wait_for_common_io', 'wait_for_completion', 'wait_for_completion_io', 'wait_for_completion_timeout', 'wait_for_completion_killable', 'wait_for_completion_interruptible']],
  [{ kind: 'folio' }, ['folio_wait_bit_common', 'wait_on_page_bit_common', '__folio_lock', '__lock_page', 'folio_wait_writeback', 'wait_on_page_writeback']],
  [{ kind: 'buffer' }, ['__wait_on_buffer', '__lock_buffer']],
];

const BY_NAME = new Map<string, WaitSite>(SITES.flatMap(([site, fns]) => fns.map((f) => [f, site] as [string, WaitSite])));

export function waitSite(fn: string): WaitSite | undefined {
  return BY_NAME.get(fn.replace(/(\.(constprop|isra|part|cold)(\.\d+)?)+$/, ''));
}

/**
 * The waiter record on the waiting task's stack, in 8-byte words relative to
 * the word holding the task pointer: where its list node starts.
 *   rwsem_waiter, mutex_waiter, semaphore_waiter: {list, task, ...}      node at -2
 *   swait_queue (completions):                    {task, task_list}      node at +1
 *   wait_queue_entry (percpu rwsem, wait queues): {flags, private, func, entry}  node at +2
 *   wait_page_queue (folio waits):                {folio, bit_nr, wait_queue_entry}: node at +2, folio at -3
 */
export const WAITER_NODE: Partial<Record<LockKind, number>> = {
  rwsem: -2,
  mutex: -2,
  semaphore: -2,
  completion: 1,
  'percpu-rwsem': 2,
  waitqueue: 2,
  folio: 2,
};

/** The lock's wait-list head: struct, then the member path of the list_head inside it. */
export const WAIT_HEAD: Partial<Record<LockKind, { type: string; path: Array<[string, string]> }>> = {
  rwsem: { type: 'rw_semaphore', path: [['rw_semaphore', 'wait_list']] },
  mutex: { type: 'mutex', path: [['mutex', 'wait_list']] },
  semaphore: { type: 'semaphore', path: [['semaphore', 'wait_list']] },
  completion: { type: 'completion', path: [['completion', 'wait'], ['swait_queue_head', 'task_list']] },
  'percpu-rwsem': { type: 'percpu_rw_semaphore', path: [['percpu_rw_semaphore', 'waiters'], ['wait_queue_head', 'head']] },
};
