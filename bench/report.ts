// Report overhead: the wall time of a `kdview report` (a fresh Node process
// running the CLI: checks, crash under a pty, the triage, parsing,
// rendering, recording) beside `crash -s -i FILE` running the same command
// list on the same dump, by dump size: the shared dumps (bug: 82 tasks,
// sysrq) and large real dumps made by the scale kit (about 10,000 tasks).
// Runs alternate, medians are compared; the target, on the scale dumps, is a
// ratio of at most 1.05 and kdview's own peak RSS (crash not included) under
// 1 GB. The shared dumps' rows are for reference (Node's start-up weighs more
// on a dump crash loads in 4 s).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findDrgn } from '../src/backend/drgn-probe.js';
import { ReportSchema } from '../src/report/model.js';
import { readSession } from '../src/session/reader.js';
import { scaleDump } from './scale-dump.js';

const TARGET = 1.05;
const RSS_LIMIT_MB = 1024;
const REPS = Number(process.env.KDVIEW_BENCH_REPS ?? 5);
const SCALE_REPS = Number(process.env.KDVIEW_BENCH_SCALE_REPS ?? 3);
const ONLY = process.env.KDVIEW_BENCH_DUMPS?.split(',');
/** Scale dumps as POOLSxPOOL_TASKS, comma-separated; `none` for none. 4x2500 is about 10,000 tasks. */
const SCALE = (process.env.KDVIEW_BENCH_SCALE ?? '4x2500').split(',').filter((s) => s !== '' && s !== 'none');
const ROOT = process.cwd();

export interface DumpCase {
  name: string;
  vmlinux: string;
  vmcore: string;
  reps: number;
}

/** The shared dumps with their unpacked vmlinux (env as set by run-tests, else their prepare.sh). */
export function sharedDumps(): DumpCase[] {
  const dir = process.env.KDVIEW_DUMPS_DIR ?? resolve(ROOT, '..', 'shared', 'dumps');
  const out: DumpCase[] = [];
  for (const [name, env, script] of [
    ['bug', 'KDVIEW_VMLINUX_BUG', join(dir, 'custom', 'prepare.sh')],
    ['sysrq', 'KDVIEW_VMLINUX_SYSRQ', join(dir, 'prepare.sh')],
  ] as const) {
    if (ONLY && !ONLY.includes(name)) continue;
    let vmlinux = process.env[env];
    if (!vmlinux && existsSync(script)) vmlinux = execFileSync('sh', [script], { encoding: 'utf8' }).trim().split('\n').pop();
    const vmcore = join(dir, name, 'vmcore');
    if (vmlinux && existsSync(vmlinux) && existsSync(vmcore)) out.push({ name, vmlinux, vmcore, reps: REPS });
  }
  return out;
}

/** The scale dumps, made when missing; a clear reason for each one that cannot be made. */
async function scaleDumps(): Promise<{ cases: DumpCase[]; skipped: string[] }> {
  const cases: DumpCase[] = [];
  const skipped: string[] = [];
  for (const spec of SCALE) {
    const m = /^(\d+)x(\d+)$/.exec(spec);
    if (!m) {
      skipped.push(`KDVIEW_BENCH_SCALE '${spec}': expected POOLSxPOOL_TASKS`);
      continue;
    }
    if (ONLY && !ONLY.includes(`scale-${spec}`) && !ONLY.includes('scale')) continue;
    const r = await scaleDump(Number(m[1]), Number(m[2]));
    if ('dump' in r) cases.push({ ...r.dump, reps: SCALE_REPS });
    else skipped.push(`scale-${spec}: ${r.qemu ? '' : 'qemu is not installed, row skipped: '}${r.missing}`);
  }
  return { cases, skipped };
}

interface Run {
  ms: number;
  stderr: string;
}

function timed(file: string, args: readonly string[]): Promise<Run> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    execFile(file, args, { maxBuffer: 256 << 20, timeout: 1_200_000, encoding: 'utf8' }, (err, _stdout, stderr) => {
      const ms = performance.now() - t0;
      // runReport exits 3 for a partial report; that is still a report.
      if (err && (err as { code?: unknown }).code !== 3) fail(err);
      else done({ ms, stderr });
    });
  });
}

const RSS_TAG = 'kdview-bench-maxrss-kb';
/** drgn installed: each rep also times the default report with both engines (a reference row, not the budget). */
const BOTH = findDrgn() !== undefined;
/** `kdview report` as users run it (dist/src/cli/main.js), with its peak RSS written to stderr at exit. */
const RUNNER = `
const main = ${JSON.stringify(join(ROOT, 'dist', 'src', 'cli', 'main.js'))};
process.argv = [process.argv[0], main, ...process.argv.slice(1)];
process.on('exit', () => process.stderr.write('${RSS_TAG} ' + process.resourceUsage().maxRSS + '\\n'));
await import(main);
`;

function kdviewArgs(d: DumpCase, tmp: string, backend: 'crash' | 'both' = 'crash'): string[] {
  const out = join(tmp, `${d.name}.json`);
  // The budget is on crash's report; both engines (the default when drgn is installed) run drgn too, beside it.
  const sessions = join(tmp, 'state', backend === 'crash' ? 'sessions' : 'sessions-both');
  return ['--input-type=module', '-e', RUNNER, 'report', '--backend', backend, '--format', 'json', '-o', out, '--sessions-dir', sessions, d.vmlinux, d.vmcore];
}

