// Where a dump's debug vmlinux may be, in the order kdview looks:
//   --vmlinux FILE; --debug-dir DIR (vmlinux-REL, boot/vmlinux-REL,
//   lib/modules/REL/vmlinux, .build-id/xx/rest.debug, any vmlinux*);
//   vmlinux* next to the dump; the distributions' debug paths under root.
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export interface CandidateInput {
  path: string;
  release?: string;
  buildId?: string;
}

export interface CandidateOptions {
  vmlinux?: string;
  debugDir?: string;
  /** The system root for the distributions' paths (default /). */
  root?: string;
  /** Look at vmlinux* files in the dump's folder (default true). */
  nextToDump?: boolean;
}

const COMPRESSED = /\.(xz|gz|bz2|zst|lz4)$/;

async function vmlinuxFilesIn(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter((n) => n.startsWith('vmlinux') && !COMPRESSED.test(n)).sort().map((n) => join(dir, n));
  } catch {
    return [];
  }
}

function buildIdPath(base: string, buildId: string | undefined): string[] {
  return buildId && buildId.length > 2 ? [join(base, '.build-id', buildId.slice(0, 2), `${buildId.slice(2)}.debug`)] : [];
}

export async function vmlinuxCandidates(dump: CandidateInput, opts: CandidateOptions = {}): Promise<string[]> {
  const out: string[] = [];
  const rel = dump.release;
  if (opts.vmlinux !== undefined) out.push(resolve(opts.vmlinux));
  if (opts.debugDir !== undefined) {
    const d = resolve(opts.debugDir);
    if (rel) out.push(join(d, `vmlinux-${rel}`), join(d, 'boot', `vmlinux-${rel}`), join(d, 'lib', 'modules', rel, 'vmlinux'));
    out.push(...buildIdPath(d, dump.buildId), ...(await vmlinuxFilesIn(d)));
  }
  if (opts.nextToDump !== false) out.push(...(await vmlinuxFilesIn(dirname(resolve(dump.path)))));
  const root = resolve(opts.root ?? '/');
  out.push(...buildIdPath(join(root, 'usr', 'lib', 'debug'), dump.buildId));
  if (rel) {
    out.push(
      join(root, 'usr', 'lib', 'debug', 'boot', `vmlinux-${rel}`),
      join(root, 'usr', 'lib', 'debug', 'lib', 'modules', rel, 'vmlinux'),
      join(root, 'boot', `vmlinux-${rel}`),
      join(root, 'lib', 'modules', rel, 'build', 'vmlinux'),
    );
  }
  return out.filter((p, i) => out.indexOf(p) === i);
}
