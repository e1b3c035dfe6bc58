// The parser benchmark: times each parser on large inputs built from real
// lines against a split+trim baseline of the same text (see parser-measure.ts).
// Every row runs in a fresh Node process, so the heap one row leaves behind
// (the 1M-line log's model is hundreds of MB) does not bill the rows after it;
// parser and baseline of a row share that process.
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './parser-measure.js';
import { ROWS } from './parser-rows.js';

export type { BenchResult } from './parser-measure.js';

const child = fileURLToPath(new URL('./parser-row.js', import.meta.url));

export async function benchParsers(): Promise<object> {
  const started = new Date().toISOString();
  const load = loadavg();
  const results: BenchResult[] = ROWS.map((_row, i) =>
    JSON.parse(execFileSync(process.execPath, [child, String(i)], { encoding: 'utf8', maxBuffer: 1 << 20 })) as BenchResult,
  );
  return {
    started,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: availableParallelism(),
    loadAverageAtStart: load,
    baseline: "text.split('\\n') and trim() of every line, same text, same process, runs interleaved",
    isolation: 'each row in a fresh Node process',
    heap: process.env.KDVIEW_BENCH_HEAP === 'shared' ? 'shared: runs pay for earlier runs\' garbage' : 'collected before every timed run',
    warmUp: '3 untimed runs of each, then 11 timed runs, alternating; medians',
    target: 'log, ps and foreach bt within 3x baseline (median wall time); the other rows are informational',
    targetMet: results.filter((r) => r.targeted).every((r) => r.ratio <= 3),
    allWithin3x: results.every((r) => r.ratio <= 3),
    results,
  };
}
