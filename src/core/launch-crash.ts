// Starts a live crash session: find crash, check the inputs, compare kernel
// releases before the slow load, spawn, and wait for the first prompt.
import { basename } from 'node:path';
import { spawnCrash } from '../backend/crash.js';
import { crashVersion, dumpOsRelease, findExecutable, INSTALL_CRASH_HINT } from '../backend/probe.js';
import { CliError } from '../model/user-error.js';
import { checkInputs, type Inputs } from './inputs.js';
import type { BackendClient } from '../protocol/backend-client.js';
import { BackendExitError, CrashClient, type ClientOptions, type StartupInfo } from '../protocol/crash-client.js';

export interface LaunchOptions {
  vmlinux: string;
  dump: string;
  extraArgs?: readonly string[];
  onProgress?: (message: string) => void;
}

export interface Launched {
  client: CrashClient;
  inputs: Inputs;
  crashPath: string;
  crashVersion: string | undefined;
  dumpRelease: string | undefined;
  startup: StartupInfo;
}

export interface Prepared {
  inputs: Inputs;
  crashPath: string;
  crashVersion: string | undefined;
  dumpRelease: string | undefined;
}

export function locateCrash(): string {
  const name = process.env.KDVIEW_CRASH ?? 'crash';
  const path = findExecutable(name);
  if (!path && name.includes('/')) throw new CliError(`crash '${name}' (--crash or KDVIEW_CRASH) is not an executable file`);
  if (!path) throw new CliError(`crash is not installed (no '${name}' on PATH); ${INSTALL_CRASH_HINT}`);
  return path;
}

/** Everything that can be checked in milliseconds, before crash loads. */
export async function prepareCrash(vmlinux: string, dump: string): Promise<Prepared> {
  const crashPath = locateCrash();
  const inputs = await checkInputs(vmlinux, dump);
  const [version, dumpRelease] = await Promise.all([crashVersion(crashPath), dumpOsRelease(crashPath, inputs.dump)]);
  if (inputs.vmlinuxRelease && dumpRelease && inputs.vmlinuxRelease !== dumpRelease) {
    throw new CliError(
      `vmlinux '${vmlinux}' is Linux ${inputs.vmlinuxRelease} but dump '${dump}' is Linux ${dumpRelease}: use the vmlinux of the kernel that crashed`,
    );
  }
  return { inputs, crashPath, crashVersion: version, dumpRelease };
}

/** Spawns crash for prepared inputs and returns the client at once (not yet ready). */
export function spawnPrepared(p: Prepared, extraArgs?: readonly string[], opts: ClientOptions = {}): CrashClient {
  const transport = spawnCrash({ crashPath: p.crashPath, vmlinux: p.inputs.vmlinux, dump: p.inputs.dump, extraArgs });
  return new CrashClient(transport, { prompt: `${basename(p.crashPath)}> `, ...opts });
}

/** Waits until a backend (crash or drgn) is ready; an exit during start-up becomes a one-line CliError. */
export async function awaitReady(client: BackendClient): Promise<StartupInfo> {
  try {
    return await client.ready();
  } catch (err) {
    if (err instanceof BackendExitError) throw new CliError(err.info.message);
    throw err;
  }
}

export async function launchCrash(o: LaunchOptions): Promise<Launched> {
  const p = await prepareCrash(o.vmlinux, o.dump);
  const client = spawnPrepared(p, o.extraArgs);
  if (o.onProgress) client.on('progress', o.onProgress);
  const startup = await awaitReady(client);
  return { client, startup, ...p };
}
