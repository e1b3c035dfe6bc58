// A debug vmlinux for the running kernel, matched by the build-id the
// kernel exposes in /sys/kernel/notes (else by release), in the places
// kdview's vmlinux search looks, under the root. debuginfod is not asked.
import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { buildIdFromNotes, parseNotes } from '../inspect/elf-notes.js';
import { findVmlinux } from '../inspect/find-vmlinux.js';
import { debuginfodUrls } from '../inspect/debuginfod.js';
import type { DoctorContext } from './context.js';
import { fail, ok, warn, type Check } from './types.js';

export async function runningBuildId(ctx: DoctorContext): Promise<string | undefined> {
  try {
    return buildIdFromNotes(parseNotes(await readFile(ctx.p('/sys/kernel/notes')), endianness() === 'LE'));
  } catch {
    return undefined;
  }
}

export async function checkDebugVmlinux(ctx: DoctorContext): Promise<Check[]> {
  const release = ctx.release;
  const buildId = await runningBuildId(ctx);
  if (!release && !buildId) return [warn('debug-vmlinux', 'the running kernel\'s release and build-id are unknown: no debug vmlinux looked for')];
  const found = await findVmlinux(
    { path: ctx.p('/proc/kcore'), release, buildId },
    { root: ctx.root, nextToDump: false, network: false, env: ctx.env, cacheDir: ctx.root === '/' ? undefined : ctx.p('/root/.cache/kdview/debuginfod') },
  );
  const id = `release ${release ?? '?'}, build-id ${buildId ?? '?'}`;
  if (found.path !== undefined && found.match === 'build-id') return [ok('debug-vmlinux', `debug vmlinux for the running kernel: ${found.path} (build-id match)`)];
  if (found.path !== undefined)
    return [warn('debug-vmlinux', `only a release match for the running kernel: ${found.path} (${found.note ?? 'build-id not compared'})`, 'install the debug package of exactly this build')];
  const fix = [`install the kernel's debug package (Debian/Ubuntu: linux-image-${release ?? '$(uname -r)'}-dbg or -dbgsym; Fedora/RHEL: dnf debuginfo-install kernel-${release ?? '$(uname -r)'})`];
  if (debuginfodUrls(ctx.env).length > 0)
    return [warn('debug-vmlinux', `no local debug vmlinux for the running kernel (${id}); DEBUGINFOD_URLS is set, so kdview can fetch one`, ...fix)];
  return [fail('debug-vmlinux', `no debug vmlinux for the running kernel (${id}); searched ${found.searched.filter((s) => !s.startsWith('debuginfod')).length} places`, ...fix, 'or set DEBUGINFOD_URLS so kdview fetches it by build-id')];
}
