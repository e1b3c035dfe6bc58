// Classifies kernel log lines for oops extraction: which lines start a crash
// report (and of which type), which continue one, which end one.
import type { OopsKind, OopsType } from '../model/oops.js';

export interface StartInfo {
  kind: OopsKind;
  otype: OopsType;
  message: string;
  function?: string;
  cpu?: number;
  pid?: number;
  comm?: string;
  detail?: string;
}

export type LineClass =
  | { type: 'cut'; hint?: OopsType }
  | ({ type: 'start' } & StartInfo)
  | ({ type: 'die' } & StartInfo)
  | { type: 'panic'; message: string; reason: string }
  | { type: 'killed'; message: string; detail: string }
  | { type: 'end'; message: string }
  | { type: 'delimiter' };

const NOISE_PREFIXES = ['watchdog: ', 'NMI watchdog: ', 'rcu: ', 'kernel: ', 'traps: ', 'kmemleak: '];

type Make = (m: RegExpExecArray, t: string) => LineClass | undefined;
type Rule = [prefix: string, re: RegExp, make: Make];

const st = (kind: OopsKind, otype: OopsType, extra: Partial<StartInfo> = {}): Make =>
  (_m, t) => ({ type: 'start', kind, otype, message: t, ...extra });
const die = (kind: OopsKind, otype: OopsType): Make => (_m, t) => ({ type: 'die', kind, otype, message: t });
const hint = (h: OopsType): Make => () => ({ type: 'cut', hint: h });

const FN = '([A-Za-z_$][\\w.$]*)';
const LOCKDEP_PAIRS: [string, OopsType][] = [
  ['possible circular locking dependency detected', 'lockdep-circular'],
  ['possible recursive locking detected', 'lockdep-recursive'],
  ['inconsistent lock state', 'lockdep-inconsistent'],
  ['possible irq lock inversion dependency detected', 'lockdep-circular'],
  ['HARDIRQ-safe -> HARDIRQ-unsafe lock order detected', 'lockdep-circular'],
  ['SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected', 'lockdep-circular'],
  ['suspicious RCU usage', 'suspicious-rcu'],
  ['bad unlock balance detected', 'bad-unlock-balance'],
  ['held lock freed', 'held-lock-freed'],
  ['lock held when returning to user space', 'lock-held-return-user'],
  ['trying to register non-static key', 'non-static-key'],
];

