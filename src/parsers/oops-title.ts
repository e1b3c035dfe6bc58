// Titles in kernel developers' format ("KASAN: slab-use-after-free Read in
// tcp_close", "WARNING in sk_stream_kill_queues", "INFO: task hung in
// jbd2_journal_commit_transaction"), the alternative titles one bug commonly
// gets, and the normalised title signatures group by.
import type { OopsType } from '../model/oops.js';

export interface TitleInput {
  otype: OopsType;
  message: string;
  /** Culprit name as titles print it (titleName()), or undefined. */
  fn: string | undefined;
  detail?: string;
  /** WARNING's file ("lib/refcount.c:28"), for the special WARNING families. */
  file?: string;
  /** Access kind of sanitizer reports: "Read" / "Write". */
  access?: string;
  panic?: string;
  killed?: string;
  /** Title family of a WARNING or kernel BUG (refcount, ODEBUG, locking, ...). */
  family?: string;
  /** The die line that joined the header ("Internal error: kernel stack overflow: 0 [#1]" on 32-bit ARM). */
  die?: string;
}

const FAULT_ALT = new Set<OopsType>(['null-deref', 'paging-request', 'page-fault', 'gpf', 'kasan']);

/** "label in fn"; just the label when no culprit is reliable (the report is then marked corrupted). */
function inFn(label: string, fn: string | undefined): string {
  return fn === undefined ? label : `${label} in ${fn}`;
}

