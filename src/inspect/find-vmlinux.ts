// Finds the debug vmlinux that goes with a dump: a build-id match first,
// anywhere in the search order (local paths, then the debuginfod cache, then
// debuginfod servers when DEBUGINFOD_URLS is set); else a release match,
// flagged, when a build-id is missing or differs. Says what it searched.
import { debuginfodCacheDir, debuginfodCached, debuginfodUrls, fetchDebuginfo, type DownloadProgress } from './debuginfod.js';
import { vmlinuxCandidates, type CandidateInput, type CandidateOptions } from './vmlinux-candidates.js';
import { readVmlinuxId, type VmlinuxId } from './vmlinux-id.js';

export interface FindVmlinuxOptions extends CandidateOptions {
  env?: NodeJS.ProcessEnv;
  /** Ask debuginfod servers (default true); the cache is read either way. */
  network?: boolean;
  cacheDir?: string;
  onProgress?: (p: DownloadProgress) => void;
}

export type VmlinuxFound =
  | { path: string; match: 'build-id' | 'release'; searched: string[]; note?: string }
  | { path: undefined; searched: string[] };

export type Verdict = { match: 'build-id' } | { match: 'release'; note: string } | { match: undefined; why: string };

const short = (id: string | undefined) => id ?? 'none';

/** How a vmlinux (its build-id, release) relates to a dump. Pure. */
export function matchVmlinux(dump: { release?: string; buildId?: string }, v: Pick<VmlinuxId, 'buildId' | 'release'>): Verdict {
  if (dump.buildId !== undefined && v.buildId === dump.buildId) return { match: 'build-id' };
  const idNote =
    dump.buildId === undefined ? 'the dump has no BUILD-ID' : v.buildId === undefined ? 'the vmlinux has no build-id' : `build-id ${v.buildId} differs from the dump's ${dump.buildId}: probably another build`;
  if (dump.release !== undefined && v.release === dump.release) return { match: 'release', note: `release ${v.release} matches; ${idNote}` };
  return { match: undefined, why: `release ${v.release ?? 'unknown'}, build-id ${short(v.buildId)}: not this dump's kernel` };
}

export async function findVmlinux(dump: CandidateInput, opts: FindVmlinuxOptions = {}): Promise<VmlinuxFound> {
  const searched: string[] = [];
  let fallback: { path: string; note: string; idKnown: boolean } | undefined;
  const consider = async (path: string): Promise<boolean> => {
    const r = await readVmlinuxId(path);
    if (!r.ok) {
      searched.push(`${path}: ${r.reason}`);
      return false;
    }
    let v = matchVmlinux(dump, r.id);
    if (v.match === undefined && dump.release !== undefined) {
      const withRel = await readVmlinuxId(path, { release: true });
      if (withRel.ok) v = matchVmlinux(dump, withRel.id);
    }
    if (v.match !== undefined && !r.id.debugInfo) {
      searched.push(`${path}: ${v.match} matches but it has no debug info (.debug_info)`);
      return false;
    }
    if (v.match === 'build-id') {
      searched.push(`${path}: build-id matches`);
      return true;
    }
    if (v.match === 'release') {
      searched.push(`${path}: ${v.note}`);
      const idKnown = dump.buildId !== undefined && r.id.buildId !== undefined;
      if (!fallback || (fallback.idKnown && !idKnown)) fallback = { path, note: v.note, idKnown };
      return false;
    }
    searched.push(`${path}: ${v.why}`);
    return false;
  };
  for (const path of await vmlinuxCandidates(dump, opts)) {
    if (await consider(path)) return { path, match: 'build-id', searched };
  }
  if (dump.buildId !== undefined) {
    const env = opts.env ?? process.env;
    const cacheDir = opts.cacheDir ?? debuginfodCacheDir(env);
    const cached = await debuginfodCached(dump.buildId, cacheDir);
    if (cached !== undefined && (await consider(cached))) return { path: cached, match: 'build-id', searched };
    if (cached === undefined) searched.push(`debuginfod cache ${cacheDir}: no ${dump.buildId}`);
    if (debuginfodUrls(env).length === 0) searched.push('debuginfod: DEBUGINFOD_URLS is not set');
    else if (opts.network === false) searched.push('debuginfod: servers not asked (listing only)');
    else {
      const got = await fetchDebuginfo(dump.buildId, { env, cacheDir, onProgress: opts.onProgress });
      searched.push(...got.tried.map((t) => `debuginfod ${t}`));
      if (got.path !== undefined && (await consider(got.path))) return { path: got.path, match: 'build-id', searched };
    }
  } else {
    searched.push('debuginfod: not asked, the dump has no BUILD-ID');
  }
  if (fallback) return { path: fallback.path, match: 'release', searched, note: fallback.note };
  return { path: undefined, searched };
}

/** The message for "no vmlinux": what the dump is, and every place searched. */
export function noVmlinuxMessage(dump: CandidateInput, searched: readonly string[]): string {
  return [
    `no debug vmlinux found for ${dump.path} (release ${dump.release ?? 'unknown'}, build-id ${short(dump.buildId)}); searched:`,
    ...searched.map((s) => `  ${s}`),
    'give one with --vmlinux FILE or --debug-dir DIR, install the kernel\'s debug package, or set DEBUGINFOD_URLS',
  ].join('\n');
}
