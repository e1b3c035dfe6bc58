// Decodes what kdview's drgn helper prints for `kdview:*` requests (one JSON
// item per line, see python/kdview_drgn.py) into the models the crash parsers
// produce, so panes and reports cannot tell the backends apart. Never throws:
// unreadable lines and fields the helper could not read become diagnostics.
import stripAnsi from 'strip-ansi';
import type { Backtrace, BacktraceTask, Frame } from '../model/backtrace.js';
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { LogRecord } from '../model/log.js';
import type { SysInfo } from '../model/sys.js';
import type { PsOutput, Task } from '../model/task.js';
import { diag } from './lines.js';

type Obj = Record<string, unknown>;

export interface DrgnItem {
  /** 1-based line of the item in the text. */
  line: number;
  value: Obj;
}

export interface DrgnDocument {
  request?: string;
  /** The footer's verdict; false when the request failed or the text ended early. */
  ok: boolean;
  error?: string;
  items: DrgnItem[];
}

const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Dump text made safe the way crash's framing makes it: no escapes, no control bytes (tabs, newlines kept). */
function clean(s: string, multiline = false): string {
  const t = stripAnsi(s).replace(CONTROLS, '');
  return multiline ? t : t.replace(/[\n\t]/g, ' ');
}

const str = (v: Obj, k: string): string | undefined => (typeof v[k] === 'string' ? clean(v[k] as string) : undefined);
const num = (v: Obj, k: string): number | undefined => (typeof v[k] === 'number' && Number.isFinite(v[k]) ? (v[k] as number) : undefined);

/** Splits the document into its items, one per line; tolerates a cut-off tail. */
export function readDrgnDocument(text: string): Parsed<DrgnDocument> {
  const diagnostics: Diagnostic[] = [];
  const doc: DrgnDocument = { ok: false, items: [] };
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('{"kdview":'));
  if (start < 0) {
    diagnostics.push(diag(1, 'not a kdview drgn document (no {"kdview":... header)', lines[0], 'error'));
    return { value: doc, diagnostics };
  }
  try {
    doc.request = (JSON.parse(`${lines[start] ?? ''}]}`) as Obj).request as string;
  } catch {
    diagnostics.push(diag(start + 1, 'unreadable header', lines[start], 'error'));
  }
  let footer = false;
  for (let i = start + 1; i < lines.length; i++) {
    const l = (lines[i] ?? '').trimEnd();
    if (l === '') continue;
    try {
      if (l.startsWith('],')) {
        const f = JSON.parse(`{${l.slice(2)}`) as Obj;
        doc.ok = f.ok === true;
        if (typeof f.error === 'string') doc.error = f.error;
        footer = true;
        break;
      }
      const value = JSON.parse(l.endsWith(',') ? l.slice(0, -1) : l) as unknown;
      if (value && typeof value === 'object' && typeof (value as Obj).type === 'string') doc.items.push({ line: i + 1, value: value as Obj });
      else diagnostics.push(diag(i + 1, 'item without a type', l));
    } catch {
      diagnostics.push(diag(i + 1, 'unreadable JSON line', l));
    }
  }
  if (!footer) diagnostics.push(diag(lines.length, 'document ends early (cancelled or cut off)'));
  if (doc.error !== undefined) diagnostics.push(diag(lines.length, `drgn helper: ${doc.error}`, undefined, 'error'));
  return { value: doc, diagnostics };
}

/** Fields the helper could not read (`errors: {field: message}`) as diagnostics. */
function fieldErrors(item: DrgnItem, what: string, out: Diagnostic[]): void {
  const errors = item.value.errors;
  if (errors && typeof errors === 'object')
    for (const [k, m] of Object.entries(errors as Obj)) out.push(diag(item.line, `${what}: ${k}: ${String(m)}`));
}

