// Culprits of stalls and hangs. A soft lockup or RCU stall catches the CPU
// at a random point of the looping code, so the title names a representative
// frame deeper in the interrupted stack: the one just before the first
// dispatching "anchor" (syscall entry, vfs_write, process_one_work, ...). A
// hung task names the first frame past its blocking primitive.
import type { OopsType } from '../model/oops.js';
import { baseName, type Culprit, type Frame } from './oops-frames.js';
import { type Piece, type Scan, frames } from './oops-sections.js';
import { isSkipped } from './oops-skip.js';

const ANCHORS = new RegExp([
  'process_one_work', 'do_syscall_', 'do_fast_syscall_', 'sysenter_dispatch', 'tracesys_phase2', 'netif_receive_skb',
  'do_softirq', 'call_timer_fn', '_run_timers', 'run_timer_softirq', 'run_ksoftirqd', 'smpboot_thread_fn', 'kthread',
  'start_secondary', 'cpu_startup_entry', 'ret_from_fork', 'vfs_write', 'vfs_read', 'vfs_iter_read', 'vfs_iter_write',
  'do_iter_read', 'do_iter_write', 'vfs_ioctl', 'blkdev_driver_ioctl', 'blkdev_ioctl', '^call_read_iter',
  '^call_write_iter', 'do_iter_readv_writev', '^call_mmap', 'mmap_region', 'do_mmap', 'do_dentry_open', 'vfs_open',
  '^sock_sendmsg', '^sock_recvmsg', '^sock_release', '^__sock_release', '__sys_setsockopt', 'kernel_setsockopt',
  'sock_common_setsockopt', '__sys_listen', 'kernel_listen', 'sk_common_release', '^sock_mmap', '__sys_accept',
  'kernel_accept', '^sock_do_ioctl', '^sock_ioctl', '^compat_sock_ioctl', '^nfnetlink_rcv_msg',
  '^(?:compat_)?(?:SYSC|SyS|__sys|___sys|__do_sys|__se_sys|__x64_sys)_(?:socketpair|connect|ioctl)', '__do_fault',
  'handle_mm_fault', 'do_page_fault', '^page_fault$', '__fput', 'task_work_run', 'exit_to_usermode',
  'exit_to_user_mode', '^el0_svc', '^invoke_syscall', '^worker_thread',
  // Later additions to syzkaller's list: the read/write/ioctl entries newer kernels call, softirq dispatchers.
  'el0_svc_handler', 'ret_fast_syscall', 'hrtimer_run', 'new_sync_read', 'new_sync_write', 'ksys_ioctl', 'compat_ioctl',
  '^rtnetlink_rcv_msg', '^netlink_dump', 'tasklet_action', 'tasklet_hi_action', '^setsockopt$', '^listen$', '^accept$',
].join('|'));

/** Interrupt entries: the stalled code is what they interrupted. */
const IRQ_ENTRY = /apic_timer_interrupt|^el1_interrupt$|^el1h_64_irq$|^call_on_irq_stack$|^gic_handle_irq$/;

function interrupted(scan: Scan): Frame[] | undefined {
  const ps = scan.pieces;
  const entry = ps.findIndex((p) => p.k === 'frame' && IRQ_ENTRY.test(baseName(p.f.function)));
  if (entry !== -1) {
    const sec = (ps[entry] as Piece).sec;
    const rest = ps.slice(entry + 1).filter((p) => p.sec === sec);
    const rip = rest.findIndex((p) => p.k === 'rip' && !p.user && !p.lr);
    const after = rip === -1 ? rest.filter((p) => p.k !== 'frame' || !IRQ_ENTRY.test(baseName(p.f.function))) : rest.slice(rip);
    const out = ripAndFrames(after);
    if (out.length > 0) return out;
  }
  // The stalled CPU's NMI backtrace (printed by the CPU that noticed), else its own task dump.
  for (let n = 0; n < scan.sections.length; n++) {
    if (scan.sections[n] !== 'nmi') continue;
    const out = ripAndFrames(afterIrq(ps.filter((p) => p.sec === n)));
    if (out.length > 0) return out;
  }
  return undefined;
}

