// The log part of a report: an excerpt from shortly before the first crash
// report to the end, and a timeline of records by level up to the crash.
import type { LogRecord } from '../model/log.js';
import type { Oops } from '../model/oops.js';
import { LevelNames, type Report } from './model.js';

/** Records shown before the first crash report. */
export const CONTEXT_RECORDS = 20;
/** Records in an excerpt at most; beyond it the middle is left out. */
export const MAX_EXCERPT = 600;
const NICE_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];
const MAX_BUCKETS = 24;

/** `[    7.144839] text`, as crash prints a record. */
export function formatRecord(r: LogRecord): string {
  const ts = r.timestamp === undefined ? '' : `[${r.timestamp.toFixed(6).padStart(12)}] `;
  return `${ts}${r.text}`;
}

function excerptOf(records: readonly LogRecord[], from: number): string {
  const shown = records.slice(from);
  if (shown.length <= MAX_EXCERPT) return shown.map(formatRecord).join('\n');
  const half = MAX_EXCERPT / 2;
  const gap = `[... ${shown.length - MAX_EXCERPT} records left out ...]`;
  return [...shown.slice(0, half).map(formatRecord), gap, ...shown.slice(-half).map(formatRecord)].join('\n');
}

export function levelName(level: number | undefined): string {
  return level === undefined ? 'none' : (LevelNames[level] ?? 'none');
}

function timelineOf(records: readonly LogRecord[], upTo: number, crashAt: number | undefined): Report['log']['timeline'] {
  const stamped = records.slice(0, upTo).filter((r) => r.timestamp !== undefined);
  const end = crashAt ?? stamped.at(-1)?.timestamp ?? 0;
  const bucketSeconds = NICE_BUCKETS.find((b) => end / b <= MAX_BUCKETS) ?? Math.ceil(end / MAX_BUCKETS);
  const n = stamped.length === 0 ? 0 : Math.floor(end / bucketSeconds) + 1;
  const buckets = Array.from({ length: n }, (_, i) => ({ start: Number((i * bucketSeconds).toFixed(3)), byLevel: {} as Record<string, number> }));
  for (const r of stamped) {
    const i = Math.min(n - 1, Math.max(0, Math.floor((r.timestamp ?? 0) / bucketSeconds)));
    const b = buckets[i];
    if (!b) continue;
    const name = levelName(r.level);
    b.byLevel[name] = (b.byLevel[name] ?? 0) + 1;
  }
  return { crashAt: crashAt ?? null, bucketSeconds: n === 0 ? 0 : bucketSeconds, buckets };
}

export function logSection(records: readonly LogRecord[], oopses: readonly Oops[]): Report['log'] {
  const first = oopses[0];
  const from = first ? Math.max(0, first.records.first - CONTEXT_RECORDS) : Math.max(0, records.length - 50);
  const upTo = first ? first.records.last + 1 : records.length;
  return {
    records: records.length,
    excerptFrom: from,
    excerpt: excerptOf(records, from),
    timeline: timelineOf(records, upTo, first?.timestamp),
  };
}
