// Opens a dump for a report's triage in crash: plain, then --zero_excluded,
// then --minimal (the modes of the crash profile), each within a load time
// limit. crash in normal mode starts before the inputs are checked.
import { resolve } from 'node:path';
import { CliError } from '../model/user-error.js';
import type { CrashClient, StartupInfo } from '../protocol/crash-client.js';
import { awaitReady, locateCrash, spawnPrepared, type Prepared } from './launch-crash.js';
import { CRASH_PROFILE } from './profiles/crash.js';
import type { OpenMode } from './profiles/profile.js';

export interface OpenOptions {
  timeoutMs?: number;
  /** How long crash may take to load a dump before that mode counts as failed. */
  loadTimeoutMs?: number;
  onProgress?: (message: string) => void;
}

const DEFAULT_LOAD_TIMEOUT_MS = 15 * 60_000;

function spawn(p: Prepared, args: readonly string[], o: OpenOptions): CrashClient {
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
export function spawnEarly(vmlinux: string, dump: string, o: OpenOptions): CrashClient | undefined {
  let crashPath: string;
  try {
    crashPath = locateCrash();
  } catch {
    return undefined; // prepareCrash says so
  }
  const inputs = { vmlinux: resolve(vmlinux), dump: resolve(dump), vmlinuxRelease: undefined };
  return spawn({ inputs, crashPath, crashVersion: undefined, dumpRelease: undefined }, [], o);
}

async function openIn(p: Prepared, args: readonly string[], o: OpenOptions, early?: CrashClient): Promise<{ client: CrashClient; startup: StartupInfo }> {
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

export interface Opened {
  mode: OpenMode;
  client: CrashClient;
  startup: StartupInfo;
  /** The modes that failed before, with why. */
  failures: string[];
}

/** Opens the dump in the first mode crash accepts; a CliError naming every failure when none does. */
export async function openAnyMode(p: Prepared, o: OpenOptions, early: CrashClient | undefined): Promise<Opened> {
  const failures: string[] = [];
  for (const m of CRASH_PROFILE.triage.modes) {
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
