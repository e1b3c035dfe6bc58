// A report's triage from start to end: opens the dump in the chosen backend
// (crash: in the first mode it accepts), records the session, runs the plan
// on a core session and returns the models with the steps. The CLI keeps
// argument handling and output only.
import type { StepResult } from '../report/build.js';
import type { BackendClient } from '../protocol/backend-client.js';
import type { CrashClient, StartupInfo } from '../protocol/crash-client.js';
import { DumpSession } from './dump-session.js';
import type { Inputs } from './inputs.js';
import { prepareCrash, type Prepared } from './launch-crash.js';
import type { Models } from './models.js';
import { awaitReady, prepareBackend, recordPrepared } from './open-backend.js';
import { CRASH_PROFILE } from './profiles/crash.js';
import { DRGN_PROFILE } from './profiles/drgn.js';
import type { BackendName, OpenMode } from './profiles/profile.js';
import { openRecorder, type Recorder } from './recorder.js';
import { openAnyMode, spawnEarly } from './triage-open.js';
import { runPlan, type PlanOptions } from './triage-plan.js';
import { tableIncomplete } from './task-recovery.js';

export interface TriageOptions {
  script: readonly string[];
  timeoutMs?: number;
  /** How long crash may take to load a dump before that mode counts as failed. */
  loadTimeoutMs?: number;
  record: boolean;
  sessionsDir?: string;
  /** kdview's version, for the session header. */
  kdview: string;
  onProgress?: (message: string) => void;
  warn: (message: string) => void;
  /** crash started already on these inputs (cli/report-early.ts), used for the normal mode. */
  early?: CrashClient;
  /** crash: called once crash has the dump open (in which mode, and whether its task table is incomplete). */
  onOpen?: (o: { mode: OpenMode; tableIncomplete: boolean }) => void;
  /** The follow-ups, when the caller decides them (see PlanOptions). */
  followUps?: PlanOptions['followUps'];
  needHangs?: PlanOptions['needHangs'];
  needRecovery?: PlanOptions['needRecovery'];
}

export interface TriageRun {
  backend: BackendName;
  inputs: Inputs;
  version: string | undefined;
  release: string | undefined;
  mode: OpenMode;
  steps: StepResult[];
  script: StepResult[];
  warnings: string[];
  sessionPath: string | undefined;
  /** What the steps told: the same models the TUI shows. */
  models: Models;
}

async function drive(
  client: BackendClient,
  session: DumpSession,
  rec: Recorder,
  mode: OpenMode,
  o: TriageOptions,
): Promise<Awaited<ReturnType<typeof runPlan>>> {
  try {
    await session.open();
    return await runPlan(session, mode, o);
  } finally {
    if (client.state === 'stuck') client.kill();
    else await client.quit();
    session.close();
    await rec.close();
  }
}

async function runCrash(vmlinux: string, dump: string, o: TriageOptions): Promise<TriageRun> {
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
  o.onOpen?.({ mode, tableIncomplete: tableIncomplete(startup.warnings) });
  const release = prepared.dumpRelease ?? prepared.inputs.vmlinuxRelease;
  const rec = await openRecorder(
    {
      record: o.record,
      sessionsDir: o.sessionsDir,
      kdview: o.kdview,
      backend: 'crash',
      backendVersion: prepared.crashVersion,
      vmlinux: prepared.inputs.vmlinux,
      dump: prepared.inputs.dump,
      release,
      command: 'report',
    },
    o.warn,
  );
  const session = new DumpSession(client, CRASH_PROFILE, { record: rec.exchange, recordStartup: rec.startup });
  const run = await drive(client, session, rec, mode, o);
  const warnings = [
    ...failures.map((f) => `crash could not open the dump in ${f}`),
    ...startup.warnings.map((w) => `crash at start-up: ${w}`),
    ...run.warnings,
  ];
  return { backend: 'crash', inputs: prepared.inputs, version: prepared.crashVersion, release, mode, ...run, warnings, sessionPath: rec.path, models: session.models };
}

async function runDrgn(vmlinux: string, dump: string, o: TriageOptions): Promise<TriageRun> {
  const prepared = await prepareBackend('drgn', vmlinux, dump);
  const client = prepared.spawn();
  let startup: StartupInfo;
  try {
    startup = await awaitReady(client);
  } catch (err) {
    client.kill();
    throw err;
  }
  const rec = await recordPrepared(prepared, o, 'report', o.warn);
  const session = new DumpSession(client, DRGN_PROFILE, { record: rec.exchange, recordStartup: rec.startup });
  const run = await drive(client, session, rec, 'normal', o);
  return {
    backend: 'drgn',
    inputs: prepared.inputs,
    version: prepared.version,
    release: prepared.release,
    mode: 'normal',
    ...run,
    warnings: [...startup.warnings, ...run.warnings],
    sessionPath: rec.path,
    models: session.models,
  };
}

export function runTriage(backend: BackendName, vmlinux: string, dump: string, o: TriageOptions): Promise<TriageRun> {
  return backend === 'drgn' ? runDrgn(vmlinux, dump, o) : runCrash(vmlinux, dump, o);
}
