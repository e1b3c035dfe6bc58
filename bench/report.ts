// Report overhead: the wall time of a `kdview report` (a fresh Node process
// running runReport: checks, crash under a pty, the triage, parsing,
// rendering, recording) beside `crash -s -i FILE` running the same command
// list on the same dump. Runs alternate, medians are compared; the target is
// a ratio of at most 1.05.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ReportSchema } from '../src/report/model.js';

const TARGET = 1.05;
const REPS = Number(process.env.KDVIEW_BENCH_REPS ?? 5);
const ONLY = process.env.KDVIEW_BENCH_DUMPS?.split(',');
const ROOT = process.cwd();

export interface DumpCase {
  name: 'bug' | 'sysrq';
  vmlinux: string;
  vmcore: string;
}

/** The shared dumps with their unpacked vmlinux (env as set by run-tests, else their prepare.sh). */
export function dumps(): DumpCase[] {
  const dir = process.env.KDVIEW_DUMPS_DIR ?? resolve(ROOT, '..', 'shared', 'dumps');
  const out: DumpCase[] = [];
  for (const [name, env, script] of [
    ['bug', 'KDVIEW_VMLINUX_BUG', join(dir, 'custom', 'prepare.sh')],
    ['sysrq', 'KDVIEW_VMLINUX_SYSRQ', join(dir, 'prepare.sh')],
  ] as const) {
    let vmlinux = process.env[env];
    if (!vmlinux && existsSync(script)) vmlinux = execFileSync('sh', [script], { encoding: 'utf8' }).trim().split('\n').pop();
    const vmcore = join(dir, name, 'vmcore');
    if (ONLY && !ONLY.includes(name)) continue;
    if (vmlinux && existsSync(vmlinux) && existsSync(vmcore)) out.push({ name, vmlinux, vmcore });
  }
  return out;
}

function timed(file: string, args: readonly string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    execFile(file, args, { maxBuffer: 256 << 20, timeout: 600_000 }, (err) => {
      const ms = performance.now() - t0;
      // runReport exits 3 for a partial report; that is still a report.
      if (err && (err as { code?: unknown }).code !== 3) fail(err);
      else done(ms);
    });
  });
}

const RUNNER = `
const [, vmlinux, dump, output, sessionsDir] = process.argv;
const { runReport } = await import(${JSON.stringify(join(ROOT, 'dist', 'src', 'cli', 'report-command.js'))});
process.exitCode = await runReport(vmlinux, dump, { format: 'json', output, sessionsDir }, { stdout: process.stdout, stderr: process.stderr });
`;

function kdviewArgs(d: DumpCase, tmp: string): string[] {
  return ['--input-type=module', '-e', RUNNER, d.vmlinux, d.vmcore, join(tmp, `${d.name}.json`), join(tmp, 'state', 'sessions')];
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function benchDump(d: DumpCase, tmp: string) {
  // A first report gives the exact command list (with `bt PID` of its UN tasks).
  await timed(process.execPath, kdviewArgs(d, tmp));
  const report = ReportSchema.parse(JSON.parse(readFileSync(join(tmp, `${d.name}.json`), 'utf8')));
  const commands = report.steps.filter((s) => s.status !== 'skipped').map((s) => s.command);
  const script = join(tmp, `${d.name}.crash`);
  writeFileSync(script, `${[...commands, 'quit'].join('\n')}\n`);
  const crashArgs = ['-s', '--no_crashrc', '-i', script, d.vmlinux, d.vmcore];
  const loadOnly = join(tmp, 'quit.crash');
  writeFileSync(loadOnly, 'quit\n');
  const kdviewMs: number[] = [];
  const crashMs: number[] = [];
  const loadMs: number[] = [];
  for (let i = 0; i < REPS; i++) {
    crashMs.push(await timed('crash', crashArgs));
    kdviewMs.push(await timed(process.execPath, kdviewArgs(d, tmp)));
    loadMs.push(await timed('crash', ['-s', '--no_crashrc', '-i', loadOnly, d.vmlinux, d.vmcore]));
  }
  const k = median(kdviewMs);
  const c = median(crashMs);
  return {
    dump: d.name,
    commands,
    reps: REPS,
    kdviewMs: kdviewMs.map(Math.round),
    crashMs: crashMs.map(Math.round),
    kdviewMedianMs: Math.round(k),
    crashMedianMs: Math.round(c),
    /** `crash -s -i` with only `quit`: how much of each run is loading the dump. */
    crashLoadOnlyMs: loadMs.map(Math.round),
    ratio: Number((k / c).toFixed(3)),
    stepMs: Object.fromEntries(report.steps.map((s) => [s.command, s.ms])),
  };
}

export async function benchReport(): Promise<object> {
  const cases = dumps();
  if (cases.length === 0) return { skipped: 'shared dumps or their vmlinux not found', target: TARGET };
  const tmp = mkdtempSync(join(tmpdir(), 'kdview-bench-report-'));
  const loadAverageAtStart = loadavg();
  try {
    const results = [];
    for (const d of cases) results.push(await benchDump(d, tmp));
    return { target: TARGET, targetMet: results.every((r) => r.ratio <= TARGET), loadAverageAtStart, results };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
