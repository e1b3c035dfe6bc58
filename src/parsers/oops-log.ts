// What a whole log says: which reports are real (a panic that the ordinary
// records of a running system follow did not stop the machine: it was
// written into the log by someone), which report led to the dump, and why
// the dump happened (the trigger).
import type { LogRecord } from '../model/log.js';
import type { Oops, OopsAnalysis } from '../model/oops.js';
import { FATAL, triggerOf } from './oops-trigger.js';

/** Lines a stopping kernel (or kdump) prints after its panic: not signs of a running system. */
const AFTERMATH = /^(?:---\[ end |Kernel Offset:|Rebooting in|Shutting down cpus|Dumping ftrace|CPU features:|Memory Limit:|SMP: stopping|kvm: exiting|reboot:|ACPI: Preparing|Starting crashdump|Loading crashdump|Bye!|sysrq: |SysRq : |NMI backtrace|Sending NMI|Uhhuh|Kernel panic|panic_on_|PANIC|\s|$)/;
/** Ordinary records after a panic that prove it did not stop the machine. */
const RUNNING_AFTER = 3;

/** True when ordinary records of the same boot follow record `last`. */
function runningAfter(records: readonly LogRecord[], last: number, oopses: readonly Oops[], user: ReadonlySet<number>): boolean {
  const ts = records[last]?.timestamp;
  let n = 0;
  for (let i = last + 1; i < records.length && n < RUNNING_AFTER; i++) {
    const r = records[i] as LogRecord;
    if (user.has(i)) continue;
    if (ts !== undefined && r.timestamp !== undefined && r.timestamp < ts) return false; // the next boot (kdump kernel)
    if (/^Linux version /.test(r.text)) return false;
    if (oopses.some((o) => i >= o.records.first && i <= o.records.last)) continue;
    if (AFTERMATH.test(r.text)) continue;
    n++;
  }
  return n >= RUNNING_AFTER;
}

function pickPrimary(oopses: readonly Oops[], dump: boolean): number {
  if (oopses.length === 0) return -1;
  const withPanic = oopses.findIndex((o) => o.panic !== undefined && o.type !== 'panic');
  if (withPanic !== -1) {
    const o = oopses[withPanic] as Oops;
    if (o.type === 'hung-task') return oopses.findIndex((x) => x.type === 'hung-task');
    if (/^(?:softlockup|Hard LOCKUP|RCU Stall)/.test(o.panic ?? '')) {
      const same = oopses.findIndex((x) => x.type === o.type);
      return same === -1 ? withPanic : same;
    }
    const firstFatal = oopses.findIndex((x) => FATAL.has(x.type));
    return firstFatal !== -1 && firstFatal < withPanic ? firstFatal : withPanic;
  }
  const fatal = oopses.findIndex((o) => FATAL.has(o.type));
  if (fatal !== -1) return fatal;
  return dump ? oopses.length - 1 : 0;
}

export function analyzeLog(records: readonly LogRecord[], found: Oops[], userIdx: number[], opts: { dump?: boolean }): OopsAnalysis {
  const user = new Set(userIdx);
  const ignored: OopsAnalysis['ignored'] = userIdx
    .filter((i) => /Kernel panic|BUG: |WARNING: |Oops|general protection/.test(records[i]?.text ?? ''))
    .map((i) => ({ record: i, reason: 'written by a user-space process (syslog facility)', text: records[i]?.text ?? '' }));
  const oopses: Oops[] = [];
  for (const o of found) {
    // panic() dumps the stack of its caller; a bare "Kernel panic" line that the running system outlived
    // was written into the log (through /dev/kmsg) by someone, it did not stop the machine.
    const bare = (o.type === 'panic' || o.type === 'oom-panic') && !o.trace?.length && o.cpu === undefined;
    if (bare && runningAfter(records, o.records.last, found, user)) {
      ignored.push({ record: o.records.first, reason: 'a bare panic line the running system outlived: written into the log, not what stopped the machine', text: o.message });
      continue;
    }
    oopses.push(o);
  }
  // One hung-task check reports every blocked task: the first report names them all.
  const hung = oopses.filter((o) => o.type === 'hung-task');
  if (hung.length > 1) {
    const first = hung[0] as Oops;
    first.blocked = hung.map((o) => `${o.comm ?? '?'}:${o.pid ?? '?'}`);
    first.panic ??= hung.find((o) => o.panic !== undefined)?.panic;
    if (first.panic === undefined) delete first.panic;
  }
  const p = pickPrimary(oopses, opts.dump ?? false);
  if (p !== -1) (oopses[p] as Oops).primary = true;
  const primary = p === -1 ? undefined : (oopses[p] as Oops);
  const trigger = triggerOf(records, oopses, primary, user, opts.dump ?? false);
  if (primary && trigger) primary.trigger = trigger;
  return { oopses, primary: p === -1 ? null : p, trigger, ignored };
}
