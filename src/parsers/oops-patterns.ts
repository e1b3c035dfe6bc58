// Classifies kernel log lines for oops extraction: which lines start a crash
// report, which continue one, which end one.
import type { OopsKind } from '../model/oops.js';

export type LineClass =
  | { type: 'cut' }
  | { type: 'start'; kind: OopsKind; message: string; function?: string; cpu?: number; pid?: number; comm?: string; detail?: string }
  | { type: 'die'; kind: OopsKind; message: string }
  | { type: 'panic'; message: string; reason: string }
  | { type: 'killed'; message: string; detail: string }
  | { type: 'end'; message: string }
  | { type: 'delimiter' };

const NOISE_PREFIXES = ['watchdog: ', 'NMI watchdog: ', 'rcu: ', 'kernel: ', 'traps: '];

type Rule = [prefix: string, re: RegExp, make: (m: RegExpExecArray, t: string) => LineClass];

const start = (kind: OopsKind, message: string, extra: Partial<Extract<LineClass, { type: 'start' }>> = {}): LineClass =>
  ({ type: 'start', kind, message, ...extra });

// Each rule has a literal prefix tested first, so ordinary lines cost a few
// startsWith() calls and never reach a regex.
const RULES: Rule[] = [
  ['---', /^-+\[ cut here \]-+$/, () => ({ type: 'cut' })],
  ['---', /^-+\[ end (?:trace|Kernel panic)\b/, (_m, t) => ({ type: 'end', message: t })],
  ['====================', /^={20,}$/, () => ({ type: 'delimiter' })],
  ['kernel BUG at ', /^kernel BUG at (\S.*?)!?$/, (_m, t) => start('bug', t)],
  ['BUG: kernel NULL pointer dereference, address: ', /^/, (_m, t) => start('null-deref', t)],
  ['BUG: unable to handle kernel NULL pointer dereference', /^/, (_m, t) => start('null-deref', t)],
  ['Unable to handle kernel NULL pointer dereference', /^/, (_m, t) => start('null-deref', t)],
  ['BUG: unable to handle ', /^BUG: unable to handle (?:page fault|kernel paging request)/, (_m, t) => start('page-fault', t)],
  ['Unable to handle kernel paging request', /^/, (_m, t) => start('page-fault', t)],
  ['BUG: KASAN: ', /^BUG: KASAN: ([\w-]+) in ([\w.$]+)/, (m, t) => start('kasan', t, { function: m[2] as string, detail: m[1] as string })],
  ['UBSAN: ', /^UBSAN: ([\w-]+) in (\S+)/, (m, t) => start('ubsan', t, { detail: m[1] as string })],
  ['BUG: soft lockup - CPU#', /^BUG: soft lockup - CPU#(\d+) stuck for \d+s! \[(.+):(\d+)\]/, (m, t) =>
    start('soft-lockup', t, { cpu: Number(m[1]), comm: m[2] as string, pid: Number(m[3]) })],
  ['Watchdog detected hard LOCKUP on cpu ', /^Watchdog detected hard LOCKUP on cpu (\d+)/, (m, t) => start('hard-lockup', t, { cpu: Number(m[1]) })],
  ['INFO: task ', /^INFO: task (.+):(\d+) blocked for more than \d+ seconds/, (m, t) =>
    start('hung-task', t, { comm: m[1] as string, pid: Number(m[2]) })],
  ['INFO: ', /^INFO: \w+ (?:self-)?detected stalls? on CPU/, (_m, t) => start('rcu-stall', t)],
  ['Out of memory: Kill', /^Out of memory: Kill(?:ed)? process (\d+) \((.+?)\)/, (m, t) => killed(m, t)],
  ['out of memory: Kill', /^out of memory: Kill(?:ed)? process (\d+) \((.+?)\)/, (m, t) => killed(m, t)],
  ['Memory cgroup out of memory: Kill', /^Memory cgroup out of memory: Kill(?:ed)? process (\d+) \((.+?)\)/, (m, t) => killed(m, t)],
  ['BUG: scheduling while atomic', /^/, (_m, t) => start('atomic-sleep', t)],
  ['BUG: sleeping function called from invalid context', /^/, (_m, t) => start('atomic-sleep', t)],
  ['WARNING: CPU: ', /^WARNING: CPU: (\d+) PID: (\d+) at \S+ ([\w.$]+)/, (m, t) =>
    start('warning', t, { cpu: Number(m[1]), pid: Number(m[2]), function: m[3] as string })],
  ['WARNING: at ', /^WARNING: at \S+ ([\w.$]+)\(\)/, (m, t) => start('warning', t, { function: m[1] as string })],
  ['WARNING: ', /^/, (_m, t) => start('lockdep', t)],
  ['general protection fault', /^general protection fault\b.*\[#\d+\]/, (_m, t) => ({ type: 'die', kind: 'gpf', message: t })],
  ['divide error: ', /^divide error: [0-9a-f]+ \[#\d+\]/, (_m, t) => ({ type: 'die', kind: 'divide-error', message: t })],
  ['invalid opcode: ', /^invalid opcode: [0-9a-f]+ \[#\d+\]/, (_m, t) => ({ type: 'die', kind: 'invalid-opcode', message: t })],
  ['Oops', /^Oops\b.*\[#\d+\]/, (_m, t) => ({ type: 'die', kind: 'oops', message: t })],
  ['Internal error: Oops', /^Internal error: Oops\b.*\[#\d+\]/, (_m, t) => ({ type: 'die', kind: 'oops', message: t })],
  ['PANIC: double fault', /^/, (_m, t) => start('double-fault', t)],
  ['double fault', /^/, (_m, t) => start('double-fault', t)],
  ['Kernel panic - not syncing', /^Kernel panic - not syncing: ?(.*)$/, (m, t) => ({ type: 'panic', message: t, reason: (m[1] ?? '').trim() })],
  ['BUG: ', /^/, (_m, t) => start('bug', t)],
];

function killed(m: RegExpExecArray, t: string): LineClass {
  return { type: 'killed', message: t, detail: `killed process ${m[1]} (${m[2]})` };
}

/** Rules by the char code their prefix starts with. */
const BY_FIRST = new Map<number, Rule[]>();
for (const r of RULES) {
  const c = r[0].charCodeAt(0);
  BY_FIRST.set(c, [...(BY_FIRST.get(c) ?? []), r]);
}

export function classifyLine(text: string): LineClass | undefined {
  let i = 0;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  let c = text.charCodeAt(i);
  if (c === 119 || c === 78 || c === 114 || c === 107 || c === 116) {
    for (const p of NOISE_PREFIXES) {
      if (text.startsWith(p, i)) {
        i += p.length;
        c = text.charCodeAt(i);
        break;
      }
    }
  }
  const rules = BY_FIRST.get(c);
  if (rules) {
    for (const [prefix, re, make] of rules) {
      if (!text.startsWith(prefix, i)) continue;
      const t = text.slice(i).trimEnd();
      const m = re.exec(t);
      if (m) return make(m, t);
    }
  }
  if (text.length > 25 && text.includes(' invoked oom-killer: ')) {
    const t = text.slice(i).trimEnd();
    const m = /^(.+) invoked oom-killer: /.exec(t);
    if (m) return start('oom-kill', t, { comm: m[1] as string });
  }
  return undefined;
}

const REPORT_PREFIXES = [
  'CPU: ', 'Hardware name:', 'Workqueue:', 'RIP:', 'Code:', 'RSP:', 'RAX:', 'RDX:', 'RBP:', 'R10:', 'R13:',
  'FS:', 'CS:', 'CR2:', 'DR0:', 'DR3:', 'DR6:', 'PKRU:', 'EFLAGS:', 'Call Trace:', 'Call trace:', 'Modules linked in:',
  'Kernel Offset:', '#PF:', 'PGD ', 'P4D ', 'PUD ', 'PMD ', 'PTE ', 'Oops', 'task:', 'Not tainted', 'Tainted:',
  '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs"', 'irq event stamp:', 'hardirqs last', 'softirqs last',
  'Sending NMI', 'NMI backtrace for cpu', '(detected by', '(t=', 'Read of size', 'Write of size', 'pc :', 'lr :',
  'sp :', 'ESR =', 'Mem abort info:', 'Data abort info:', 'Stack:', 'in_atomic(): ', 'preempt_count:', 'Preemption disabled at:',
  'INFO: lockdep is turned off', 'CR0:', 'ORIG_RAX:', 'Showing busy workqueues', 'Dumping ftrace buffer', 'Shutting down cpus',
  'Rebooting in', 'Kernel panic', 'Code starting with', 'Stack trace:', 'stack backtrace:', 'other info that might help',
];

/** Lines that belong inside a report once its Call Trace has started. */
export function isReportLine(text: string): boolean {
  const t = text.trim();
  if (t.length === 0) return true;
  if (isTraceLine(t)) return true;
  const c = t.charCodeAt(0);
  if (c === 60 /* < */ && t.endsWith('>') && t.length < 12) return true; // <TASK>, </IRQ>, <NMI>
  if (c === 120 /* x */ && /^x\d+ ?: /.test(t)) return true; // arm64 registers
  if (/^R(?:[0-9]{1,2}|[A-Z]{2}):\s/.test(t)) return true;
  for (const p of REPORT_PREFIXES) if (t.startsWith(p)) return true;
  return false;
}

const TRACE = /^(?:\[<[0-9a-f]+>\] )?(?:\? )?[\w.$]+\+0x[0-9a-f]+\/0x[0-9a-f]+(?: \[[\w-]+\])?/;

/** A Call Trace entry: ` vfs_write+0xc8/0x410`, ` ? _printk+0x68/0x83`, `direct_entry.cold+0x18/0x24 [lkdtm]`. */
export function isTraceLine(t: string): boolean {
  return TRACE.test(t);
}
