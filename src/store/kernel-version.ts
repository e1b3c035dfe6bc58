// Kernel releases in version order: 5.15.0-91-generic < 6.1.0-13-amd64 <
// 6.1.0-56-cloud-amd64 < 6.1.192-kdview < 6.8.0-rc3 < 6.8.0 < 6.10.1.
// Numbers compare as numbers, release candidates come before their release.

type Token = number | string;

function tokens(release: string): Token[] {
  const out: Token[] = [];
  for (const m of release.toLowerCase().matchAll(/\d+|[a-z]+/g)) out.push(/^\d/.test(m[0]) ? Number(m[0]) : m[0]);
  return out;
}

/** rc / pre-release markers sort before the release they lead to. */
const PRE = new Set(['rc', 'pre', 'alpha', 'beta']);

export function compareKernelRelease(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    // A missing number is 0 (6.6 = 6.6.0); a missing suffix sorts after a pre-release and before anything else.
    const p = x[i] ?? (typeof y[i] === 'number' ? 0 : undefined);
    const q = y[i] ?? (typeof x[i] === 'number' ? 0 : undefined);
    if (p === q) continue;
    if (p === undefined) return PRE.has(q as string) ? 1 : -1;
    if (q === undefined) return PRE.has(p as string) ? -1 : 1;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    // A number against a word: the word is a pre-release (before) or a local suffix (also before the next number).
    if (typeof p === 'number') return 1;
    if (typeof q === 'number') return -1;
    if (PRE.has(p) !== PRE.has(q)) return PRE.has(p) ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Releases sorted oldest first; duplicates removed. */
export function sortReleases(releases: Iterable<string>): string[] {
  return [...new Set(releases)].sort(compareKernelRelease);
}

/** `lo <= release < hi`, each bound optional. */
export function inReleaseRange(release: string, range: { from?: string; before?: string }): boolean {
  if (range.from !== undefined && compareKernelRelease(release, range.from) < 0) return false;
  if (range.before !== undefined && compareKernelRelease(release, range.before) >= 0) return false;
  return true;
}
