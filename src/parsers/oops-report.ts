// Accumulates one crash report while the log is scanned, then turns it into an Oops.
import type { Oops, OopsKind, OopsType } from '../model/oops.js';
import { analyze } from './oops-analyze.js';
import { readRipLine } from './oops-frames.js';
import { isReportLine } from './oops-lines.js';
import type { StartInfo } from './oops-patterns.js';

/** Records a report may span before its stack dump starts, by type. */
const PRE_TRACE_LIMIT = 40;
const LONG_PRE_TRACE = 400;
const LONG_TYPES = new Set<OopsType>(['lockdep-circular', 'lockdep-recursive', 'lockdep-inconsistent', 'kasan', 'kmsan',
  'kcsan', 'kfence', 'ubsan', 'rcu-stall', 'oom-kill', 'bad-page-state', 'suspicious-rcu', 'bad-unlock-balance',
  'held-lock-freed', 'lock-held-return-user', 'memory-leak', 'workqueue-lockup']);
/** Types whose report is framed by ===== delimiter lines. */
export const DELIMITED = new Set<OopsType>(['kasan', 'kmsan', 'kcsan', 'kfence', 'ubsan']);

export class ReportBuilder {
  kind: OopsKind | undefined;
  otype: OopsType | undefined;
  hint: OopsType | undefined;
  message = '';
  headlineFn: string | undefined;
  detail: string | undefined;
  dieMessage: string | undefined;
  first: number;
  last: number;
  timestamp: number | undefined;
  caller: string | undefined;
  cpu: number | undefined;
  pid: number | undefined;
  comm: string | undefined;
  tainted: string | undefined;
  hardware: string | undefined;
  rip: string | undefined;
  panic: string | undefined;
  killed: string | undefined;
  blocked: string[] | undefined;
  died = false;
  /** A fault interrupted this report while it printed (FAULT_JOINS): its die line joins too. */
  faulted = false;
  inTrace = false;
  delimiters = 0;
  lines: string[] = [];

  constructor(first: number, timestamp: number | undefined, caller?: string) {
    this.first = first;
    this.last = first;
    this.timestamp = timestamp;
    this.caller = caller;
  }

  /** Sets what the headline line told (type, message, and ids some headlines carry). */
  headline(info: StartInfo): void {
    this.kind = info.kind;
    this.otype = info.otype;
    this.message = info.message;
    if (info.function !== undefined) this.headlineFn = info.function;
    if (info.cpu !== undefined) this.cpu = info.cpu;
    if (info.pid !== undefined) this.pid = info.pid;
    if (info.comm !== undefined) this.comm = info.comm;
    if (info.detail !== undefined) this.detail = info.detail;
  }

