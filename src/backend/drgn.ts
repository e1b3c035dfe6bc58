// The live drgn backend: the real drgn under a pty, started with an argument
// array (never a shell), running kdview's helper (python/kdview_drgn.py) as
// its script. The helper turns the session into a framed request loop.
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PtyTransport } from './pty-transport.js';
import type { Transport } from '../protocol/transport.js';

export interface DrgnSpawnOptions {
  drgnPath: string;
  /** Absolute paths, passed as `--core=PATH` / `--symbols=PATH` so no name is ever read as an option. */
  vmlinux: string;
  dump: string;
  /** More debug info files, e.g. module .ko files (`--symbols=` each). */
  extraSymbols?: readonly string[];
  /** Per-session secret that frames every answer; give the same one to DrgnClient. */
  nonce: string;
  /** Defaults to the helper shipped with kdview. */
  helperPath?: string;
  env?: NodeJS.ProcessEnv;
}

/** The helper shipped in the package's `python/` folder (from dist/src/backend/ or src/backend/). */
export function drgnHelperPath(): string {
  for (const rel of ['../../../python/kdview_drgn.py', '../../python/kdview_drgn.py']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  throw new Error('kdview_drgn.py is missing from the kdview package (python/ folder)');
}

export function drgnArgs(o: Pick<DrgnSpawnOptions, 'vmlinux' | 'dump' | 'extraSymbols' | 'helperPath'>): string[] {
  const helper = o.helperPath ?? drgnHelperPath();
  const extra = o.extraSymbols ?? [];
  for (const p of [o.vmlinux, o.dump, helper, ...extra])
    if (!isAbsolute(p)) throw new Error(`drgn: path must be absolute: ${p}`);
  return [`--core=${o.dump}`, `--symbols=${o.vmlinux}`, ...extra.map((p) => `--symbols=${p}`), helper];
}

export function spawnDrgn(o: DrgnSpawnOptions): Transport {
  const env = { ...(o.env ?? process.env), KDVIEW_DRGN_NONCE: o.nonce };
  return new PtyTransport({ file: o.drgnPath, args: drgnArgs(o), env });
}
