// Fetching a debug vmlinux by build-id from debuginfod servers
// (DEBUGINFOD_URLS, space-separated; GET <url>/buildid/<id>/debuginfo),
// with progress and a cache under $XDG_CACHE_HOME/kdview/debuginfod/<id>/.
// A download is written to a temporary name and renamed when complete and
// its build-id checked, so the cache never holds a partial or wrong file.
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { readVmlinuxId } from './vmlinux-id.js';

export interface DownloadProgress {
  url: string;
  received: number;
  /** From Content-Length, when the server sent it. */
  total?: number;
  done: boolean;
}

export interface DebuginfodOptions {
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  onProgress?: (p: DownloadProgress) => void;
  /** Give up on a server that sends nothing for this long (default 30 s). */
  stallMs?: number;
}

export function debuginfodCacheDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg !== undefined && isAbsolute(xdg) ? xdg : join(home, '.cache'), 'kdview', 'debuginfod');
}

export function debuginfodUrls(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.DEBUGINFOD_URLS ?? '').split(/\s+/).filter((u) => /^https?:\/\//.test(u)).map((u) => u.replace(/\/+$/, ''));
}

export function cachedPath(buildId: string, cacheDir: string): string {
  return join(cacheDir, buildId, 'debuginfo');
}

/** The cached debuginfo for this build-id, if present. */
export async function debuginfodCached(buildId: string, cacheDir: string): Promise<string | undefined> {
  const p = cachedPath(buildId, cacheDir);
  return stat(p).then((s) => (s.isFile() && s.size > 0 ? p : undefined), () => undefined);
}

async function download(url: string, dest: string, opts: DebuginfodOptions): Promise<string | undefined> {
  const ctl = new AbortController();
  const stallMs = opts.stallMs ?? 30_000;
  let timer = setTimeout(() => ctl.abort(), stallMs);
  const poke = () => {
    clearTimeout(timer);
    timer = setTimeout(() => ctl.abort(), stallMs);
  };
  const part = `${dest}.part-${process.pid}`;
  try {
    const res = await fetch(url, { signal: ctl.signal, headers: { 'User-Agent': 'kdview' } });
    if (!res.ok || res.body === null) return `HTTP ${res.status}${res.status === 404 ? ' (not on this server)' : ''}`;
    const length = Number(res.headers.get('content-length'));
    const total = Number.isFinite(length) && length > 0 ? length : undefined;
    const fh = await open(part, 'w', 0o644);
    let received = 0;
    try {
      for await (const chunk of res.body) {
        poke();
        await fh.write(chunk);
        received += chunk.length;
        opts.onProgress?.({ url, received, total, done: false });
      }
    } finally {
      await fh.close();
    }
    if (total !== undefined && received !== total) return `download cut short (${received} of ${total} bytes)`;
    opts.onProgress?.({ url, received, total, done: true });
    await rename(part, dest);
    return undefined;
  } catch (err) {
    return ctl.signal.aborted ? `no data for ${stallMs / 1000} s` : (err as Error).message;
  } finally {
    clearTimeout(timer);
    await rm(part, { force: true });
  }
}

/**
 * Asks each server in turn. Returns the cached path, and one line per server
 * tried (for "what was searched" messages).
 */
export async function fetchDebuginfo(buildId: string, opts: DebuginfodOptions = {}): Promise<{ path?: string; tried: string[] }> {
  const cacheDir = opts.cacheDir ?? debuginfodCacheDir(opts.env);
  const tried: string[] = [];
  const dest = cachedPath(buildId, cacheDir);
  await mkdir(join(cacheDir, buildId), { recursive: true });
  for (const base of debuginfodUrls(opts.env)) {
    const url = `${base}/buildid/${buildId}/debuginfo`;
    const failed = await download(url, dest, opts);
    if (failed) {
      tried.push(`${url}: ${failed}`);
      continue;
    }
    const id = await readVmlinuxId(dest);
    if (id.ok && id.id.buildId === buildId) {
      tried.push(`${url}: downloaded to ${dest}`);
      return { path: dest, tried };
    }
    await rm(dest, { force: true });
    tried.push(`${url}: the server sent a file with ${id.ok ? `build-id ${id.id.buildId ?? 'none'}` : id.reason}`);
  }
  return { tried };
}