  /** Whether an ordinary (non-headline) record at index idx still belongs to this report. */
  accepts(text: string, idx: number): boolean {
    if (this.kind === undefined) return idx - this.last <= 4;
    const t = this.otype as OopsType;
    if (DELIMITED.has(t) && this.delimiters < 2 && idx - this.first < LONG_PRE_TRACE) return true;
    if (t === 'oom-kill' && this.killed === undefined) return idx - this.first < 4 * LONG_PRE_TRACE;
    if (t === 'oom-kill') return text.trimStart().startsWith('oom_reaper: ');
    // panic() prints its stack and stops: ordinary records after the panic line are not part of it.
    if (t === 'panic' || t === 'oom-panic') return isReportLine(text);
    if (t === 'memory-leak') return /^(?:\s|comm "|hex dump|backtrace|[0-9a-f]{2} )/.test(text) || isReportLine(text);
    if (!this.inTrace) return idx - this.first < (LONG_TYPES.has(t) ? LONG_PRE_TRACE : PRE_TRACE_LIMIT) || isReportLine(text);
    return isReportLine(text);
  }

  /** Adds the record at idx, reading fields from each of its lines. */
  add(idx: number, text: string): void {
    this.last = idx;
    for (const line of text.split('\n')) {
      this.lines.push(line);
      this.readLine(line);
    }
  }

  private readLine(line: string): void {
    const t = line.trim();
    if (t.startsWith('Call Trace:') || t.startsWith('Call trace:') || t.startsWith('backtrace')) {
      this.inTrace = true;
    } else if (t.startsWith('CPU: ')) {
      const m = /^CPU: (\d+) (?:UID: \d+ )?PID: (\d+) Comm: (.*?)(?: Kdump: loaded)? (Not tainted|Tainted: ([A-Z ]+?)) +\d/.exec(t);
      if (m && (this.pid === undefined || this.pid === Number(m[2]))) {
        this.cpu ??= Number(m[1]);
        this.pid ??= Number(m[2]);
        this.comm ??= m[3];
      }
      if (m) this.tainted ??= m[4] === 'Not tainted' ? '' : (m[5] ?? '').replace(/ /g, '');
    } else if (t.startsWith('Hardware name: ')) {
      this.hardware ??= t.slice(15);
    } else if (this.rip === undefined && /^(?:RIP|EIP|pc|PC is at|NIP) ?/.test(t)) {
      const r = readRipLine(t);
      if (r && !r.user && !r.lr && r.frame) this.rip = r.text;
    } else if (t.startsWith('Not tainted ') || t.startsWith('Tainted: ')) {
      this.tainted ??= t.startsWith('Not') ? '' : (/^Tainted: ([A-Z ]+?) +\d/.exec(t)?.[1] ?? '').replace(/ /g, '');
    } else if (t.startsWith('task:')) {
      const m = /^task:(\S+)\s+state:\S+.*?\bpid:\s*(\d+)/.exec(t);
      if (m) {
        this.comm ??= m[1];
        this.pid ??= Number(m[2]);
      }
    } else if (/^={20,}$/.test(t)) {
      this.delimiters++;
    }
  }

  build(): Oops | undefined {
    if (this.kind === undefined || this.otype === undefined) return undefined;
    const a = analyze({
      kind: this.kind, otype: this.otype, message: this.message, lines: this.lines,
      ...(this.headlineFn !== undefined ? { headerFn: this.headlineFn } : {}),
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
      ...(this.hint !== undefined ? { hint: this.hint } : {}),
      ...(this.dieMessage !== undefined ? { dieMessage: this.dieMessage } : {}),
      ...(this.panic !== undefined ? { panic: this.panic } : {}),
      ...(this.killed !== undefined ? { killed: this.killed } : {}),
    });
    const o = { kind: this.kind, type: a.otype, title: a.title } as Oops;
    if (a.altTitles.length > 0) o.altTitles = a.altTitles;
    o.normalizedTitle = a.normalizedTitle;
    o.message = this.message;
    if (a.frame) o.function = a.frame.function;
    if (a.panicFrom !== undefined) o.panicFrom = a.panicFrom;
    if (a.frame?.module !== undefined) o.module = a.frame.module;
    else if (a.frame && this.rip !== undefined) {
      const r = readRipLine(`RIP: ${this.rip}`);
      if (r?.frame?.module !== undefined && r.frame.function.split('.')[0] === a.frame.function) o.module = r.frame.module;
    }
    o.corrupted = a.corrupted;
    if (a.corruptedReason !== undefined) o.corruptedReason = a.corruptedReason;
    if (this.rip !== undefined) o.rip = this.rip;
    if (this.cpu !== undefined) o.cpu = this.cpu;
    if (this.pid !== undefined) o.pid = this.pid;
    if (this.comm !== undefined) o.comm = this.comm;
    if (this.caller !== undefined) o.caller = this.caller;
    if (this.tainted !== undefined) o.tainted = this.tainted;
    if (this.hardware !== undefined) o.hardware = this.hardware;
    if (this.panic !== undefined) o.panic = this.panic;
    if (this.blocked !== undefined) o.blocked = this.blocked;
    if (a.trace.length > 0) o.trace = a.trace;
    o.records = { first: this.first, last: this.last };
    if (this.timestamp !== undefined) o.timestamp = this.timestamp;
    return o;
  }
}
