// Parser for crash `sys` and the identical block crash prints at start-up.
// Keys are right-aligned to column 12: "      KERNEL: vmlinux".
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { SysInfo } from '../model/sys.js';
import { diag, isBlank, readQuoted, sizeToBytes, splitLines, toDecimal, toInt, tokens } from './lines.js';

/** Reads "00:00:06", "1 day, 02:03:04" or "12 days, 02:03:04" into seconds. */
export function uptimeToSeconds(s: string): number | undefined {
  let days = 0;
  let rest = s.trim();
  const m = /^(\d+) days?, (.*)$/.exec(rest);
  if (m) {
    days = Number(m[1]);
    rest = m[2] ?? '';
  }
  const parts = rest.split(':');
  if (parts.length !== 3) return undefined;
  const [h, mi, se] = parts.map((p) => toInt(p));
  if (h === undefined || mi === undefined || se === undefined) return undefined;
  return days * 86400 + h * 3600 + mi * 60 + se;
}

function setField(info: SysInfo, key: string, value: string): boolean {
  switch (key) {
    case 'KERNEL': info.kernel = value; return true;
    case 'DUMPFILE': case 'DUMPFILES': {
      const b = value.indexOf('  [');
      const name = b === -1 ? value : value.slice(0, b).trim();
      if (key === 'DUMPFILE') info.dumpfile = name;
      else (info.extra ??= {})[key] = name;
      if (b !== -1) info.dumpfileFlags = [...value.slice(b).matchAll(/\[([^\]]*)\]/g)].map((x) => x[1] ?? '');
      return true;
    }
    case 'CPUS': {
      const t = tokens(value);
      const n = toInt(t[0] ?? '');
      if (n === undefined) return false;
      info.cpus = n;
      const off = /\[OFFLINE: (\d+)\]/.exec(value);
      if (off) info.cpusOffline = Number(off[1]);
      return true;
    }
    case 'DATE': info.date = value; return true;
    case 'UPTIME': {
      info.uptime = value;
      const secs = uptimeToSeconds(value);
      if (secs !== undefined) info.uptimeSeconds = secs;
      return true;
    }
    case 'LOAD AVERAGE': {
      const nums = value.split(',').map((x) => toDecimal(x.trim()));
      if (nums.some((x) => x === undefined)) return false;
      info.loadAverage = nums as number[];
      return true;
    }
    case 'TASKS': {
      const n = toInt(value);
      if (n === undefined) return false;
      info.tasks = n;
      return true;
    }
    case 'NODENAME': info.nodename = value; return true;
    case 'RELEASE': info.release = value; return true;
    case 'VERSION': info.version = value; return true;
    case 'MACHINE': {
      const t = tokens(value);
      info.machine = t[0] ?? value;
      const mhz = /\((\d+) Mhz\)/i.exec(value);
      if (mhz) info.mhz = Number(mhz[1]);
      return true;
    }
    case 'MEMORY': {
      info.memory = value;
      const t = tokens(value);
      const bytes = sizeToBytes(t[0] ?? '', t[1]);
      if (bytes !== undefined) info.memoryBytes = bytes;
      return true;
    }
    case 'PANIC': {
      const q = readQuoted(value, 0);
      info.panic = q ? q.text : value;
      const note = q ? value.slice(q.end).trim() : '';
      if (note) info.panicNote = note;
      return true;
    }
    case 'PID': {
      const n = toInt(value);
      if (n === undefined) return false;
      info.pid = n;
      return true;
    }
    case 'COMMAND': {
      const q = readQuoted(value, 0);
      info.command = q ? q.text : value;
      return true;
    }
    case 'TASK': {
      const t = tokens(value);
      info.task = t[0] ?? value;
      const ti = /\[THREAD_INFO: ([0-9a-fA-F]+)\]/.exec(value);
      if (ti) info.threadInfo = ti[1];
      return true;
    }
    case 'CPU': {
      const n = toInt(value);
      if (n === undefined) return false;
      info.cpu = n;
      return true;
    }
    case 'STATE': info.state = value; return true;
    default:
      (info.extra ??= {})[key] = value;
      return true;
  }
}

/** Finds "KEY: value" where KEY is upper case words; returns undefined otherwise. */
function keyValue(line: string): { key: string; value: string } | undefined {
  const colon = line.indexOf(': ');
  const end = colon === -1 ? (line.endsWith(':') ? line.length - 1 : -1) : colon;
  if (end <= 0) return undefined;
  const key = line.slice(0, end).trim();
  if (key.length === 0 || key.length > 24) return undefined;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || c === 32 || c === 95 || (c >= 48 && c <= 57))) return undefined;
  }
  return { key, value: line.slice(end + 1).trim() };
}

export function parseSys(text: string): Parsed<SysInfo> {
  const value: SysInfo = {};
  const diagnostics: Diagnostic[] = [];
  const lines = splitLines(text);
  let started = false;
  let skipped = 0;
  let firstSkipped = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (isBlank(raw)) continue;
    const trimmed = raw.trim();
    if (trimmed.startsWith('WARNING: ')) {
      (value.warnings ??= []).push(trimmed.slice(9));
      continue;
    }
    const kv = keyValue(raw);
    if (kv && (started || kv.key === 'KERNEL' || kv.key === 'DUMPFILE')) {
      started = true;
      if (!setField(value, kv.key, kv.value)) diagnostics.push(diag(i + 1, `cannot read the value of ${kv.key}`, raw));
      continue;
    }
    if (!started) {
      if (skipped++ === 0) firstSkipped = i + 1;
      continue;
    }
    diagnostics.push(diag(i + 1, 'not a sys "KEY: value" line', raw));
  }
  if (skipped > 0) {
    const msg = started
      ? `skipped ${skipped} line(s) before the sys block (start-up banner)`
      : `no sys block found (${skipped} line(s) not read)`;
    diagnostics.unshift(diag(firstSkipped, msg));
  }
  return { value, diagnostics };
}
