// `kdview DUMP` without a vmlinux: read the dump's header, then find the
// debug vmlinux whose build-id matches (or whose release does, flagged).
import { resolve } from 'node:path';
import { inspectDump } from '../inspect/dump-info.js';
import { findVmlinux, noVmlinuxMessage } from '../inspect/find-vmlinux.js';
import { CliError } from '../model/user-error.js';
import { checkFile } from './inputs.js';

export interface ResolveOptions {
  vmlinux?: string;
  debugDir?: string;
  /** Progress and notes for the user (stderr). */
  say?: (line: string) => void;
}

export async function resolveVmlinux(dumpArg: string, opts: ResolveOptions = {}): Promise<string> {
  const dump = await checkFile('dump', dumpArg);
  const info = await inspectDump(dump);
  const found = await findVmlinux(
    { path: resolve(dump), release: info.release, buildId: info.buildId },
    {
      vmlinux: opts.vmlinux,
      debugDir: opts.debugDir,
      onProgress: (p) => {
        if (p.done) opts.say?.(`downloaded ${p.url} (${(p.received / 1e6).toFixed(1)} MB)`);
      },
    },
  );
  if (!found.path) throw new CliError(noVmlinuxMessage({ path: dump, release: info.release, buildId: info.buildId }, found.searched));
  opts.say?.(`using ${found.path} (${found.match === 'build-id' ? 'build-id matches' : (found.note ?? 'release matches')})`);
  return found.path;
}
