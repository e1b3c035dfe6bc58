// Finding drgn and its version (execa, no pty). execa (with its dependencies,
// tens of ms) loads only when drgn's version is asked: every command's engine
// flags come through here before crash starts.
import { findExecutable } from './probe.js';

export const INSTALL_DRGN_HINT =
  'install it: `apt install python3-drgn` (Debian/Ubuntu), `dnf install drgn` (Fedora/RHEL), `pacman -S drgn` (Arch) or `pip install drgn`';

/** drgn on PATH (or $KDVIEW_DRGN, a name or a path), without a shell. */
export function findDrgn(pathEnv = process.env.PATH ?? ''): string | undefined {
  return findExecutable(process.env.KDVIEW_DRGN ?? 'drgn', pathEnv);
}

/** "drgn 0.0.22 (using Python 3.11.2, ...)" → "0.0.22". */
export function parseDrgnVersion(text: string): string | undefined {
  return /\bdrgn\s+(\d+(?:\.\d+)+\S*)/.exec(text)?.[1];
}

/** `drgn --version` → "0.0.22", or undefined when drgn does not answer. */
export async function drgnVersion(drgnPath: string): Promise<string | undefined> {
  const { execa } = await import('execa');
  const r = await execa(drgnPath, ['--version'], { reject: false, timeout: 15_000, stdin: 'ignore' });
  return parseDrgnVersion(`${r.stdout}\n${r.stderr}`);
}

/** Compares dotted versions numerically: <0, 0 or >0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The oldest drgn kdview's helper is written for (Debian 12's); older ones may lack helpers. */
export const MIN_DRGN_VERSION = '0.0.22';