/** drgn's one-letter task states (task_state_to_char) as crash's two-letter ones. */
const STATE_CODES: Record<string, string> = { R: 'RU', S: 'IN', D: 'UN', T: 'ST', t: 'TR', X: 'DE', Z: 'ZO', P: 'PA', I: 'ID', W: 'WA', N: 'NE' };
const STATE_NAMES: Record<string, string> = {
  R: 'TASK_RUNNING', S: 'TASK_INTERRUPTIBLE', D: 'TASK_UNINTERRUPTIBLE', T: 'TASK_STOPPED', t: 'TASK_TRACED',
  X: 'EXIT_DEAD', Z: 'EXIT_ZOMBIE', P: 'TASK_PARKED', I: 'TASK_IDLE',
};

export function decodeDrgnSys(text: string): Parsed<SysInfo> {
  const { value: doc, diagnostics } = readDrgnDocument(text);
  const item = doc.items.find((i) => i.value.type === 'sys');
  const sys: SysInfo = {};
  if (!item) return { value: sys, diagnostics };
  const v = item.value;
  fieldErrors(item, 'sys', diagnostics);
  for (const k of ['nodename', 'release', 'version', 'machine', 'date', 'uptime', 'memory', 'panic'] as const) {
    const s = str(v, k);
    if (s !== undefined) sys[k] = s;
  }
  for (const k of ['cpus', 'uptimeSeconds', 'tasks', 'mhz', 'memoryBytes'] as const) {
    const n = num(v, k);
    if (n !== undefined) sys[k] = n;
  }
  const online = num(v, 'cpusOnline');
  if (sys.cpus !== undefined && online !== undefined && sys.cpus > online) sys.cpusOffline = sys.cpus - online;
  if (Array.isArray(v.loadAverage)) sys.loadAverage = v.loadAverage.filter((x): x is number => typeof x === 'number');
  const pt = v.panicTask && typeof v.panicTask === 'object' ? (v.panicTask as Obj) : undefined;
  if (pt) {
    sys.pid = num(pt, 'pid');
    sys.command = str(pt, 'comm');
    sys.task = str(pt, 'task');
    sys.cpu = num(pt, 'cpu');
    const st = str(pt, 'state');
    if (st !== undefined) sys.state = STATE_NAMES[st] ?? st;
  }
  const extra: Record<string, string> = {};
  for (const [k, key] of [['hz', 'HZ'], ['drgn', 'DRGN'], ['sysname', 'SYSNAME'], ['taintMask', 'TAINT_MASK']] as const)
    if (v[k] !== undefined && v[k] !== null) extra[key] = String(v[k]);
  if (Object.keys(extra).length > 0) sys.extra = extra;
  return { value: sys, diagnostics };
}

export function decodeDrgnTasks(text: string): Parsed<PsOutput> {
  const { value: doc, diagnostics } = readDrgnDocument(text);
  const tasks: Task[] = [];
  for (const item of doc.items) {
    const v = item.value;
    if (v.type === 'error') diagnostics.push(diag(item.line, `${str(v, 'what') ?? 'task'}: ${str(v, 'error') ?? ''}`));
    if (v.type !== 'task') continue;
    const pid = num(v, 'pid');
    if (pid === undefined) {
      diagnostics.push(diag(item.line, 'task without a pid', undefined, 'error'));
      continue;
    }
    fieldErrors(item, `task ${pid}`, diagnostics);
    const state = str(v, 'state') ?? '';
    tasks.push({
      pid,
      ppid: num(v, 'ppid') ?? -1,
      cpu: num(v, 'cpu') ?? -1,
      task: str(v, 'task') ?? '',
      state: STATE_CODES[state] ?? '??',
      mem: num(v, 'mem') ?? 0,
      vsz: num(v, 'vsz') ?? 0,
      rss: num(v, 'rss') ?? 0,
      comm: str(v, 'comm') ?? '',
      active: v.active === true,
      kernelThread: v.kthread === true,
    });
  }
  return { value: { tasks }, diagnostics };
}

