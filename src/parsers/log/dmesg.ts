// Reads plain kernel log text into log records: makedumpfile --dump-dmesg
// output, `dmesg`, serial console captures and syslog/journal lines such as
//   Nov 26 04:16:23 host kernel: [    7.145339] text
//   2026-11-26T04:16:23.123456+00:00 host kernel: text
//   <4>[    7.145339] text
// Lines that carry no kernel prefix (other programs writing to the console)
// become records without a timestamp; they never raise diagnostics.
import type { Parsed } from '../../model/diagnostic.js';
import type { LogRecord } from '../../model/log.js';
import { readLogText } from './parse.js';

const SYSLOG = /^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?) \S+ kernel: /;

/** Removes a syslog/journal decoration, if any. */
export function stripConsolePrefix(line: string): string {
  const c = line.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
    const m = SYSLOG.exec(line);
    if (m) return line.slice(m[0].length);
  }
  return line;
}

export function parseDmesg(text: string): Parsed<LogRecord[]> {
  return readLogText(text, { lenient: true, strip: stripConsolePrefix });
}
