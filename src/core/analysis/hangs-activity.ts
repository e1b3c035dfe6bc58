// What a task is doing, from its state and the function names of its stack.
import type { ActivityKind, WaitFacts } from '../../model/hang.js';

/** Frames of the scheduler itself: never the place a task waits "in". */
const SCHEDULER = new Set([
  '__switch_to', '__switch_to_asm', 'context_switch', '__schedule', 'schedule', 'schedule_preempt_disabled',
  'schedule_timeout', 'schedule_timeout_uninterruptible', 'schedule_timeout_interruptible', 'schedule_timeout_killable',
  'io_schedule', 'io_schedule_timeout', 'preempt_schedule', 'preempt_schedule_common', 'preempt_schedule_irq',
  '__cond_resched', '_cond_resched', 'schedule_hrtimeout_range_clock', 'schedule_hrtimeout_range', 'schedule_hrtimeout',
  'do_wait_for_common', '__wait_for_common', 'wait_for_common', 'wait_for_common_io', 'freezable_schedule',
]);

/** `__mutex_lock.constprop.0` → `__mutex_lock`. */
export function baseName(fn: string): string {
  return fn.replace(/(\.(constprop|isra|part|cold|llvm|lto_priv)(\.\d+)?)+$/, '');
}

/** The first frame above the scheduler: where the task waits. */
export function firstWaitFrame(stack: readonly string[]): number | undefined {
  const i = stack.findIndex((f) => !SCHEDULER.has(baseName(f)));
  return i < 0 ? undefined : i;
}

/** The outermost scheduler frame below the waiting frame (schedule, io_schedule, schedule_timeout, ...). */
export function schedulerFrame(stack: readonly string[]): string | undefined {
  const i = firstWaitFrame(stack) ?? stack.length;
  const fn = i > 0 ? stack[i - 1] : undefined;
  return fn ? baseName(fn) : undefined;
}

/** Frames whose name is unknown ("?") at the top of a stack scanned past the scheduler. */
function known(stack: readonly string[]): readonly string[] {
  return stack.filter((f) => f !== '?');
}

export function waitsIn(f: Pick<WaitFacts, 'stack' | 'waitFrame'>): string | null {
  const stack = f.waitFrame === undefined ? known(f.stack) : f.stack;
  const i = f.waitFrame ?? firstWaitFrame(stack);
  const fn = i === undefined ? stack[stack.length - 1] : stack[i];
  return fn ? baseName(fn) : null;
}

interface Rule {
  kind: ActivityKind;
  fns: string[];
  text: (fn: string) => string;
}

const RULES: readonly Rule[] = [
  { kind: 'userfault', fns: ['handle_userfault'], text: () => 'sleeps in handle_userfault (a userfaultfd fault nobody serves)' },
  {
    kind: 'io',
    fns: ['folio_wait_bit_common', 'wait_on_page_bit_common', 'folio_wait_bit', 'folio_wait_writeback', 'wait_on_page_writeback',
      '__folio_lock', '__lock_page', 'bit_wait_io', '__wait_on_buffer', 'wait_on_buffer', 'submit_bio_wait', 'blk_mq_get_tag',
      'blk_execute_rq', 'io_schedule', 'io_schedule_timeout', 'jbd2_log_wait_commit', 'wait_transaction_locked'],
    text: (fn) => `waits for I/O in ${fn}`,
  },
  { kind: 'pipe', fns: ['pipe_read', 'pipe_write', 'pipe_wait', 'pipe_wait_readable', 'pipe_wait_writable', 'wait_for_partner'], text: (fn) => `waits on a pipe in ${fn}` },
  { kind: 'futex', fns: ['futex_wait_queue', 'futex_wait_queue_me', 'futex_wait', 'do_futex'], text: () => 'waits on a futex (a user-space lock)' },
  { kind: 'poll', fns: ['do_sys_poll', 'do_select', 'core_sys_select', 'ep_poll', 'do_epoll_wait'], text: (fn) => `waits for events in ${fn}` },
  {
    kind: 'timer',
    fns: ['do_nanosleep', 'hrtimer_nanosleep', 'common_nsleep', 'msleep', 'msleep_interruptible', 'usleep_range_state', 'ssleep'],
    text: (fn) => `sleeps on a timer (${fn})`,
  },
];

/** Entry frames seen when a task was stopped on its way to or from user space. */
const USER_EDGE = /^(exit_to_user_mode|irqentry_exit_to_user_mode|syscall_exit_to_user_mode|ret_from_fork|entry_SYSCALL|asm_|do_syscall_64$)/;

export function activity(f: WaitFacts): { kind: ActivityKind; text: string } {
  const where = waitsIn(f);
  if (f.active || f.state === 'RU') return { kind: 'running', text: f.active ? 'is running on a CPU' : 'is runnable (waiting for a CPU)' };
  if (f.lock && f.lock.kind !== 'none') return { kind: 'blocked', text: `waits in ${where ?? '?'}` };
  const names = f.stack.map(baseName);
  for (const r of RULES) {
    const hit = names.find((n) => r.fns.includes(n));
    if (hit) return { kind: r.kind, text: r.text(SCHEDULER.has(hit) && where ? where : hit) };
  }
  if (names.length > 0 && names.every((n) => SCHEDULER.has(n) || USER_EDGE.test(n))) return { kind: 'user', text: 'is in user space' };
  if (where) return { kind: 'sleeping', text: `sleeps in ${where}` };
  return { kind: 'unknown', text: f.note ?? 'its stack could not be read' };
}

export function sinceText(ms: number | undefined): string {
  if (ms === undefined) return '';
  const s = ms / 1000;
  if (s < 1) return ' since less than a second';
  if (s < 120) return ` since ${Math.round(s)} s`;
  if (s < 7200) return ` since ${Math.round(s / 60)} min`;
  return ` since ${Math.round(s / 3600)} h`;
}