function rssMB(stderr: string): number {
  const m = new RegExp(`${RSS_TAG} (\\d+)`).exec(stderr);
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const load = () => loadavg().map((x) => Number(x.toFixed(2)));

async function benchDump(d: DumpCase, tmp: string) {
  // A first report gives the exact command list: every exchange of its recorded session (the triage steps,
  // `bt PID` of its UN tasks, and the probes the hang analysis ran), in order.
  const sessions = join(tmp, 'state', 'sessions');
  rmSync(sessions, { recursive: true, force: true });
  await timed(process.execPath, kdviewArgs(d, tmp));
  const report = ReportSchema.parse(JSON.parse(readFileSync(join(tmp, `${d.name}.json`), 'utf8')));
  const recorded = readdirSync(sessions).filter((n) => n.endsWith('.jsonl'));
  if (recorded.length !== 1) throw new Error(`bench: expected one recorded session in ${sessions}, found ${recorded.length}`);
  const commands = (await readSession(join(sessions, recorded[0] as string))).exchanges.map((e) => e.command);
  const script = join(tmp, `${d.name}.crash`);
  writeFileSync(script, `${[...commands, 'quit'].join('\n')}\n`);
  const crashArgs = ['-s', '--no_crashrc', '-i', script, d.vmlinux, d.vmcore];
  const loadOnly = join(tmp, 'quit.crash');
  writeFileSync(loadOnly, 'quit\n');
  const kdviewMs: number[] = [];
  const crashMs: number[] = [];
  const loadMs: number[] = [];
  const rss: number[] = [];
  const bothMs: number[] = [];
  const loadAverageBefore = load();
  for (let i = 0; i < d.reps; i++) {
    crashMs.push((await timed('crash', crashArgs)).ms);
    const k = await timed(process.execPath, kdviewArgs(d, tmp));
    kdviewMs.push(k.ms);
    rss.push(rssMB(k.stderr));
    loadMs.push((await timed('crash', ['-s', '--no_crashrc', '-i', loadOnly, d.vmlinux, d.vmcore])).ms);
    if (BOTH) bothMs.push((await timed(process.execPath, kdviewArgs(d, tmp, 'both'))).ms);
  }
  const k = median(kdviewMs);
  const c = median(crashMs);
  return {
    dump: d.name,
    tasks: report.tasks.total,
    commands,
    reps: d.reps,
    kdviewMs: kdviewMs.map(Math.round),
    crashMs: crashMs.map(Math.round),
    kdviewMedianMs: Math.round(k),
    crashMedianMs: Math.round(c),
    /** `crash -s -i` with only `quit`: how much of each run is loading the dump. */
    crashLoadOnlyMs: loadMs.map(Math.round),
    ratio: Number((k / c).toFixed(3)),
    /** For reference: the default report with both engines (drgn beside crash, no crash hang collection) against the same `crash -s -i`. */
    bothMs: bothMs.map(Math.round),
    bothRatio: bothMs.length > 0 ? Number((median(bothMs) / c).toFixed(3)) : null,
    /** kdview's own peak RSS per run (the Node process; crash is a separate process). */
    kdviewMaxRssMB: rss,
    loadAverageBefore,
    loadAverageAfter: load(),
    stepMs: Object.fromEntries(report.steps.map((s) => [s.command, s.ms])),
  };
}

export async function benchReport(): Promise<object> {
  const loadAverageAtStart = load();
  const scale = await scaleDumps();
  const cases = [...sharedDumps(), ...scale.cases];
  if (cases.length === 0) return { skipped: ['shared dumps or their vmlinux not found', ...scale.skipped], target: TARGET };
  const tmp = mkdtempSync(join(tmpdir(), 'kdview-bench-report-'));
  try {
    const results = [];
    for (const d of cases) results.push(await benchDump(d, tmp));
    // The budget is set on the large dumps; on small ones Node's start-up is a visible share and the rows are for reference.
    const large = results.filter((r) => r.dump.startsWith('scale-'));
    const targetMet = large.length > 0 && large.every((r) => r.ratio <= TARGET && Math.max(...r.kdviewMaxRssMB) < RSS_LIMIT_MB);
    return { target: TARGET, rssLimitMB: RSS_LIMIT_MB, targetOn: large.map((r) => r.dump), targetMet, loadAverageAtStart, skipped: scale.skipped, results };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** One line per dump for the console. */
export function reportRows(bench: object): string[] {
  const rows = (bench as { results?: Awaited<ReturnType<typeof benchDump>>[] }).results ?? [];
  return rows.map(
    (x) =>
      `${x.ratio <= TARGET ? ' ' : '!'} ${x.dump.padEnd(16)} ${String(x.tasks).padStart(6)} tasks | kdview ${String(x.kdviewMedianMs).padStart(6)} ms  crash -s -i ${String(x.crashMedianMs).padStart(6)} ms  ratio ${x.ratio.toFixed(3)}${x.bothRatio === null ? '' : ` (both engines ${x.bothRatio.toFixed(3)})`} | kdview max RSS ${Math.max(...x.kdviewMaxRssMB)} MB | load ${x.loadAverageBefore.join(' ')}`,
  );
}