/** The pieces after the last </IRQ> or </NMI> marker, when there is one. */
function afterIrq(ps: Piece[]): Piece[] {
  let last = -1;
  ps.forEach((p, i) => {
    if (p.k === 'marker' && (p.m === '</IRQ>' || p.m === '</NMI>')) last = i;
  });
  if (last === -1) return ps;
  // The RIP of the interrupted context is printed before the Call Trace, keep it.
  const rip = ps.find((p) => p.k === 'rip' && !p.user && !p.lr);
  return rip ? [rip, ...ps.slice(last + 1)] : ps.slice(last + 1);
}

function ripAndFrames(ps: Piece[]): Frame[] {
  const out: Frame[] = [];
  for (const p of ps) {
    if (p.k === 'rip' && !p.user && !p.lr && p.f && !p.f.inline) out.push(p.f);
    else if (p.k === 'frame' && p.f.reliable && !p.f.inline) out.push(p.f);
  }
  return out;
}

/** The report's own RIP and Call Trace (no interrupted-code search): a stack overflow's recursion. */
export function overflowFrame(scan: Scan, otype: OopsType, groups: readonly string[]): Culprit {
  return stallFrame(scan, otype, groups, false);
}

/**
 * A frame before the first anchor. Also names stack overflows (guard page hit, arm64's bad stack):
 * the recursion repeats one frame many times, the anchor names the entry into it.
 */
export function stallFrame(scan: Scan, otype: OopsType, groups: readonly string[], irq = true): Culprit {
  let cands = irq ? interrupted(scan) : undefined;
  if (!cands) {
    const rip = scan.pieces.find((p) => p.k === 'rip' && !p.user && !p.lr && p.f && !p.f.inline);
    // Only the report's own stack: not the starved RCU kthread's or another task's dump printed after it.
    const own = (n: number): boolean => scan.sections[n] === 'call' && !['aux', 'task'].includes(scan.sections[n - 1] ?? '');
    const all = afterIrq(scan.pieces.filter((p) => own(p.sec) || p === rip));
    cands = ripAndFrames(rip && !all.includes(rip) ? [rip, ...all] : all);
  }
  const kept = cands.filter((f) => !isSkipped(baseName(f.function), [...groups, otype]));
  if (kept.length === 0) return { reason: 'no frame of the stalled code' };
  let prev = kept[0] as Frame;
  for (const f of kept) {
    if (ANCHORS.test(baseName(f.function))) return { frame: prev };
    prev = f;
  }
  return { frame: kept[0] as Frame };
}

const HUNG_ANCHORS: [string, string][] = [
  ['rtnl_lock', ''], ['synchronize_rcu', 'synchronize_rcu'], ['synchronize_srcu', 'synchronize_rcu'],
  ['synchronize_net', 'synchronize_rcu'], ['synchronize_sched', 'synchronize_rcu'],
];
const HUNG_SKIP = ['sched', '_lock', '_slowlock', 'down', 'completion', 'kthread', 'wait', 'synchronize',
  'context_switch', '__switch_to', 'cancel_delayed_work', 'rwsem', 'mutex', 'io_schedule', 'folio_wait', 'bit_wait'];

const HUNG_ENTRY = /^(?:kernel_thread_helper|ret_from_fork|ret_from_kernel_thread|entry_SYSCALL|do_syscall_|ret_from_fork_asm)/;

export function hungFrame(scan: Scan, groups: readonly string[]): Culprit {
  const n = scan.sections.indexOf('call');
  const stack = frames(scan.pieces.filter((p) => p.sec === (n === -1 ? 0 : n)));
  const kept = stack.filter((f) => !isSkipped(baseName(f.function), groups));
  for (const f of kept) {
    const b = baseName(f.function);
    for (const [a, repl] of HUNG_ANCHORS) if (b.startsWith(a)) return { frame: repl ? { ...f, function: repl } : f };
  }
  for (const f of kept) {
    const b = baseName(f.function);
    if (!HUNG_ENTRY.test(b) && !HUNG_SKIP.some((s) => b.includes(s))) return { frame: f };
  }
  // The unwinder lost the thread function: the kernel thread itself is the best name left.
  const k = kept.find((f) => /^kthread$/.test(baseName(f.function)));
  return k ? { frame: k } : { reason: 'every frame of the blocked task is a blocking primitive' };
}
