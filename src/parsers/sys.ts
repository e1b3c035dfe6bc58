// Parser for crash `sys` and the identical block crash prints at start-up.
// Keys are right-aligned to column 12: "      KERNEL: vmlinux".
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { SysInfo } from '../model/sys.js';
import { diag, eachLine, readQuoted } from './lines.js';
import { sizeToBytes, toDecimal, toInt } from './numbers.js';

/** Reads "00:00:06", "1 day, 02:03:04" or "12 days, 02:03:04" into seconds. */
export function uptimeToSeconds(s: string): number | undefined {
  let days = 0;
  let rest = s.trim();
  const comma = rest.indexOf(', ');
  if (comma !== -1) {
    const m = /^(\d+) days?$/.exec(rest.slice(0, comma));
    if (!m) return undefined;
    days = Number(m[1]);
    rest = rest.slice(comma + 2);
  }
  if (rest.length !== 8 || rest.charCodeAt(2) !== 58 || rest.charCodeAt(5) !== 58) return undefined;
  const h = toInt(rest.slice(0, 2));
  const mi = toInt(rest.slice(3, 5));
  const se = toInt(rest.slice(6, 8));
  if (h === undefined || mi === undefined || se === undefined) return undefined;
  return days * 86400 + h * 3600 + mi * 60 + se;
}

/** The first whitespace-separated word of s. */
function firstWord(s: string): string {
  const sp = s.indexOf(' ');
  return sp === -1 ? s : s.slice(0, sp);
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
      const n = toInt(firstWord(value));
      if (n === undefined) return false;
      info.cpus = n;
      const off = value.indexOf('[OFFLINE: ') === -1 ? null : /\[OFFLINE: (\d+)\]/.exec(value);
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
      info.machine = firstWord(value);
      const mhz = value.indexOf('(') === -1 ? null : /\((\d+) Mhz\)/i.exec(value);
      if (mhz) info.mhz = Number(mhz[1]);
      return true;
    }
    case 'MEMORY': {
      info.memory = value;
      const sp = value.indexOf(' ');
      const bytes = sp === -1 ? sizeToBytes(value, 'B') : sizeToBytes(value.slice(0, sp), value.slice(sp + 1).trim());
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
      info.task = firstWord(value);
      const ti = value.indexOf('[THREAD_INFO: ') === -1 ? null : /\[THREAD_INFO: ([0-9a-fA-F]+)\]/.exec(value);
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
  let started = false;
  let skipped = 0;
  let firstSkipped = 0;
  eachLine(text, (s, start, end, n) => {
    let i = start;
    while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    if (i === end) return;
    const raw = s.slice(start, end);
    if (s.startsWith('WARNING: ', i)) {
      (value.warnings ??= []).push(s.slice(i + 9, end).trim());
      return;
    }
    const kv = keyValue(raw);
    if (kv && (started || kv.key === 'KERNEL' || kv.key === 'DUMPFILE')) {
      started = true;
      if (!setField(value, kv.key, kv.value)) diagnostics.push(diag(n, `cannot read the value of ${kv.key}`, raw));
      return;
    }
    if (!started) {
      if (skipped++ === 0) firstSkipped = n;
      return;
    }
    diagnostics.push(diag(n, 'not a sys "KEY: value" line', raw));
  });
  if (skipped > 0) {
    const msg = started
      ? `skipped ${skipped} line(s) before the sys block (start-up banner)`
      : `no sys block found (${skipped} line(s) not read)`;
    diagnostics.unshift(diag(firstSkipped, msg));
  }
  return { value, diagnostics };
}
