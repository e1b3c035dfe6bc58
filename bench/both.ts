// `--backend both` start-up: the time from launch (the engines' checks,
// spawning both) to a Summary with the panic, the culprit and the crashing
// task, beside crash's own load time (spawn to its first prompt) on the same
// dump, measured alternately in the same run. Target: at most 0.3x.
import { basename } from 'node:path';
import { loadavg } from 'node:os';
import { spawnCrash } from '../src/backend/crash.js';
import { findExecutable } from '../src/backend/probe.js';
import { DumpSession } from '../src/core/dump-session.js';
import type { Models } from '../src/core/models.js';
import { prepareEngines } from '../src/core/open-both.js';
import { CrashClient } from '../src/protocol/crash-client.js';
import { sharedDumps as dumps, type DumpCase } from './report.js';

const TARGET = 0.3;
const REPS = Number(process.env.KDVIEW_BENCH_REPS ?? 5);
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** What the Summary needs: the panic, the culprit (a crash report's function or the crashing stack) and the crashing task. */
function summaryReady(m: Models): boolean {
  const culprit = m.oopses[0]?.function ?? m.panicTask?.frames.find((f) => !f.inline)?.function;
  return Boolean(m.sys?.panic && m.panicTask && culprit);
}

async function crashLoad(d: DumpCase): Promise<number> {
  const crashPath = findExecutable(process.env.KDVIEW_CRASH ?? 'crash');
  if (!crashPath) throw new Error('crash is not installed');
  const t0 = performance.now();
  const client = new CrashClient(spawnCrash({ crashPath, vmlinux: d.vmlinux, dump: d.vmcore }), { prompt: `${basename(crashPath)}> ` });
  await client.ready();
  const ms = performance.now() - t0;
  await client.quit();
  return ms;
}

async function bothSummary(d: DumpCase): Promise<number> {
  const t0 = performance.now();
  const engines = await prepareEngines('both', d.vmlinux, d.vmcore);
  if (engines.choice !== 'both') throw new Error(`both engines are needed: ${engines.warnings.join('; ')}`);
  const client = engines.spawn();
  const profile = engines.profile?.(client);
  if (!profile) throw new Error('no profile for both engines');
  const session = new DumpSession(client, profile);
  const done = new Promise<number>((resolve) => {
    session.on('models', ({ models }) => {
      if (summaryReady(models)) resolve(performance.now() - t0);
    });
  });
  await session.open();
  void session.fill();
  const ms = await done;
  await client.quit();
  return ms;
}

export async function benchBoth(): Promise<object> {
  const cases = dumps();
  if (cases.length === 0) return { skipped: 'shared dumps or their vmlinux not found', target: TARGET };
  const loadAverageAtStart = loadavg();
  const results = [];
  for (const d of cases) {
    const bothMs: number[] = [];
    const crashMs: number[] = [];
    for (let i = 0; i < REPS; i++) {
      crashMs.push(await crashLoad(d));
      bothMs.push(await bothSummary(d));
    }
    const b = median(bothMs);
    const c = median(crashMs);
    results.push({
      dump: d.name,
      reps: REPS,
      bothSummaryMs: bothMs.map(Math.round),
      crashLoadMs: crashMs.map(Math.round),
      bothSummaryMedianMs: Math.round(b),
      crashLoadMedianMs: Math.round(c),
      ratio: Number((b / c).toFixed(3)),
    });
  }
  return { target: TARGET, targetMet: results.every((r) => r.ratio <= TARGET), loadAverageAtStart, results };
}
