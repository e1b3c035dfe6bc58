// Drives crash through a report's triage: opens the dump (normal, then
// --zero_excluded, then --minimal), runs each step, records the session, and
// never stops for a failed step.
import { resolve } from 'node:path';
import { awaitReady, locateCrash, prepareCrash, spawnPrepared, type Prepared } from '../core/launch-crash.js';
import { openRecorder, type Recorder } from '../core/recorder.js';
import { CliError } from '../model/user-error.js';
import { parsePs } from '../parsers/index.js';
import type { CrashClient, StartupInfo } from '../protocol/crash-client.js';
import type { StepResult } from '../report/build.js';
import type { ReportMode } from '../report/model.js';
import { availableIn, hungBtCommand, MAX_HUNG_BT, MODES, TRIAGE, TRIAGE_COMMANDS } from '../report/triage.js';
import { kdviewVersion } from './version.js';
import { crashReportHangs } from './report-hangs.js';
import type { Hang } from '../model/hang.js';

export interface TriageOptions {
  script: readonly string[];
  timeoutMs?: number;
  /** How long crash may take to load a dump before that mode counts as failed. */
  loadTimeoutMs?: number;
  record: boolean;
  sessionsDir?: string;
  onProgress?: (message: string) => void;
  warn: (message: string) => void;
  /** crash started already on these inputs (report-early.ts), used for the normal mode. */
  early?: CrashClient;
}

export interface TriageRun {
  prepared: Prepared;
  mode: ReportMode;
  steps: StepResult[];
  script: StepResult[];
  warnings: string[];
  sessionPath: string | undefined;
  /** The blocked tasks' wait-for graph; undefined when it could not be looked for (--minimal, crash gone). */
  hangs?: Hang[];
}

/** crash 8.0.2 on kernels with the struct pid flex-array backport: ps and foreach see only a few tasks. */
const INCOMPLETE_TASKS =
  "crash's task table is incomplete (its PID hash lookups failed): tasks, hung tasks and clusters cover only the tasks crash found";

const DEFAULT_LOAD_TIMEOUT_MS = 15 * 60_000;

function spawn(p: Prepared, args: readonly string[], o: TriageOptions): CrashClient {
  const client = spawnPrepared(p, args, o.timeoutMs ? { defaultTimeoutMs: o.timeoutMs } : {});
  if (o.onProgress) client.on('progress', o.onProgress);
  return client;
}

/**
 * crash in normal mode, started before the inputs are checked: loading takes
 * seconds, the checks (crash --version, --osrelease, the vmlinux's ELF)
 * milliseconds, so they overlap. The paths are absolute and go in an argument
 * array; when a check fails the caller kills this crash before using it.
 */
function spawnEarly(vmlinux: string, dump: string, o: TriageOptions): CrashClient | undefined {
  let crashPath: string;
  try {
    crashPath = locateCrash();
  } catch {
    return undefined; // prepareCrash says so
  }
  const inputs = { vmlinux: resolve(vmlinux), dump: resolve(dump), vmlinuxRelease: undefined };
  return spawn({ inputs, crashPath, crashVersion: undefined, dumpRelease: undefined }, [], o);
}

async function openIn(p: Prepared, args: readonly string[], o: TriageOptions, early?: CrashClient): Promise<{ client: CrashClient; startup: StartupInfo }> {
  const client = early ?? spawn(p, args, o);
  const limit = o.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      client.kill();
      reject(new CliError(`crash did not finish loading in ${Math.round(limit / 1000)} s`));
    }, limit);
  });
  try {
    return { client, startup: await Promise.race([awaitReady(client), late]) };
  } finally {
    clearTimeout(timer);
  }
}

/** Opens the dump in the first mode crash accepts; a CliError naming every failure when none does. */
async function openAnyMode(p: Prepared, o: TriageOptions, early: CrashClient | undefined) {
  const failures: string[] = [];
  for (const m of MODES) {
    try {
      return { mode: m.mode, ...(await openIn(p, m.args, o, m.mode === 'normal' ? early : undefined)), failures };
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      failures.push(`${m.mode}: ${err.message}`);
    }
  }
  const reasons = failures.map((f) => f.slice(f.indexOf(': ') + 2));
  const why = reasons.every((r) => r === reasons[0]) ? `normal, --zero_excluded, --minimal: ${reasons[0]}` : failures.join('; ');
  throw new CliError(`crash could not open dump '${p.inputs.dump}' in any mode (${why})`);
}

