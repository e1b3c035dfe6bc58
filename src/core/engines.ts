// Which crash and drgn binaries to run: `--crash PATH` / `--drgn PATH` (set
// by the CLI before any command runs), else $KDVIEW_CRASH / $KDVIEW_DRGN,
// else `crash` / `drgn` on PATH. Users keep several crash builds for several
// kernels; the chosen one is used by the TUI, batch, report and doctor alike.
import { resolve } from 'node:path';
import { crashVersion, findExecutable } from '../backend/probe.js';
import { drgnVersion, findDrgn } from '../backend/drgn-probe.js';
import { CliError } from '../model/user-error.js';

export type EngineName = 'crash' | 'drgn';

const ENV: Record<EngineName, string> = { crash: 'KDVIEW_CRASH', drgn: 'KDVIEW_DRGN' };

/** `--crash PATH` / `--drgn PATH`: checked now (one clear line), then used for the whole run through the environment. */
export function applyEngineFlags(flags: { crash?: unknown; drgn?: unknown }, env: NodeJS.ProcessEnv = process.env): void {
  for (const name of ['crash', 'drgn'] as const) {
    const value = flags[name];
    if (typeof value !== 'string') continue;
    const path = value.includes('/') ? resolve(value) : value;
    if (!findExecutable(path, env.PATH)) throw new CliError(`--${name} '${value}': ${value.includes('/') ? 'not an executable file' : 'not found on PATH'}`);
    env[ENV[name]] = findExecutable(path, env.PATH);
  }
}

/** Where the engine's name comes from, for messages. */
export function engineSource(name: EngineName, env: NodeJS.ProcessEnv = process.env): string {
  return env[ENV[name]] !== undefined ? `--${name} / ${ENV[name]}` : 'PATH';
}

/** The chosen binary, or undefined when there is none. */
export function locateEngine(name: EngineName): string | undefined {
  if (name === 'drgn') return findDrgn();
  return findExecutable(process.env.KDVIEW_CRASH ?? 'crash');
}

export interface EngineInfo {
  name: EngineName;
  path: string | null;
  version: string | null;
}

/** Each engine's path and version (`crash --version`, `drgn --version`), for doctor and the status bar. */
export async function engineInfo(): Promise<EngineInfo[]> {
  return Promise.all(
    (['crash', 'drgn'] as const).map(async (name) => {
      const path = locateEngine(name);
      const version = path ? await (name === 'crash' ? crashVersion(path) : drgnVersion(path)).catch(() => undefined) : undefined;
      return { name, path: path ?? null, version: version ?? null };
    }),
  );
}