// Each rule has a literal prefix tested first, so ordinary lines cost a few
// startsWith() calls and never reach a regex. Order matters within a prefix.
const RULES: Rule[] = [
  ['---', /^-+\[ cut here \]-+$/, () => ({ type: 'cut' })],
  ['---', /^-+\[ end (?:trace|Kernel panic)\b/, (_m, t) => ({ type: 'end', message: t })],
  ['====================', /^={20,}$/, () => ({ type: 'delimiter' })],
  ['refcount_t: ', /^/, hint('refcount')],
  ['refcount_t ', /^refcount_t (?:hit zero|overflow|underflow)/, hint('refcount')],
  ['ODEBUG: ', /^ODEBUG: \w/, hint('odebug')],
  ['list_add corruption', /^/, hint('list-corruption')],
  ['list_del corruption', /^/, hint('list-corruption')],
  ['list_add double add', /^/, hint('list-corruption')],
  ['usercopy: Kernel memory ', /^/, hint('usercopy')],
  ['kernel BUG at ', /^kernel BUG at (\S.*?)!?$/, st('bug', 'bug')],
  ['Kernel BUG at ', /^/, st('bug', 'bug')],
  ['BUG: kernel NULL pointer dereference', /^/, st('null-deref', 'null-deref')],
  ['BUG: Kernel NULL pointer dereference', /^/, st('null-deref', 'null-deref')],
  ['BUG: unable to handle kernel NULL pointer dereference', /^/, st('null-deref', 'null-deref')],
  ['BUG: unable to handle page fault', /^/, st('page-fault', 'page-fault')],
  ['BUG: unable to handle kernel paging request', /^/, st('page-fault', 'paging-request')],
  ['BUG: Unable to handle kernel ', /^/, st('page-fault', 'paging-request')],
  ['BUG: unable to handle kernel', /^/, st('page-fault', 'paging-request')],
  ['Unable to handle kernel NULL pointer dereference', /^/, st('null-deref', 'null-deref')],
  ['Unable to handle kernel ', /^/, st('page-fault', 'paging-request')],
  ['"echo 0 > /proc/sys/kernel/hung_task_timeout_secs"', /^/, st('hung-task', 'hung-task')],
  ['BUG: KASAN: ', /^BUG: KASAN: ([\w-]+(?: or [\w-]+)?)(?: in (.+))?$/, (m, t) =>
    ({ type: 'start', kind: 'kasan', otype: 'kasan', message: t, detail: m[1] as string, ...fnOf(m[2]) })],
  ['BUG: KMSAN: ', /^BUG: KMSAN: ([\w-]+)(?: in (.+))?$/, (m, t) =>
    ({ type: 'start', kind: 'kasan', otype: 'kmsan', message: t, detail: m[1] as string, ...fnOf(m[2]) })],
  ['BUG: KCSAN: ', /^BUG: KCSAN: (.*)$/, (m, t) => ({ type: 'start', kind: 'kasan', otype: 'kcsan', message: t, detail: m[1] as string })],
  ['BUG: KFENCE: ', /^BUG: KFENCE: (.*?)(?: in (\S+))?$/, (m, t) =>
    ({ type: 'start', kind: 'kasan', otype: 'kfence', message: t, detail: m[1] as string, ...fnOf(m[2]) })],
  ['UBSAN: ', /^UBSAN: (.*?)(?: in (\S+))?$/, (m, t) => ({ type: 'start', kind: 'ubsan', otype: 'ubsan', message: t, detail: m[1] as string })],
  ['BUG: soft lockup', /^BUG: soft lockup(?: - CPU#(\d+) stuck for \d+s! \[(.+):(\d+)\])?/, (m, t) =>
    ({ type: 'start', kind: 'soft-lockup', otype: 'soft-lockup', message: t, ...(m[1] ? { cpu: Number(m[1]), comm: m[2] as string, pid: Number(m[3]) } : {}) })],
  ['Watchdog detected hard LOCKUP', /^Watchdog detected hard LOCKUP on cpu (\d+)/, (m, t) =>
    ({ type: 'start', kind: 'hard-lockup', otype: 'hard-lockup', message: t, cpu: Number(m[1]) })],
  ['INFO: task ', /^INFO: task (.+):(\d+) (?:blocked for more than \d+ seconds|can't die for more than)/, (m, t) =>
    ({ type: 'start', kind: 'hung-task', otype: 'hung-task', message: t, comm: m[1] as string, pid: Number(m[2]) })],
  ['INFO: ', /^INFO: rcu_\w+ (?:self-)?detected(?: expedited)? stalls? on|^INFO: rcu_\w+ detected stalls? on/, st('rcu-stall', 'rcu-stall')],
  ['BUG: workqueue lockup', /^/, st('bug', 'workqueue-lockup')],
  ['BUG: workqueue leaked', /^/, st('atomic-sleep', 'workqueue-leaked-lock')],
  ['BUG: scheduling while atomic', /^/, st('atomic-sleep', 'scheduling-while-atomic')],
  ['BUG: sleeping function called from invalid context', /^/, st('atomic-sleep', 'atomic-sleep')],
  ['BUG: using ', /^BUG: using (\S+) in preemptible/, (m, t) =>
    ({ type: 'start', kind: 'atomic-sleep', otype: 'preemptible-context', message: t, detail: m[1] as string })],
  ['BUG: Bad page state', /^/, st('bug', 'bad-page-state')],
  ['BUG: Bad page map', /^/, st('bug', 'bad-page-map')],
  ['BUG: Bad rss-counter', /^/, st('bug', 'bad-rss-counter')],
  ['BUG: non-zero pgtables_bytes', /^/, st('bug', 'bad-rss-counter')],
  ['BUG: stack guard page was hit', /^/, st('double-fault', 'stack-guard')],
  ['BUG: TASK stack guard page was hit', /^/, st('double-fault', 'stack-guard')],
  ['BUG: IRQ stack guard page was hit', /^/, st('double-fault', 'stack-guard')],
  ['BUG: memory leak', /^/, st('bug', 'memory-leak')],
  ['unreferenced object 0x', /^/, st('bug', 'memory-leak')],
  ['unregister_netdevice: waiting for ', /^unregister_netdevice: waiting for (\S+) to become free/, (m, t) =>
    ({ type: 'start', kind: 'bug', otype: 'netdev-unregister', message: t, detail: m[1] as string })],
  ['WARNING: CPU: ', new RegExp(`^WARNING: CPU: (\\d+) PID: (\\d+) at (\\S+) ${FN}`), (m, t) =>
    ({ type: 'start', kind: 'warning', otype: 'warning', message: t, cpu: Number(m[1]), pid: Number(m[2]), detail: m[3] as string, function: m[4] as string })],
  ['WARNING: at ', new RegExp(`^WARNING: at (\\S+) ${FN}`), (m, t) =>
    ({ type: 'start', kind: 'warning', otype: 'warning', message: t, detail: m[1] as string, function: m[2] as string })],
  ['WARNING: ', new RegExp(`^WARNING: (\\S+:\\d+) at ${FN}[^,]*, CPU#(\\d+): (.+)/(\\d+)$`), (m, t) =>
    ({ type: 'start', kind: 'warning', otype: 'warning', message: t, detail: m[1] as string, function: m[2] as string, cpu: Number(m[3]), comm: m[4] as string, pid: Number(m[5]) })],
  ['WARNING: ', /^WARNING: (.*)$/, (m, t) => lockdepLine(m[1] as string, t, 'warning')],
  ['INFO: ', /^INFO: (.*)$/, (m, t) => lockdepLine(m[1] as string, t, undefined)],
  ['BUG: ', /^BUG: (bad unlock balance detected|held lock freed|lock held when returning to user space)/, (m, t) => lockdepLine(m[1] as string, t, 'bug')],
  ['general protection fault', /^general protection fault\b/, die('gpf', 'gpf')],
  ['Oops: general protection fault', /^/, die('gpf', 'gpf')],
  ['divide error: ', /^/, die('divide-error', 'divide-error')],
  ['Oops: divide error', /^/, die('divide-error', 'divide-error')],
  ['invalid opcode: ', /^/, die('invalid-opcode', 'invalid-opcode')],
  ['Oops: invalid opcode', /^/, die('invalid-opcode', 'invalid-opcode')],
  ['stack segment: ', /^/, die('gpf', 'stack-segment')],
  ['Oops: stack segment', /^/, die('gpf', 'stack-segment')],
  ['kernel stack overflow', /^kernel stack overflow/, die('double-fault', 'stack-overflow')],
  ['Insufficient stack space to handle exception', /^/, st('double-fault', 'stack-overflow')],
  ['Oops', /^Oops\b.*\[#\d+\]/, die('oops', 'paging-request')],
  ['Internal error: ', /^Internal error: .*\[#\d+\]/, die('oops', 'arm64-internal-error')],
  ['Unhandled fault', /^/, st('oops', 'unhandled-fault')],
  ['PANIC: double fault', /^/, st('double-fault', 'double-fault')],
  ['double fault: ', /^/, die('double-fault', 'double-fault')],
  ['Kernel panic - not syncing', /^Kernel panic - not syncing: ?(.*)$/, (m, t) => ({ type: 'panic', message: t, reason: (m[1] ?? '').trim() })],
  ['Out of memory: Kill', /^Out of memory: Kill(?:ed)? process (\d+) \((.+?)\)/, (m, t) => killed(m, t)],
  ['out of memory: Kill', /^out of memory: Kill(?:ed)? process (\d+) \((.+?)\)/, (m, t) => killed(m, t)],
  ['Memory cgroup out of memory: Kill', /^Memory cgroup out of memory: Kill(?:ed)? process (\d+) \((.+?)\)/, (m, t) => killed(m, t)],
  ['BUG: ', /^BUG: (spinlock|rwlock) /, st('bug', 'bug')],
  ['BUG: ', /^BUG: (?!no syscalls)/, st('bug', 'bug')],
];

/** The function a header names ("in f+0x12/0x34 ..."); none for symbolized inline names ("in f file.h:71 [inline]"). */
function fnOf(s: string | undefined): { function?: string } {
  if (s === undefined || / \[inline\]$/.test(s)) return {};
  const m = /^([A-Za-z_$][\w.$]*)(?:\+0x|$|\(\))/.exec(s);
  return m ? { function: m[1] as string } : {};
}

function lockdepLine(rest: string, t: string, fallback: 'warning' | 'bug' | undefined): LineClass | undefined {
  for (const [p, otype] of LOCKDEP_PAIRS) {
    if (rest.startsWith(p)) return { type: 'start', kind: 'lockdep', otype, message: t };
  }
  if (fallback === undefined) return undefined;
  return { type: 'start', kind: fallback === 'warning' ? 'lockdep' : 'bug', otype: fallback, message: t };
}

function killed(m: RegExpExecArray, t: string): LineClass {
  return { type: 'killed', message: t, detail: `killed process ${m[1]} (${m[2]})` };
}

/** Rules by the char code their prefix starts with. */
const BY_FIRST = new Map<number, Rule[]>();
for (const r of RULES) {
  const c = r[0].charCodeAt(0);
  BY_FIRST.set(c, [...(BY_FIRST.get(c) ?? []), r]);
}

/** Where the message starts once blanks and subsystem prefixes (`watchdog: `, `rcu: `) are skipped. */
export function messageStart(text: string): number {
  let i = 0;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const c = text.charCodeAt(i);
  if (c === 119 || c === 78 || c === 114 || c === 107 || c === 116) {
    for (const p of NOISE_PREFIXES) if (text.startsWith(p, i)) return i + p.length;
  }
  return i;
}

export function classifyLine(text: string): LineClass | undefined {
  // Old lockdep headers: "[ INFO: possible circular locking dependency detected ]".
  const i = messageStart(text);
  if (text.charCodeAt(i) === 91 /* [ */ && text.charCodeAt(i + 1) === 32) {
    const old = /^\[ ((?:INFO|BUG|WARNING): .*?) \]\s*$/.exec(text.slice(i));
    if (old) return classifyLine(old[1] as string);
  }
  const c = text.charCodeAt(i);
  const rules = BY_FIRST.get(c);
  if (rules) {
    for (const [prefix, re, make] of rules) {
      if (!text.startsWith(prefix, i)) continue;
      const t = text.slice(i).trimEnd();
      const m = re.exec(t);
      if (!m) continue;
      const cls = make(m, t);
      if (cls) return cls;
    }
  }
  if (text.length > 25 && text.includes(' invoked oom-killer: ')) {
    const t = text.slice(i).trimEnd();
    const m = /^(.+) invoked oom-killer: /.exec(t);
    if (m) return { type: 'start', kind: 'oom-kill', otype: 'oom-kill', message: t, comm: m[1] as string };
  }
  return undefined;
}
