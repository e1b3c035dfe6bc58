// Accumulates one crash report while the log is scanned, then turns it into an Oops.
import type { Oops, OopsKind } from '../model/oops.js';
import { baseName, pickCulprit, readRip, readTraceEntry, type TraceEntry } from './oops-culprit.js';
import { isReportLine } from './oops-patterns.js';

const LABEL: Record<OopsKind, string> = {
  'bug': 'kernel BUG', 'null-deref': 'BUG: kernel NULL pointer dereference', 'page-fault': 'BUG: unable to handle page fault',
  'gpf': 'general protection fault', 'oops': 'Oops', 'invalid-opcode': 'invalid opcode', 'divide-error': 'divide error',
  'double-fault': 'double fault', 'warning': 'WARNING', 'lockdep': 'WARNING', 'panic': 'Kernel panic',
  'soft-lockup': 'soft lockup', 'hard-lockup': 'hard LOCKUP', 'hung-task': 'hung task', 'rcu-stall': 'RCU stall',
  'oom-kill': 'OOM kill', 'oom-panic': 'OOM panic', 'kasan': 'KASAN', 'ubsan': 'UBSAN', 'atomic-sleep': 'BUG',
};

/** Kinds whose own trace starts at the report line and lasts at most this many records before a Call Trace. */
const PRE_TRACE_LIMIT = 40;
const LONG_PRE_TRACE = 400;

/** "BUG: scheduling while atomic: kworker/0:1/45/0x2" -> "BUG: scheduling while atomic". */
function shortLabel(message: string): string {
  const m = /^(BUG|WARNING): (.*)$/.exec(message);
  const head = m ? `${m[1]}: ` : '';
  const rest = (m ? m[2] ?? '' : message).replace(/(?::|,| at | in | - ).*$/, '').replace(/!+$/, '').trim();
  return `${head}${rest}`;
}

export class ReportBuilder {
  kind: OopsKind | undefined;
  message = '';
  headlineFn: string | undefined;
  detail: string | undefined;
  first: number;
  last: number;
  timestamp: number | undefined;
  cpu: number | undefined;
  pid: number | undefined;
  comm: string | undefined;
  tainted: string | undefined;
  hardware: string | undefined;
  rip: string | undefined;
  panic: string | undefined;
  killed: string | undefined;
  died = false;
  inTrace = false;
  delimiters = 0;
  trace: TraceEntry[] = [];

  constructor(first: number, timestamp: number | undefined) {
    this.first = first;
    this.last = first;
    this.timestamp = timestamp;
  }

  /** Sets what the headline line told (kind, message, and ids some headlines carry). */
  headline(kind: OopsKind, message: string, extra: { function?: string; cpu?: number; pid?: number; comm?: string; detail?: string }): void {
    this.kind = kind;
    this.message = message;
    if (extra.function !== undefined) this.headlineFn = extra.function;
    if (extra.cpu !== undefined) this.cpu = extra.cpu;
    if (extra.pid !== undefined) this.pid = extra.pid;
    if (extra.comm !== undefined) this.comm = extra.comm;
    if (extra.detail !== undefined) this.detail = extra.detail;
  }

  /** Whether an ordinary (non-headline) record at index idx still belongs to this report. */
  accepts(text: string, idx: number): boolean {
    if (this.kind === undefined) return idx - this.last <= 3;
    if (this.kind === 'kasan' || this.kind === 'ubsan') return this.delimiters < 2 && idx - this.first < LONG_PRE_TRACE;
    if (this.kind === 'oom-kill' && this.killed === undefined) return idx - this.first < 4 * LONG_PRE_TRACE;
    if (this.kind === 'oom-kill') return text.trimStart().startsWith('oom_reaper: ');
    if (!this.inTrace) return idx - this.first < (this.kind === 'lockdep' ? LONG_PRE_TRACE : PRE_TRACE_LIMIT);
    return isReportLine(text);
  }

  /** Adds the record at idx, reading fields from each of its lines. */
  add(idx: number, text: string): void {
    this.last = idx;
    for (const line of text.split('\n')) this.readLine(line);
  }

  private readLine(line: string): void {
    const t = line.trim();
    if (this.inTrace) {
      const e = readTraceEntry(t);
      if (e) {
        this.trace.push(e);
        return;
      }
    }
    if (t.startsWith('Call Trace:') || t.startsWith('Call trace:')) {
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
    } else if (t.startsWith('RIP: ') || t.startsWith('pc : ')) {
      const v = t.slice(5).trim();
      if (this.rip === undefined && !/^00(?:33|23):/.test(v) && readRip(v)) this.rip = v.replace(/^[0-9a-f]{4}:/, '');
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
    if (this.kind === undefined) return undefined;
    const rip = this.rip !== undefined ? readRip(this.rip) : undefined;
    let headline = this.headlineFn;
    const stack = this.panic ?? (this.kind === 'panic' ? this.message : undefined);
    const sp = stack !== undefined ? /stack-protector: Kernel stack is corrupted in: ([\w.$]+)/.exec(stack) : null;
    if (sp) headline = sp[1];
    const culprit = pickCulprit(headline, rip, this.trace);
    const fn = culprit ? baseName(culprit.function) : undefined;
    const o = { kind: this.kind, title: this.title(fn), message: this.message } as Oops;
    if (fn !== undefined) o.function = fn;
    if (culprit?.module !== undefined) o.module = culprit.module;
    if (this.rip !== undefined) o.rip = this.rip;
    if (this.cpu !== undefined) o.cpu = this.cpu;
    if (this.pid !== undefined) o.pid = this.pid;
    if (this.comm !== undefined) o.comm = this.comm;
    if (this.tainted !== undefined) o.tainted = this.tainted;
    if (this.hardware !== undefined) o.hardware = this.hardware;
    if (this.panic !== undefined) o.panic = this.panic;
    const trace = this.trace.filter((e) => e.reliable).map((e) => e.function);
    if (trace.length > 0) o.trace = trace;
    o.records = { first: this.first, last: this.last };
    if (this.timestamp !== undefined) o.timestamp = this.timestamp;
    return o;
  }

  private title(fn: string | undefined): string {
    const kind = this.kind as OopsKind;
    let label = LABEL[kind];
    if (kind === 'kasan' || kind === 'ubsan') label = `${label}: ${this.detail ?? 'report'}`;
    else if (kind === 'lockdep' || kind === 'atomic-sleep' || (kind === 'bug' && !this.message.startsWith('kernel BUG'))) {
      label = shortLabel(this.message);
    }
    let title = fn !== undefined ? `${label} in ${fn}` : label;
    if (kind === 'panic' || kind === 'oom-panic') {
      const reason = this.panic ?? this.message.replace(/^Kernel panic - not syncing: ?/, '');
      if (reason) title += `: ${reason}`;
    }
    if (kind === 'oom-kill' && this.killed !== undefined) title += `: ${this.killed}`;
    return title;
  }
}
