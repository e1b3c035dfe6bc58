// The state of the oops scan: one lane per printk caller id, and the rules
// for what joins an open report (die lines, consequence panics, repeated headers).
import type { LogRecord } from '../model/log.js';
import type { ReportBuilder } from './oops-report.js';

/** Panic reasons that are the consequence of the report before them, not a new crash. */
export const CONSEQUENCE = /^(?:Fatal exception|softlockup: hung tasks|hung_task: blocked tasks|Hard LOCKUP|RCU Stall|(?:\w+: )?panic_on_warn set|Oops|Machine halted|Fatal hardware error|Attempted to kill|kernel stack overflow|stack-protector|corrupted stack end|Fatal machine check|NMI: Not continuing)/;
export const OOM_REASON = /out of memory|deadlocked on memory|no killable processes/i;
/** Header types a die line (Oops:, invalid opcode:, Internal error:) completes rather than starts a report. */
export const DIE_JOINS = new Set<string>(['double-fault', 'bug', 'null-deref', 'page-fault', 'paging-request', 'stack-guard', 'stack-overflow', 'list-corruption', 'usercopy', 'unhandled-fault']);
/**
 * Atomic-context reports that a fault can interrupt while they print (in ___might_sleep, __schedule_bug, ...):
 * a fault header within this many records of theirs, before their stack, is a crash inside the report, so it
 * joins it (the report is the bug; the fault's stack is its stack).
 */
export const FAULT_JOINS = new Set<string>(['atomic-sleep', 'scheduling-while-atomic', 'preemptible-context']);
export const FAULT_TYPES = new Set<string>(['null-deref', 'paging-request', 'page-fault', 'gpf']);
export const FAULT_JOIN_WINDOW = 4;
/** Types whose header line may repeat inside one report (symbolized inline frames, kmemleak under "BUG: memory leak"). */
export const REPEATED_HEADERS = new Set<string>(['kasan', 'kmsan', 'kfence', 'memory-leak', 'warning', 'workqueue-lockup', 'bad-rss-counter']);
/** How many records after a report a consequence panic may follow. */
export const PANIC_WINDOW = 60;

/** True for records a user-space process wrote (syslog facility other than kernel). */
export function isUserRecord(r: LogRecord): boolean {
  return r.facility !== undefined && r.facility !== 0;
}

export class Lane {
  open: ReportBuilder | undefined;
  lastClosed: ReportBuilder | undefined;
  lastOut = -1;
}

/** A panic that repeats its report's headline ("scheduling while atomic" after "BUG: scheduling while atomic: ..."). */
export function echoes(message: string, reason: string): boolean {
  const head = message.replace(/^(?:BUG|WARNING|INFO): /, '');
  return reason.length >= 8 && head.startsWith(reason.replace(/[!.]+$/, ''));
}

export function latestOpen(lanes: Map<string, Lane>): ReportBuilder | undefined {
  let best: ReportBuilder | undefined;
  for (const l of lanes.values()) if (l.open?.kind !== undefined && (!best || l.open.last > best.last)) best = l.open;
  return best;
}
