// Parser for crash `log` (plain, -T, -m, -c, -t, -d). A line without a record
// prefix continues the record above it: crash indents such lines by the width
// of the prefix, and that indentation is removed from the text.
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { LogRecord } from '../model/log.js';
import { diag, splitLines } from './lines.js';
import { readLogPrefix, type LogPrefix } from './log-prefix.js';

function makeRecord(p: LogPrefix, text: string, line: number): LogRecord {
  if (p.wallclock === undefined && p.level === undefined && p.caller === undefined) {
    return p.timestamp === undefined ? { text, line } : { timestamp: p.timestamp, text, line };
  }
  const r = {} as LogRecord;
  if (p.timestamp !== undefined) r.timestamp = p.timestamp;
  if (p.wallclock !== undefined) r.wallclock = p.wallclock;
  if (p.level !== undefined) r.level = p.level;
  if (p.facility !== undefined) r.facility = p.facility;
  if (p.caller !== undefined) r.caller = p.caller;
  r.text = text;
  r.line = line;
  return r;
}

/** Leading spaces of s, up to max. */
function indentOf(s: string, max: number): number {
  let i = 0;
  while (i < max && s.charCodeAt(i) === 32) i++;
  return i;
}

const NO_PREFIX: LogPrefix = { textStart: 0 };

export interface LogReadOptions {
  /**
   * Plain dmesg/console text: an unprefixed line continues the record above
   * only when indented at least as deep as that record's text; otherwise it is
   * a record of its own, without diagnostics.
   */
  lenient?: boolean;
  /** Strips a per-line prefix first (console/syslog decorations); returns the new line. */
  strip?: (line: string) => string;
}

/** Reads log records from already split lines. */
export function readLogLines(lines: readonly string[], opts: LogReadOptions = {}): Parsed<LogRecord[]> {
  const records: LogRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const lenient = opts.lenient === true;
  const strip = opts.strip;
  let last: LogRecord | undefined;
  let indent = 0;
  let stamped = false;
  for (let n = 0; n < lines.length; n++) {
    let s = lines[n] as string;
    if (strip) s = strip(s);
    const p = s.length > 0 ? readLogPrefix(s, 0) : undefined;
    if (p) {
      last = makeRecord(p, s.slice(p.textStart), n + 1);
      records.push(last);
      indent = p.textStart;
      stamped = true;
      continue;
    }
    if (s.length === 0 || (lenient && s.trim().length === 0)) continue;
    const lead = indentOf(s, indent);
    if (last && stamped && (lead === indent || (!lenient && lead > 0))) {
      const rest = s.slice(lead);
      const eq = rest.indexOf('=');
      if ((eq === 9 && rest.startsWith('SUBSYSTEM')) || (eq === 6 && rest.startsWith('DEVICE'))) {
        (last.dict ??= {})[rest.slice(0, eq)] = rest.slice(eq + 1);
      } else {
        last.text += `\n${rest}`;
      }
      continue;
    }
    last = makeRecord(NO_PREFIX, s, n + 1);
    records.push(last);
    indent = 0;
    if (stamped && !lenient) diagnostics.push(diag(n + 1, 'line without a log prefix between stamped records', s));
  }
  return { value: records, diagnostics };
}

export function parseLog(text: string): Parsed<LogRecord[]> {
  return readLogLines(splitLines(text));
}
