// Node's on-disk compile cache for kdview's own modules (Node >= 22.1): each
// run compiles the parsers, the report builder, zod and yaml again otherwise.
// Kept under $XDG_CACHE_HOME/kdview/compile-cache (0700, Node's own format);
// KDVIEW_NO_COMPILE_CACHE=1 turns it off. A cache Node cannot use is ignored.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import * as nodeModule from 'node:module';

export function compileCacheDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg !== undefined && isAbsolute(xdg) ? xdg : join(home, '.cache'), 'kdview', 'compile-cache');
}

export function startCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  if (env.KDVIEW_NO_COMPILE_CACHE === '1') return;
  const enable = (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  try {
    enable?.(compileCacheDir(env));
  } catch {
    // no cache: the modules compile as before
  }
}
