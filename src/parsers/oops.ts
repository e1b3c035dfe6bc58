// Finds kernel crash reports (BUG, Oops, GPF, WARNING, panic, lockups, hung
// tasks, RCU stalls, OOM, sanitizers, lockdep, ...) in log records. Records
// carrying printk caller ids ([ T123] / [ C1]) are split into one lane per
// caller, so reports printed by CPUs at the same time do not mix; records
// from user-space syslog facilities (written through /dev/kmsg) are never
// read as reports.
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { LogRecord } from '../model/log.js';
import type { Oops, OopsAnalysis } from '../model/oops.js';
import { parseDmesg } from './log/dmesg.js';
import { analyzeLog } from './oops-log.js';
import { stripRecordPrefixes } from './oops-lines.js';
import { classifyLine, type LineClass } from './oops-patterns.js';
import { isUserRecord } from './oops-lanes.js';
import { CONSEQUENCE, DIE_JOINS, echoes, FAULT_JOIN_WINDOW, FAULT_JOINS, FAULT_TYPES, Lane, latestOpen, OOM_REASON, PANIC_WINDOW, REPEATED_HEADERS } from './oops-lanes.js';
import { DELIMITED, ReportBuilder } from './oops-report.js';

export { isUserRecord } from './oops-lanes.js';

/** The reports of a log, the one that led to the dump marked `primary`; injected panics left out. */
export function extractOops(records: readonly LogRecord[]): Oops[] {
  return analyzeOops(records).oopses;
}

