// One-shot programs with no pty (execa): finding backends, their versions,
// and the kernel release recorded in a dump.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** execa, loaded when first needed: finding crash (to start it while the rest loads) must not wait for it. */
const run = async (file: string, args: string[], timeout: number) => (await import('execa')).execa(file, args, { reject: false, timeout, stdin: 'ignore' });

/** Looks a program up on PATH without a shell. */
export function findExecutable(name: string, pathEnv = process.env.PATH ?? ''): string | undefined {
  if (name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of pathEnv.split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, name);
    if (isExecutable(p)) return p;
  }
  return undefined;
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** "crash 8.0.2" → "8.0.2"; crash names itself by argv[0], so a link `crash-8.0.6` prints "crash-8.0.6 8.0.6". */
export function parseCrashVersion(text: string): string | undefined {
  return /^\s*\S+\s+(\d+(?:\.\d+)+\S*)/.exec(text)?.[1];
}

/** `crash --version` → "8.0.2", or undefined. */
export async function crashVersion(crashPath: string): Promise<string | undefined> {
  const r = await run(crashPath, ['--version'], 10_000);
  return parseCrashVersion(r.stdout);
}

/** `crash --osrelease DUMP` → the release, without a vmlinux; undefined when crash cannot tell. */
export async function dumpOsRelease(crashPath: string, dump: string): Promise<string | undefined> {
  if (!isAbsolute(dump)) throw new Error('dumpOsRelease: dump path must be absolute');
  const r = await run(crashPath, ['--osrelease', dump], 30_000);
  const rel = r.stdout.trim();
  return r.exitCode === 0 && rel !== '' && rel !== 'unknown' ? rel : undefined;
}

export const INSTALL_CRASH_HINT =
  'install it: `apt install crash` (Debian/Ubuntu), `dnf install crash` (Fedora/RHEL) or `pacman -S crash` (Arch)';
