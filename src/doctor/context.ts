// The files a doctor check reads, under a root (/ for this machine, a
// folder for a fake machine in tests). Reads never throw: a missing or
// unreadable file is undefined.
import { access, constants, readdir, readFile, stat, statfs } from 'node:fs/promises';
import { release as osRelease } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface DoctorContext {
  root: string;
  env: NodeJS.ProcessEnv;
  /** The running kernel's release (/proc/sys/kernel/osrelease; uname when root is /). */
  release: string | undefined;
  /** A path under the root. */
  p(path: string): string;
  text(path: string, limit?: number): Promise<string | undefined>;
  gunzipText(path: string): Promise<string | undefined>;
  isFile(path: string): Promise<boolean>;
  isDir(path: string): Promise<boolean>;
  executable(path: string): Promise<boolean>;
  writable(path: string): Promise<boolean>;
  list(path: string): Promise<string[]>;
  /** Bytes available to an unprivileged writer on the file system holding path. */
  freeBytes(path: string): Promise<number | undefined>;
}

export async function makeContext(root = '/', env: NodeJS.ProcessEnv = process.env): Promise<DoctorContext> {
  const r = resolve(root);
  const p = (path: string) => join(r, path);
  const text = async (path: string, limit = 8 << 20) => {
    try {
      const b = await readFile(p(path));
      return b.subarray(0, limit).toString('utf8');
    } catch {
      return undefined;
    }
  };
  const is = (path: string, what: 'file' | 'dir') =>
    stat(p(path)).then((s) => (what === 'file' ? s.isFile() : s.isDirectory()), () => false);
  const ctx: DoctorContext = {
    root: r,
    env,
    release: undefined,
    p,
    text,
    gunzipText: async (path) => {
      try {
        return gunzipSync(await readFile(p(path))).toString('utf8');
      } catch {
        return undefined;
      }
    },
    isFile: (path) => is(path, 'file'),
    isDir: (path) => is(path, 'dir'),
    executable: async (path) => (await is(path, 'file')) && access(p(path), constants.X_OK).then(() => true, () => false),
    writable: (path) => access(p(path), constants.W_OK).then(() => true, () => false),
    list: (path) => readdir(p(path)).catch(() => []),
    freeBytes: async (path) => {
      try {
        const s = await statfs(p(path));
        return s.bavail * s.bsize;
      } catch {
        return undefined;
      }
    },
  };
  ctx.release = (await text('/proc/sys/kernel/osrelease'))?.trim() || (r === '/' ? osRelease() : undefined);
  return ctx;
}