/** Why a step cannot run now, if it cannot. */
function blocked(client: CrashClient, mode: ReportMode, command: string): string | undefined {
  if (client.state === 'dead') return `not run: ${client.exited?.message ?? 'crash exited'}`;
  if (client.state === 'stuck') return 'not run: crash is stuck in an earlier command';
  if (!availableIn(mode, command)) return `not available in --${mode} mode`;
  return undefined;
}

async function step(client: CrashClient, mode: ReportMode, command: string, o: TriageOptions, rec: Recorder): Promise<StepResult> {
  const why = blocked(client, mode, command);
  if (why) return { command, skipped: why };
  const ex = await client.run(command, { timeoutMs: o.timeoutMs });
  rec.exchange(ex);
  return ex;
}

/** PIDs of UN tasks in a `ps` output. */
function hungPids(steps: readonly StepResult[]): number[] {
  const ps = steps.find((s) => s.command === TRIAGE.ps && 'output' in s);
  if (!ps || !('output' in ps)) return [];
  return [...new Set(parsePs(ps.output).value.tasks.filter((t) => t.state === 'UN').map((t) => t.pid))];
}

export async function runTriage(vmlinux: string, dump: string, o: TriageOptions): Promise<TriageRun> {
  const early = o.early ?? spawnEarly(vmlinux, dump, o);
  if (o.early && o.onProgress) o.early.on('progress', o.onProgress);
  let prepared: Prepared;
  try {
    prepared = await prepareCrash(vmlinux, dump);
  } catch (err) {
    early?.kill();
    throw err;
  }
  const { mode, client, startup, failures } = await openAnyMode(prepared, o, early);
  const warnings = [...failures.map((f) => `crash could not open the dump in ${f}`), ...startup.warnings.map((w) => `crash at start-up: ${w}`)];
  if (startup.warnings.some((w) => w.includes('not found in PID hash'))) warnings.push(INCOMPLETE_TASKS);
  const rec = await openRecorder(
    {
      record: o.record,
      sessionsDir: o.sessionsDir,
      kdview: kdviewVersion(),
      backend: 'crash',
      backendVersion: prepared.crashVersion,
      vmlinux: prepared.inputs.vmlinux,
      dump: prepared.inputs.dump,
      release: prepared.dumpRelease ?? prepared.inputs.vmlinuxRelease,
      command: 'report',
    },
    o.warn,
  );
  rec.startup(startup);
  const steps: StepResult[] = [];
  const script: StepResult[] = [];
  let hangs: Hang[] | undefined;
  try {
    for (const command of TRIAGE_COMMANDS) steps.push(await step(client, mode, command, o, rec));
    const pids = hungPids(steps);
    for (const pid of pids.slice(0, MAX_HUNG_BT)) steps.push(await step(client, mode, hungBtCommand(pid), o, rec));
    if (pids.length > MAX_HUNG_BT) warnings.push(`${pids.length} UN tasks: bt PID ran for the first ${MAX_HUNG_BT}; the rest use foreach bt`);
    if (mode !== 'minimal' && client.state !== 'dead' && client.state !== 'stuck') {
      const incomplete = startup.warnings.some((w) => w.includes('not found in PID hash'));
      const probe = async (command: string) => {
        const ex = await client.run(command, { timeoutMs: o.timeoutMs });
        rec.exchange(ex);
        return ex;
      };
      hangs = await crashReportHangs(steps, incomplete, (c) => step(client, mode, c, o, rec), probe);
    }
    for (const command of o.script) script.push(await step(client, mode, command, o, rec));
  } finally {
    if (client.state === 'stuck') client.kill();
    else await client.quit();
    await rec.close();
  }
  return { prepared, mode, steps, script, warnings, sessionPath: rec.path, hangs };
}