function scanOops(records: readonly LogRecord[]): { oopses: Oops[]; user: number[] } {
  const out: (Oops | undefined)[] = [];
  const user: number[] = [];
  const lanes = new Map<string, Lane>();
  const usesCallers = records.some((r) => r.caller !== undefined);
  let collector: ReportBuilder | undefined;

  const close = (lane: Lane): void => {
    const b = lane.open;
    if (!b) return;
    const o = b.build();
    if (o) {
      out.push(o);
      lane.lastClosed = b;
      lane.lastOut = out.length - 1;
    }
    if (collector === b) collector = undefined;
    lane.open = undefined;
  };
  const fresh = (lane: Lane, idx: number, rec: LogRecord): ReportBuilder => {
    close(lane);
    lane.open = new ReportBuilder(idx, rec.timestamp, rec.caller);
    return lane.open;
  };

  for (let idx = 0; idx < records.length; idx++) {
    const raw = records[idx] as LogRecord;
    const text = stripRecordPrefixes(raw.text);
    const rec = text === raw.text ? raw : { ...raw, text };
    if (isUserRecord(rec)) {
      user.push(idx);
      continue;
    }
    const key = usesCallers ? rec.caller ?? '' : '';
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = new Lane()));
    const nl = rec.text.indexOf('\n');
    const cls: LineClass | undefined = classifyLine(nl === -1 ? rec.text : rec.text.slice(0, nl));
    if (cls === undefined) {
      // NMI backtraces of other CPUs join the stall or lockup that asked for them.
      if (!lane.open && usesCallers && collector && key.startsWith('C')) {
        collector.add(idx, rec.text);
      } else if (lane.open && lane.open.accepts(rec.text, idx)) lane.open.add(idx, rec.text);
      else if (lane.open) close(lane);
      if (lane.open && usesCallers && /Sending NMI from CPU|NMI backtrace for cpu/.test(rec.text)) collector = lane.open;
      continue;
    }
    switch (cls.type) {
      case 'cut': {
        const o = lane.open;
        // A hint line (ODEBUG:, refcount_t:, ...) printed right under its WARNING line belongs to it.
        const under = o !== undefined && o.kind !== undefined && cls.hint !== undefined && !o.inTrace && idx - o.first <= 4;
        const b = o && (o.kind === undefined || under) ? o : fresh(lane, idx, rec);
        if (cls.hint !== undefined) b.hint ??= cls.hint;
        b.add(idx, rec.text);
        break;
      }
      case 'start': {
        const o = lane.open;
        // Repeated headers of one report (KASAN's inline-expanded header lines, kmemleak under "BUG: memory leak",
        // the hung-task hint after its INFO line) join it.
        // Before 4.x a hard lockup was a WARNING at kernel/watchdog.c followed by its own line.
        const lockupWarn = o?.otype === 'warning' && cls.otype === 'hard-lockup' && !o.inTrace && /watchdog/.test(o.message);
        if (o && lockupWarn) o.headlineFn = undefined;
        const repeat = REPEATED_HEADERS.has(cls.otype) || cls.message === o?.message || (cls.otype === 'hung-task' && cls.pid === undefined);
        const same = o !== undefined && ((o.otype === cls.otype && repeat) || lockupWarn) && !o.inTrace && idx - o.first <= 8;
        // A fault while an atomic-context report prints (before its stack): a crash inside that report.
        const inner = o !== undefined && FAULT_JOINS.has(o.otype ?? '') && FAULT_TYPES.has(cls.otype) && !o.inTrace && idx - o.first <= FAULT_JOIN_WINDOW;
        if (o && inner) {
          o.faulted = true;
          o.dieMessage = cls.message;
          o.add(idx, rec.text);
          break;
        }
        const b = o && (o.kind === undefined || same) ? o : fresh(lane, idx, rec);
        if (lockupWarn) b.headline(cls);
        else if (same) {
          if (b.headlineFn === undefined && cls.function !== undefined) b.headlineFn = cls.function;
        } else b.headline(cls);
        b.add(idx, rec.text);
        break;
      }
      case 'die': {
        const o = lane.open;
        let b: ReportBuilder;
        if (o && (o.kind === undefined || (!o.died && !o.inTrace && (DIE_JOINS.has(o.otype ?? '') || o.faulted)))) {
          b = o;
          if (o.kind === undefined) b.headline(cls);
          else b.dieMessage = cls.message;
          if (o.otype === 'unhandled-fault' || (o.kind === undefined && /Oops - BUG/.test(cls.message))) b.otype = /Oops - BUG/.test(cls.message) ? 'bug' : b.otype;
        } else {
          b = fresh(lane, idx, rec);
          b.headline(cls);
          if (/Oops - BUG/.test(cls.message)) b.otype = 'bug';
        }
        b.died = true;
        b.add(idx, rec.text);
        break;
      }
      case 'killed': {
        if (lane.open?.kind === 'oom-kill') lane.open.killed ??= cls.detail;
        else {
          const b = fresh(lane, idx, rec);
          b.headline({ kind: 'oom-kill', otype: 'oom-kill', message: cls.message });
          b.killed = cls.detail;
        }
        lane.open?.add(idx, rec.text);
        break;
      }
      case 'panic': {
        const last = lane.lastClosed && idx - lane.lastClosed.last <= PANIC_WINDOW ? lane.lastClosed : undefined;
        const target = lane.open ?? last ?? (usesCallers ? latestOpen(lanes) : undefined);
        if (target && target.kind !== undefined && target.panic === undefined && (CONSEQUENCE.test(cls.reason) || echoes(target.message, cls.reason))) {
          target.panic = cls.reason;
        } else if (target && target.kind === 'oom-kill' && target.panic === undefined && OOM_REASON.test(cls.reason)) {
          target.kind = 'oom-panic';
          target.otype = 'oom-panic';
          target.panic = cls.reason;
        } else {
          const b = fresh(lane, idx, rec);
          const oom = OOM_REASON.test(cls.reason);
          if (/^kernel stack overflow/.test(cls.reason)) b.headline({ kind: 'double-fault', otype: 'stack-overflow', message: cls.message });
          else if (/^Hard LOCKUP/.test(cls.reason)) b.headline({ kind: 'hard-lockup', otype: 'hard-lockup', message: cls.message });
          else if (/^softlockup: hung tasks/.test(cls.reason)) b.headline({ kind: 'soft-lockup', otype: 'soft-lockup', message: cls.message });
          else b.headline({ kind: oom ? 'oom-panic' : 'panic', otype: oom ? 'oom-panic' : 'panic', message: cls.message });
          b.add(idx, rec.text);
          break;
        }
        if (target === lane.lastClosed && target !== lane.open) {
          // Re-open the closed report so the panic and its end marker join it.
          out[lane.lastOut] = undefined;
          close(lane);
          lane.open = target;
        }
        target.add(idx, rec.text);
        break;
      }
      case 'end':
        if (lane.open) {
          lane.open.add(idx, rec.text);
          close(lane);
        }
        break;
      case 'delimiter': {
        const o = lane.open;
        if (o && (o.kind === undefined || DELIMITED.has(o.otype ?? 'bug')) && o.accepts(rec.text, idx)) {
          o.add(idx, rec.text);
          if (o.kind !== undefined && o.delimiters >= 2) close(lane);
        } else fresh(lane, idx, rec).add(idx, rec.text);
        break;
      }
    }
  }
  for (const lane of lanes.values()) close(lane);
  const oopses = out.filter((o): o is Oops => o !== undefined).sort((a, b) => a.records.first - b.records.first);
  return { oopses, user };
}

/** Every report of a log, which one led to the dump, and why the dump happened. */
export function analyzeOops(records: readonly LogRecord[], opts: { dump?: boolean } = {}): OopsAnalysis {
  const { oopses, user } = scanOops(records);
  return analyzeLog(records, oopses, user, opts);
}

/** Oops reports from plain dmesg/console text (or crash `log` output). */
export function extractOopsFromText(text: string): Parsed<Oops[]> {
  const records = parseDmesg(text);
  const diagnostics: Diagnostic[] = [...records.diagnostics];
  return { value: analyzeOops(records.value).oopses, diagnostics };
}

/** The whole analysis from plain text: reports, primary, trigger. */
export function analyzeOopsText(text: string, opts: { dump?: boolean } = {}): Parsed<OopsAnalysis> {
  const records = parseDmesg(text);
  return { value: analyzeOops(records.value, opts), diagnostics: [...records.diagnostics] };
}
