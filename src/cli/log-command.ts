// `kdview log FILE|DIR [--json]`: the log-only Summary of a saved kernel log
// (makedumpfile --dump-dmesg, vmcore-dmesg.txt, a kdumpst zip, a dump or its
// folder), with neither crash nor a vmlinux. The crash report shown is the
// first one in the log, as in the TUI's Summary.
import { loadSavedLog, type SavedLog } from '../core/saved-log.js';
import type { Oops } from '../model/oops.js';
import { EXIT } from '../model/user-error.js';
import { sanitizeForDisplay } from '../text/clean.js';

export interface LogIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface LogSummary {
  source: string;
  records: number;
  /** Seconds since boot of the first and last stamped records. */
  span?: { first: number; last: number };
  release?: string;
  commandLine?: string;
  /** The report that led to the dump (what the Summary shows; `primary`), null when none. */
  oops: Oops | null;
  /** Every crash report in the log, in order. */
  oopses: Oops[];
  /** From the report's "Hardware name:", else the boot log's "DMI:" line. */
  hardware?: string;
}

function firstText(log: SavedLog, re: RegExp): string | undefined {
  for (const r of log.records) {
    const m = re.exec(r.text);
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}

export function summariseLog(log: SavedLog): LogSummary {
  const stamped = log.records.filter((r) => r.timestamp !== undefined);
  const first = stamped[0]?.timestamp;
  const last = stamped.at(-1)?.timestamp;
  const oops = log.oopses.find((o) => o.primary) ?? log.oopses[0] ?? null;
  const s: LogSummary = { source: log.source, records: log.records.length, oops, oopses: log.oopses };
  if (first !== undefined && last !== undefined) s.span = { first, last };
  const release = firstText(log, /^Linux version (\S+)/);
  if (release) s.release = release;
  const cmdline = firstText(log, /^(?:Kernel )?[Cc]ommand line: (.*)$/);
  if (cmdline) s.commandLine = cmdline;
  const hardware = oops?.hardware ?? firstText(log, /^DMI: (.*)$/);
  if (hardware) s.hardware = hardware;
  return s;
}

function row(k: string, v: string | undefined): string[] {
  return v === undefined || v === '' ? [] : [`${k.padStart(12)}  ${v}`];
}

export function renderLogSummary(s: LogSummary): string {
  const o = s.oops;
  const out = [`${s.source}: ${s.records} records${s.span ? `, ${s.span.first.toFixed(6)} .. ${s.span.last.toFixed(6)} s` : ''}`, ''];
  if (o) {
    out.push(
      ...row('PANIC', `${o.message}${o.panic && o.kind !== 'panic' ? `  → Kernel panic - not syncing: ${o.panic}` : ''}`),
      ...row('WHY', o.trigger ? `${o.trigger.kind}: ${o.trigger.detail}` : undefined),
      ...row('OOPS', `${o.title}${o.rip ? `  (RIP ${o.rip})` : ''}`),
      ...row('CULPRIT', o.function ? `${o.function}${o.module ? ` [${o.module}]` : ''}` : o.panicFrom),
      ...row('BLOCKED', o.blocked?.join(', ')),
      ...row('TASK', o.pid !== undefined ? `PID ${o.pid}  ${o.comm ?? '?'}  on CPU ${o.cpu ?? '?'}` : undefined),
      ...row('TAINT', o.tainted !== undefined ? o.tainted || 'not tainted' : undefined),
    );
  } else out.push(...row('OOPS', 'no crash report in this log'));
  out.push(...row('RELEASE', s.release), ...row('HARDWARE', s.hardware), ...row('CMDLINE', s.commandLine));
  if (o?.trace?.length) out.push('', 'Call trace:', ...o.trace.slice(0, 12).map((f) => `  ${f}`));
  if (s.oopses.length > 1) out.push('', `${s.oopses.length - 1} more report(s):`, ...s.oopses.filter((x) => x !== o).map((x) => `  ${x.title}`));
  return sanitizeForDisplay(out.join('\n'));
}

/** Runs `kdview log`; 0 when the log holds a crash report, 1 when it holds none. Bad input throws CliError (exit 2). */
export async function runLog(target: string, opts: { json?: boolean }, io: LogIo): Promise<number> {
  const summary = summariseLog(await loadSavedLog(target));
  if (opts.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else io.stdout.write(`${renderLogSummary(summary)}\n`);
  return summary.oops ? EXIT.ok : EXIT.failed;
}
