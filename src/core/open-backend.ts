// Chooses and starts the backend (crash or drgn) for the TUI, batch and report.
import { findDrgn, INSTALL_DRGN_HINT } from '../backend/drgn-probe.js';
import { findExecutable, INSTALL_CRASH_HINT } from '../backend/probe.js';
import { CliError } from '../model/user-error.js';
import type { BackendClient } from '../protocol/backend-client.js';
import type { BackendName } from './backend-profile.js';
import type { Inputs } from './inputs.js';
import { openRecorder, type Recorder, type RecordOptions } from './recorder.js';
import { awaitReady, prepareCrash, spawnPrepared } from './launch-crash.js';
import { prepareDrgn, spawnPreparedDrgn } from './launch-drgn.js';

/** `--backend crash|drgn`; by default crash when installed, else drgn. */
export function chooseBackend(flag: string | undefined): BackendName {
  if (flag !== undefined) {
    if (flag === 'crash' || flag === 'drgn') return flag;
    throw new CliError(`--backend '${flag}': expected crash or drgn`);
  }
  if (findExecutable(process.env.KDVIEW_CRASH ?? 'crash')) return 'crash';
  if (findDrgn()) return 'drgn';
  throw new CliError(`neither crash nor drgn is installed; crash: ${INSTALL_CRASH_HINT}; drgn: ${INSTALL_DRGN_HINT}`);
}

export interface PreparedBackend {
  backend: BackendName;
  inputs: Inputs;
  version: string | undefined;
  release: string | undefined;
  /** Starts (or restarts) the backend process; the client is not ready yet. */
  spawn(): BackendClient;
}

/** Everything that can be checked before the slow load. */
export async function prepareBackend(backend: BackendName, vmlinux: string, dump: string, extraArgs?: readonly string[]): Promise<PreparedBackend> {
  if (backend === 'drgn') {
    const p = await prepareDrgn(vmlinux, dump);
    return { backend, inputs: p.inputs, version: p.drgnVersion, release: p.inputs.vmlinuxRelease, spawn: () => spawnPreparedDrgn(p) };
  }
  const p = await prepareCrash(vmlinux, dump);
  return {
    backend,
    inputs: p.inputs,
    version: p.crashVersion,
    release: p.dumpRelease ?? p.inputs.vmlinuxRelease,
    spawn: () => spawnPrepared(p, extraArgs),
  };
}

export { awaitReady };

/** The session recorder for a prepared backend (kdview, backend and file facts in the header). */
export function recordPrepared(
  p: PreparedBackend,
  o: { record?: boolean; sessionsDir?: string; kdview: string },
  command: RecordOptions['command'],
  warn: (message: string) => void,
): Promise<Recorder> {
  return openRecorder(
    {
      record: o.record !== false,
      sessionsDir: o.sessionsDir,
      kdview: o.kdview,
      backend: p.backend,
      backendVersion: p.version,
      vmlinux: p.inputs.vmlinux,
      dump: p.inputs.dump,
      release: p.release,
      command,
    },
    warn,
  );
}