/** "BUG: spinlock bad magic on CPU#0, ..." -> "BUG: spinlock bad magic". */
function bugLabel(message: string): string {
  return message.replace(/(?::| on CPU| at | in | - |, |\().*$/, '').replace(/[!.]+$/, '').trim();
}

/** Prefix of a lockdep-style header ("WARNING", "INFO" or "BUG"). */
const prefixOf = (message: string): string => /^(WARNING|INFO|BUG)\b/.exec(message)?.[1] ?? 'WARNING';

export function makeTitle(t: TitleInput): string {
  const { otype, fn } = t;
  switch (otype) {
    case 'null-deref': return inFn('BUG: unable to handle kernel NULL pointer dereference', fn);
    case 'paging-request':
    case 'page-fault': return inFn('BUG: unable to handle kernel paging request', fn);
    case 'gpf': return inFn('general protection fault', fn);
    case 'divide-error': return inFn('divide error', fn);
    case 'invalid-opcode': return inFn('invalid opcode', fn);
    case 'stack-segment': return inFn('stack segment fault', fn);
    // 32-bit ARM dies with "Internal error: kernel stack overflow", which developers title like any Internal error.
    case 'stack-overflow': return inFn(/^Internal error:/.test(t.die ?? '') ? 'Internal error' : 'kernel stack overflow', fn);
    case 'stack-guard': return inFn('BUG: stack guard page was hit', fn);
    case 'double-fault': return inFn('PANIC: double fault', fn);
    case 'bug':
      if (/^kernel BUG|^Kernel BUG/.test(t.message)) return inFn('kernel BUG', fn);
      // Named BUGs with a culprit (spinlock/rwlock debugging, locks held at exit); the rest are titled by their message.
      if (/^BUG: (?:spinlock|rwlock) |still has locks held/.test(t.message)) return inFn(bugLabel(t.message), fn);
      return t.message.replace(/(?::| on CPU#?\d| at \S+| in process ).*$/, '').trim();
    case 'warning':
      if (t.family === 'usb_submit_urb') return fn === undefined ? 'WARNING in usb_submit_urb' : `WARNING in ${fn}/usb_submit_urb`;
      return inFn(t.family ? `WARNING: ${t.family}` : 'WARNING', fn);
    case 'refcount': return inFn('WARNING: refcount bug', fn);
    case 'odebug': return inFn('WARNING: ODEBUG bug', fn);
    case 'list-corruption': return inFn('BUG: corrupted list', fn);
    case 'usercopy': return inFn(t.message.startsWith('WARNING') ? 'WARNING: bad usercopy' : 'BUG: bad usercopy', fn);
    case 'kasan': {
      const d = t.detail ?? 'bug';
      if (/free/.test(d) && !/use-after-free/.test(d)) return inFn(`KASAN: ${d === 'double-free' ? 'double-free' : 'invalid-free'}`, fn);
      return inFn(`KASAN: ${d}${t.access ? ` ${t.access}` : ''}`, fn);
    }
    case 'kmsan': return inFn(`KMSAN: ${t.detail ?? 'bug'}`, fn);
    case 'kcsan': return `KCSAN: ${(t.detail ?? '').replace(/\+0x[0-9a-f]+\/0x[0-9a-f]+/g, '').replace(/\.(?:isra|constprop|part|cold|llvm)[.\d]*/g, '')}`;
    case 'kfence': return inFn(`KFENCE: ${t.detail ?? 'bug'}`, fn);
    case 'ubsan': return inFn(`UBSAN: ${t.detail === 'Undefined behaviour' ? 'undefined-behaviour' : t.detail ?? 'bug'}`, fn);
    case 'lockdep-circular':
    case 'lockdep-recursive': return inFn('possible deadlock', fn);
    case 'lockdep-inconsistent': return inFn('inconsistent lock state', fn);
    case 'suspicious-rcu': return inFn(`${prefixOf(t.message)}: suspicious RCU usage`, fn);
    case 'bad-unlock-balance': return inFn(`${prefixOf(t.message)}: bad unlock balance`, fn);
    case 'held-lock-freed': return inFn(`${prefixOf(t.message)}: held lock freed`, fn);
    case 'lock-held-return-user': return inFn(`${prefixOf(t.message)}: lock held when returning to user space`, fn);
    case 'non-static-key': return inFn('INFO: trying to register non-static key', fn);
    case 'atomic-sleep': return inFn('BUG: sleeping function called from invalid context', fn);
    case 'scheduling-while-atomic': return inFn('BUG: scheduling while atomic', fn);
    case 'preemptible-context': return inFn(`BUG: using ${t.detail ?? 'smp_processor_id()'} in preemptible code`, fn);
    case 'workqueue-leaked-lock': return inFn('BUG: workqueue leaked lock or atomic', fn);
    case 'bad-page-state': return 'BUG: Bad page state';
    case 'bad-page-map': return 'BUG: Bad page map';
    case 'bad-rss-counter': return 'BUG: Bad rss-counter state';
    case 'soft-lockup': return inFn('BUG: soft lockup', fn);
    case 'hard-lockup': return inFn('BUG: hard lockup', fn);
    case 'rcu-stall': return inFn('INFO: rcu detected stall', fn);
    case 'hung-task': return inFn('INFO: task hung', fn);
    case 'workqueue-lockup': return 'BUG: workqueue lockup';
    case 'netdev-unregister': return 'unregister_netdevice: waiting for DEV to become free';
    case 'memory-leak': return inFn('memory leak', fn);
    case 'oom-kill': return 'Out of memory: Killed process';
    case 'oom-panic': return `kernel panic: ${t.panic ?? t.message.replace(/^Kernel panic - not syncing: ?/, '')}`;
    case 'arm64-internal-error': return inFn('Internal error', fn);
    case 'unhandled-fault': return inFn('Unhandled fault', fn);
    case 'panic': {
      const reason = t.panic ?? t.message.replace(/^Kernel panic - not syncing: ?/, '');
      if (/^stack-protector: /.test(reason)) return inFn('kernel panic: stack is corrupted', fn);
      if (/^corrupted stack end/.test(reason)) return inFn('kernel panic: corrupted stack end', fn);
      return `kernel panic: ${reason.replace(/^(Attempted to kill init!).*$/, '$1').replace(/\s+$/, '')}`;
    }
  }
}

/** Other titles of the same bug: faults and bad accesses group as "bad-access in f". */
export function altTitles(otype: OopsType, fn: string | undefined, title: string): string[] {
  const out: string[] = [];
  if (fn !== undefined && FAULT_ALT.has(otype) && !/free in /.test(title)) out.push(`bad-access in ${fn}`);
  if (fn !== undefined && otype === 'list-corruption') out.push(`WARNING in ${fn}`);
  return out;
}

/** The title with addresses, numbers and offsets replaced, for grouping. */
export function normalizeTitle(title: string): string {
  return title
    .replace(/\+0x[0-9a-f]+\/0x[0-9a-f]+/gi, '')
    .replace(/\b0x[0-9a-f]+\b/gi, 'ADDR')
    .replace(/\b[0-9a-f]{8,}\b/gi, 'ADDR')
    .replace(/(?<![\w.])\d+(?:\.\d+)?(?![\w])/g, 'NUM')
    .replace(/\s+/g, ' ')
    .trim();
}
