// Times one parser on one large input against a baseline measured in the same
// process on the same text: splitting it into lines and trimming each one.
// Parser and baseline runs alternate; medians are kept. Reports the ratio,
// CPU time, and the memory the parsed model holds.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface BenchResult {
  name: string;
  /** Whether the 3x target applies (the large inputs the brief names: log, ps, foreach bt). */
  targeted: boolean;
  lines: number;
  megabytes: number;
  /** Items in the parsed model (records, tasks, modules, CPUs...). */
  items: number;
  /** Median wall time of the parser and of the baseline. */
  parserMs: number;
  baselineMs: number;
  ratio: number;
  /** Median process CPU time (all threads, so GC helper threads count) of each. */
  parserCpuMs: number;
  baselineCpuMs: number;
  cpuRatio: number;
  /** Heap the parsed model holds (after a full GC), and RSS growth while parsing. */
  heapUsedDeltaMB: number;
  rssDeltaMB: number;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function baseline(text: string): number {
  const lines = text.split('\n');
  let n = 0;
  for (let i = 0; i < lines.length; i++) n += (lines[i] as string).trim().length;
  return n;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const SHARED_HEAP = process.env.KDVIEW_BENCH_HEAP === 'shared';

/** Untimed runs of each before the timed ones. */
const WARM_UP = 3;

/** Runs parser and baseline alternately `runs` times after a warm-up; medians of wall and CPU time. */
function time(parse: () => unknown, base: () => unknown, runs: number): { p: number; b: number; pc: number; bc: number } {
  // Warm-up: both reach optimised code before anything is timed.
  for (let i = 0; i < WARM_UP; i++) {
    parse();
    base();
  }
  const p: number[] = [];
  const b: number[] = [];
  const pc: number[] = [];
  const bc: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, wall, cpu] of [[parse, p, pc], [base, b, bc]] as const) {
      // Every run starts from a collected heap, so none pays for another's garbage
      // (KDVIEW_BENCH_HEAP=shared skips that, as the bench did before 2026-11-26).
      if (!SHARED_HEAP) gc();
      const c0 = cpuNow();
      const t0 = process.hrtime.bigint();
      fn();
      wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
      cpu.push(cpuNow() - c0);
    }
  }
  if (process.env.KDVIEW_BENCH_RUNS) console.error(JSON.stringify({ p: p.map(Math.round), b: b.map(Math.round) }));
  return { p: median(p), b: median(b), pc: median(pc), bc: median(bc) };
}

function memory(fn: () => unknown): { heap: number; rss: number; kept: unknown } {
  gc();
  const before = process.memoryUsage();
  const kept = fn();
  const peak = process.memoryUsage().rss;
  gc();
  const after = process.memoryUsage();
  return { heap: (after.heapUsed - before.heapUsed) / 2 ** 20, rss: (peak - before.rss) / 2 ** 20, kept };
}

const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

export function bench(name: string, targeted: boolean, text: string, parse: (t: string) => unknown, count: (v: unknown) => number, runs: number): BenchResult {
  const t = time(() => parse(text), () => baseline(text), runs);
  const mem = memory(() => parse(text));
  return {
    name,
    targeted,
    lines: text.split('\n').length - 1,
    megabytes: round(Buffer.byteLength(text) / 2 ** 20),
    items: count(mem.kept),
    parserMs: round(t.p),
    baselineMs: round(t.b),
    ratio: round(t.p / t.b, 2),
    parserCpuMs: round(t.pc),
    baselineCpuMs: round(t.bc),
    cpuRatio: round(t.pc / t.bc, 2),
    heapUsedDeltaMB: round(mem.heap),
    rssDeltaMB: round(mem.rss),
  };
}