function decodeFrame(v: Obj): Frame {
  const pc = str(v, 'pc') ?? '';
  const name = str(v, 'name');
  const symbol = str(v, 'symbol');
  const fn = (v.inline === true ? (name ?? symbol) : (symbol ?? name)) ?? `0x${pc}`;
  const f: Frame = { index: num(v, 'index') ?? 0, sp: str(v, 'sp') ?? '', function: fn, address: pc };
  const opt = { offset: num(v, 'offset'), module: str(v, 'module'), file: str(v, 'file'), line: num(v, 'line'), column: num(v, 'column') };
  for (const [k, x] of Object.entries(opt)) if (x !== undefined) Object.assign(f, { [k]: x });
  if (name !== undefined && name !== fn) f.sourceFunction = name;
  if (v.inline === true) f.inline = true;
  if (v.interrupted === true) f.interrupted = true;
  return f;
}

export function decodeDrgnBacktrace(text: string): Parsed<Backtrace> {
  const { value: doc, diagnostics } = readDrgnDocument(text);
  const tasks: BacktraceTask[] = [];
  let cur: BacktraceTask | undefined;
  for (const item of doc.items) {
    const v = item.value;
    if (v.type === 'stack') {
      cur = { pid: num(v, 'pid') ?? -1, task: str(v, 'task') ?? '', command: str(v, 'comm') ?? '', frames: [], line: item.line };
      const cpu = num(v, 'cpu');
      if (cpu !== undefined) cur.cpu = cpu;
      if (typeof v.error === 'string') cur.notes = [clean(v.error)];
      fieldErrors(item, `PID ${cur.pid}`, diagnostics);
      tasks.push(cur);
    } else if (v.type === 'frame' && cur) {
      fieldErrors(item, `PID ${cur.pid} frame ${num(v, 'index') ?? '?'}`, diagnostics);
      const f = decodeFrame(v);
      const prev = cur.frames[cur.frames.length - 1];
      if (f.address === '0' && prev) {
        const why = prev.module && prev.file === undefined ? ` (no debug info for module ${prev.module}: give its .ko to drgn)` : '';
        (cur.notes ??= []).push(`drgn could not unwind past #${prev.index} ${prev.function}${why}`);
      } else cur.frames.push(f);
    } else if (v.type === 'error') {
      const msg = `${str(v, 'what') ?? ''}: ${str(v, 'error') ?? ''}`;
      if (cur) (cur.notes ??= []).push(msg);
      else diagnostics.push(diag(item.line, msg, undefined, 'error'));
    }
  }
  return { value: { tasks }, diagnostics };
}

export function decodeDrgnLog(text: string): Parsed<LogRecord[]> {
  const { value: doc, diagnostics } = readDrgnDocument(text);
  const records: LogRecord[] = [];
  for (const item of doc.items) {
    const v = item.value;
    if (v.type !== 'log') continue;
    const r: LogRecord = { text: typeof v.text === 'string' ? clean(v.text, true) : '', line: item.line };
    const opt = { timestamp: num(v, 'ts'), level: num(v, 'level'), facility: num(v, 'facility'), caller: str(v, 'caller'), seq: num(v, 'seq') };
    for (const [k, x] of Object.entries(opt)) if (x !== undefined) Object.assign(r, { [k]: x });
    if (v.dict && typeof v.dict === 'object')
      r.dict = Object.fromEntries(Object.entries(v.dict as Obj).map(([k, x]) => [clean(k), clean(String(x))]));
    records.push(r);
  }
  return { value: records, diagnostics };
}

export type DrgnDecoderKind = 'sys' | 'ps' | 'bt' | 'log';

/** Which decoder reads a kdview request's output (the crash parser kind it stands in for). */
export function drgnDecoderFor(command: string): DrgnDecoderKind | undefined {
  const [req] = command.trim().replace(/^kdview:/, '').split(/\s+/);
  if (!command.trim().startsWith('kdview:')) return undefined;
  switch (req) {
    case 'sys': return 'sys';
    case 'tasks': return 'ps';
    case 'log': return 'log';
    case 'crashed': case 'bt': case 'bt-cpus': return 'bt';
    default: return undefined;
  }
}

export function decodeDrgnAs(kind: DrgnDecoderKind, text: string): Parsed<unknown> {
  switch (kind) {
    case 'sys': return decodeDrgnSys(text);
    case 'ps': return decodeDrgnTasks(text);
    case 'bt': return decodeDrgnBacktrace(text);
    case 'log': return decodeDrgnLog(text);
  }
}
