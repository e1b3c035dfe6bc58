// Why the dump happened: sysrq-c, panic_on_oops, panic_on_warn,
// hung_task_panic, softlockup_panic, a hard lockup, panic_on_oom, an NMI or
// machine check, the stack protector, init dying, no root fs, or an explicit
// panic() with its message.
import type { LogRecord } from '../model/log.js';
import type { Oops, OopsTrigger, OopsType, TriggerKind } from '../model/oops.js';

/** Report types after which the kernel cannot go on: the usual cause of a dump. */
export const FATAL = new Set<OopsType>(['null-deref', 'paging-request', 'page-fault', 'gpf', 'divide-error', 'invalid-opcode',
  'stack-segment', 'stack-overflow', 'stack-guard', 'double-fault', 'bug', 'list-corruption', 'usercopy',
  'arm64-internal-error', 'unhandled-fault', 'panic', 'oom-panic']);

const REASONS: [RegExp, TriggerKind][] = [
  [/^sysrq triggered crash/i, 'sysrq'],
  [/panic_on_warn set/, 'panic-on-warn'],
  [/^hung_task: blocked tasks/, 'hung-task-panic'],
  [/^softlockup: hung tasks/, 'softlockup-panic'],
  [/^Hard LOCKUP|hardlockup/i, 'hardlockup'],
  [/out of memory|deadlocked on memory|no killable processes|panic_on_oom/i, 'oom-panic'],
  [/machine check|Fatal hardware error|MCE/i, 'mce'],
  [/NMI|IOCK|not continuing/i, 'nmi'],
  [/^stack-protector:|corrupted stack end/, 'stack-protector'],
  [/^Attempted to kill (?:init|the idle task)/, 'init-killed'],
  [/^VFS: Unable to mount root fs|Unable to mount root|^No working init found|^Requested init \S+ failed/, 'rootfs-mount'],
  [/^Fatal exception|^Oops/, 'panic-on-oops'],
];

function fromReason(reason: string): TriggerKind {
  for (const [re, k] of REASONS) if (re.test(reason)) return k;
  return 'panic';
}

/** The panic reason of a report: the panic that followed it, or its own headline when it is a panic line. */
function reasonOf(o: Oops): string | undefined {
  if (o.panic !== undefined) return o.panic;
  const m = /^Kernel panic - not syncing: ?(.*)$/.exec(o.message);
  return m ? (m[1] ?? '').trim() : undefined;
}

function sysrqCrash(records: readonly LogRecord[], user: ReadonlySet<number>): boolean {
  for (let i = records.length - 1; i >= 0 && i >= records.length - 400; i--) {
    if (!user.has(i) && /^(?:sysrq: |SysRq : )(?:SysRq : )?Trigger a crash/.test(records[i]?.text ?? '')) return true;
  }
  return false;
}

/** The trigger of a log's dump, from the primary report and the panic that ended the log; null when nothing stopped it. */
export function triggerOf(records: readonly LogRecord[], oopses: readonly Oops[], primary: Oops | undefined,
  user: ReadonlySet<number>, dump: boolean): OopsTrigger | null {
  if (sysrqCrash(records, user) || primary?.function === 'sysrq_handle_crash') {
    const r = primary ? reasonOf(primary) : undefined;
    return { kind: 'sysrq', detail: r !== undefined ? `Kernel panic - not syncing: ${r}` : 'sysrq: Trigger a crash' };
  }
  const panicking = primary && reasonOf(primary) !== undefined ? primary : oopses.find((o) => reasonOf(o) !== undefined);
  const reason = panicking ? reasonOf(panicking) : undefined;
  if (panicking && reason !== undefined) {
    let kind = fromReason(reason);
    // A panic repeating its report's headline ("scheduling while atomic") is the report's own panic_on_warn check.
    if (kind === 'panic' && panicking.type !== 'panic' && panicking.message.replace(/^(?:BUG|WARNING|INFO): /, '').startsWith(reason.replace(/[!.]+$/, ''))) kind = 'panic-on-warn';
    if (kind === 'panic' && panicking.type === 'oom-panic') kind = 'oom-panic';
    return { kind, detail: `Kernel panic - not syncing: ${reason}` };
  }
  if (primary && FATAL.has(primary.type)) {
    // An oops with no panic line: kdump was entered straight from the oops (panic_on_oops or oops in interrupt).
    const kdump = dump || records.some((r) => r.text.includes('Kdump: loaded') || /^Starting crashdump kernel/.test(r.text));
    if (kdump) return { kind: 'panic-on-oops', detail: primary.message };
  }
  if (dump) return { kind: 'unknown', detail: primary ? primary.message : 'no panic in the log' };
  return null;
}
