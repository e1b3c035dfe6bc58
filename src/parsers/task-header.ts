// Reads the task header crash prints in bt, ps -m, runq and foreach:
//   PID: 140      TASK: ffff966481dc6e00  CPU: 0    COMMAND: "lkdtm-trigger"
import { readQuoted, skipSpaces, skipToken, toInt, toSignedInt } from './lines.js';

export interface TaskHeader {
  pid: number;
  task: string;
  cpu?: number;
  command: string;
  /** Other `KEY: value` pairs in the header (newer crash adds some). */
  extra?: Record<string, string>;
}

/** Parses the header starting at s[from] (which must be "PID:"); undefined when malformed. */
export function readTaskHeader(s: string, from: number): TaskHeader | undefined {
  if (!s.startsWith('PID:', from)) return undefined;
  let pid: number | undefined;
  let task: string | undefined;
  let cpu: number | undefined;
  let command: string | undefined;
  let extra: Record<string, string> | undefined;
  let i = from;
  while (i < s.length) {
    const keyEnd = s.indexOf(':', i);
    if (keyEnd === -1) break;
    const key = s.slice(i, keyEnd);
    let v = skipSpaces(s, keyEnd + 1);
    if (key === 'COMMAND') {
      const q = readQuoted(s, v);
      command = q ? q.text : s.slice(v).trim();
      break;
    }
    const e = skipToken(s, v);
    const val = s.slice(v, e);
    if (key === 'PID') pid = toInt(val);
    else if (key === 'TASK') task = val;
    else if (key === 'CPU') cpu = toSignedInt(val);
    else (extra ??= {})[key] = val;
    v = skipSpaces(s, e);
    if (v === i) break;
    i = v;
  }
  if (pid === undefined || task === undefined || command === undefined) return undefined;
  const h: TaskHeader = { pid, task, command };
  if (cpu !== undefined) h.cpu = cpu;
  if (extra) h.extra = extra;
  return h;
}
