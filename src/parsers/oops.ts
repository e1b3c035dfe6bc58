// Finds kernel crash reports (BUG, Oops, GPF, WARNING, panic, lockups, hung
// tasks, RCU stalls, OOM, KASAN, UBSAN, ...) in log records.
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { LogRecord } from '../model/log.js';
import type { Oops } from '../model/oops.js';
import { parseDmesg } from './log/dmesg.js';
import { classifyLine } from './oops-patterns.js';
import { ReportBuilder } from './oops-report.js';

/** Panic reasons that are the consequence of the report before them, not a new crash. */
const CONSEQUENCE = /^(?:Fatal exception|softlockup: hung tasks|hung_task: blocked tasks|Hard LOCKUP|RCU Stall|(?:kernel: )?panic_on_warn set|Oops|Machine halted|Fatal hardware error|Attempted to kill)/;
const OOM_REASON = /out of memory|deadlocked on memory|no killable processes/i;
/** Report kinds whose headline is followed by an `Oops:`/`invalid opcode:` die line of their own. */
const DIE_JOINS = new Set<string>(['bug', 'null-deref', 'page-fault']);
/** How many records after a report a consequence panic may follow. */
const PANIC_WINDOW = 50;

export function extractOops(records: readonly LogRecord[]): Oops[] {
  const out: Oops[] = [];
  let open: ReportBuilder | undefined;
  let lastClosed: ReportBuilder | undefined;
  let lastOut = -1;

  const close = (): void => {
    if (!open) return;
    const o = open.build();
    if (o) {
      out.push(o);
      lastClosed = open;
      lastOut = out.length - 1;
    }
    open = undefined;
  };

  for (let idx = 0; idx < records.length; idx++) {
    const rec = records[idx] as LogRecord;
    const nl = rec.text.indexOf('\n');
    const cls = classifyLine(nl === -1 ? rec.text : rec.text.slice(0, nl));
    if (cls === undefined) {
      if (open && open.accepts(rec.text, idx)) open.add(idx, rec.text);
      else if (open) close();
      continue;
    }
    switch (cls.type) {
      case 'cut':
        close();
        open = new ReportBuilder(idx, rec.timestamp);
        open.add(idx, rec.text);
        break;
      case 'start':
        if (!(open && open.kind === undefined)) {
          close();
          open = new ReportBuilder(idx, rec.timestamp);
        }
        open.headline(cls.kind, cls.message, cls);
        open.add(idx, rec.text);
        break;
      case 'die':
        if (open && (open.kind === undefined || (!open.died && !open.inTrace && DIE_JOINS.has(open.kind)))) {
          if (open.kind === undefined) open.headline(cls.kind, cls.message, {});
        } else {
          close();
          open = new ReportBuilder(idx, rec.timestamp);
          open.headline(cls.kind, cls.message, {});
        }
        open.died = true;
        open.add(idx, rec.text);
        break;
      case 'killed':
        if (open?.kind === 'oom-kill') {
          open.killed ??= cls.detail;
        } else {
          close();
          open = new ReportBuilder(idx, rec.timestamp);
          open.headline('oom-kill', cls.message, {});
          open.killed = cls.detail;
        }
        open.add(idx, rec.text);
        break;
      case 'panic': {
        const target = open ?? (lastClosed && idx - lastClosed.last <= PANIC_WINDOW ? lastClosed : undefined);
        if (target && target.kind !== undefined && target.panic === undefined && CONSEQUENCE.test(cls.reason)) {
          target.panic = cls.reason;
        } else if (target && target.kind === 'oom-kill' && target.panic === undefined && OOM_REASON.test(cls.reason)) {
          target.kind = 'oom-panic';
          target.panic = cls.reason;
        } else {
          close();
          open = new ReportBuilder(idx, rec.timestamp);
          open.headline(OOM_REASON.test(cls.reason) ? 'oom-panic' : 'panic', cls.message, {});
          open.add(idx, rec.text);
          break;
        }
        if (target === lastClosed && target !== open) {
          // Re-open the closed report so the panic and its end marker join it.
          out.splice(lastOut, 1);
          open = target;
        }
        target.add(idx, rec.text);
        break;
      }
      case 'end':
        if (open) {
          open.add(idx, rec.text);
          close();
        }
        break;
      case 'delimiter':
        if (open && (open.kind === undefined || open.kind === 'kasan' || open.kind === 'ubsan') && open.accepts(rec.text, idx)) {
          open.add(idx, rec.text);
          if (open.delimiters >= 2) close();
        } else {
          close();
          open = new ReportBuilder(idx, rec.timestamp);
          open.add(idx, rec.text);
        }
        break;
    }
  }
  close();
  return out;
}

/** Oops reports from plain dmesg/console text (or crash `log` output). */
export function extractOopsFromText(text: string): Parsed<Oops[]> {
  const records = parseDmesg(text);
  const diagnostics: Diagnostic[] = [...records.diagnostics];
  return { value: extractOops(records.value), diagnostics };
}
