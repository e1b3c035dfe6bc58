// Parser for crash `log` (plain, -T, -m, -c, -t, -d). A line without a record
// prefix continues the record above it: crash indents such lines by the width
// of the prefix, and that indentation is removed from the text.
// Clean text is scanned in place (no intermediate line strings); text with
// CRs or ANSI escapes is split and cleaned first. Plain stamped lines take the
// fast reader (fast.ts), every other line the reference reader (reference.ts).
import type { Diagnostic, Parsed } from '../../model/diagnostic.js';
import type { LogRecord } from '../../model/log.js';
import { Collector, estimateLines } from '../collect.js';
import { diag, needsCleaning, splitLines } from '../lines.js';
import { FastLogReader } from './fast.js';
import { LogPrefixReader, type LogPrefix } from './reference.js';

export interface LogReadOptions {
  /**
   * Plain dmesg/console text: an unprefixed line continues the record above
   * only when indented as deep as that record's text; otherwise it is a record
   * of its own, without diagnostics.
   */
  lenient?: boolean;
  /**
   * Strips a per-line decoration first (syslog/journal); returns the new line.
   * It must leave a line that starts with "[" as it is: those lines may be read without it.
   */
  strip?: (line: string) => string;
}

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

class LogReader {
  readonly records: Collector<LogRecord>;
  readonly diagnostics: Diagnostic[] = [];
  private last: LogRecord | undefined;
  private indent = 0;
  private stamped = false;
  private readonly prefix = new LogPrefixReader();
  constructor(private readonly lenient: boolean, estimate: number) {
    this.records = new Collector<LogRecord>(estimate);
  }

  /** Takes the record of a line with a prefix `indent` chars wide, read elsewhere. */
  takeStamped(rec: LogRecord, indent: number): void {
    this.last = rec;
    this.records.add(rec);
    this.indent = indent;
    this.stamped = true;
  }

  /** Reads the line s[start, end) as line number n. */
  line(s: string, start: number, end: number, n: number): void {
    if (start === end) return;
    const t = this.prefix.read(s, start);
    if (t !== -1 && t <= end) {
      this.last = makeRecord(this.prefix, s.slice(t, end), n);
      this.records.add(this.last);
      this.indent = t - start;
      this.stamped = true;
      return;
    }
    let lead = 0;
    while (start + lead < end && s.charCodeAt(start + lead) === 32) lead++;
    if (this.lenient && lead === end - start) return;
    const last = this.last;
    if (last && this.stamped && this.indent > 0 && (lead >= this.indent || (!this.lenient && lead > 0))) {
      const from = start + Math.min(lead, this.indent);
      if (s.startsWith('SUBSYSTEM=', from)) (last.dict ??= {}).SUBSYSTEM = s.slice(from + 10, end);
      else if (s.startsWith('DEVICE=', from)) (last.dict ??= {}).DEVICE = s.slice(from + 7, end);
      else last.text += `\n${s.slice(from, end)}`;
      return;
    }
    this.prefix.clear();
    this.last = makeRecord(this.prefix, s.slice(start, end), n);
    this.records.add(this.last);
    this.indent = 0;
    if (this.stamped && !this.lenient) this.diagnostics.push(diag(n, 'line without a log prefix between stamped records', s.slice(start, end)));
  }
}

/** Reads log records from already split lines. */
export function readLogLines(lines: readonly string[], opts: LogReadOptions = {}): Parsed<LogRecord[]> {
  const r = new LogReader(opts.lenient === true, lines.length);
  const strip = opts.strip;
  for (let n = 0; n < lines.length; n++) {
    const s = strip ? strip(lines[n] as string) : (lines[n] as string);
    r.line(s, 0, s.length, n + 1);
  }
  return { value: r.records.done(), diagnostics: r.diagnostics };
}

/**
 * Reads log text. Clean text is read in place, its plain stamped lines
 * (`[  secs] text`, the most common ones) by a dedicated reader; text with
 * CRs or ANSI escapes is split and cleaned first.
 */
export function readLogText(text: string, opts: LogReadOptions = {}): Parsed<LogRecord[]> {
  if (needsCleaning(text)) return readLogLines(splitLines(text), opts);
  const r = new LogReader(opts.lenient === true, estimateLines(text));
  const strip = opts.strip;
  const fast = new FastLogReader();
  let start = 0;
  for (let n = 1; start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    // (A stamped line starts with "[", which no strip function removes.)
    const t = start === end ? -1 : fast.textStart(text, start, end);
    if (t !== -1) r.takeStamped(fast.record(text, t, end, n), t - start);
    else if (strip === undefined) r.line(text, start, end, n);
    else {
      const line = strip(text.slice(start, end));
      r.line(line, 0, line.length, n);
    }
    start = end + 1;
  }
  return { value: r.records.done(), diagnostics: r.diagnostics };
}

export function parseLog(text: string): Parsed<LogRecord[]> {
  return readLogText(text);
}
