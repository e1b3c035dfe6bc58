// A generated fleet with known answers: 230 records over 5 releases and 30
// hosts. Releases are chosen so that string order would be wrong (6.1.9 <
// 6.1.10, 6.6.0-rc7 < 6.6.2), and inserted shuffled.
import { createHash } from 'node:crypto';
import type { FleetRecord } from '../../src/store/record.js';

export const RELEASES = ['5.15.133', '6.1.9', '6.1.10', '6.6.0-rc7', '6.6.2'] as const;
export const HOSTS = Array.from({ length: 30 }, (_, i) => `host-${String(i + 1).padStart(2, '0')}`);

export const sig = (name: string) => createHash('sha256').update(name).digest('hex').slice(0, 16);

export const SIG = {
  everywhere: sig('everywhere'),
  fixedAfter610: sig('fixed-after-6.1.10'),
  newIn66rc7: sig('new-in-6.6.0-rc7'),
  newIn662: sig('new-in-6.6.2'),
  fixedAfter515: sig('fixed-after-5.15'),
  host13: [0, 1, 2, 3].map((i) => sig(`host13-${i}`)),
  host27: [0, 1].map((i) => sig(`host27-${i}`)),
  host05: sig('host05'),
} as const;

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let serial = 0;

function rec(signature: string, title: string, release: string, host: string, mce = false, day = 0): FleetRecord {
  const n = serial++;
  const date = new Date(Date.UTC(2026, 0, 1 + day, 0, 0, n % 60)).toISOString();
  const dumpPath = `/var/crash/${host}/${n}/vmcore`;
  return {
    dumpKey: `${dumpPath}@${date}`, signature, title, type: 'bug', trigger: 'panic_on_oops', culpritFunction: title.split(' ').pop() ?? null,
    culpritModule: null, release, buildId: createHash('sha1').update(release).digest('hex'), host, hardware: 'QEMU Standard PC',
    dumpDate: date, dumpPath, reportPath: `/reports/${n}.json`, taint: '', hangBlocker: null, kdviewVersion: 'test',
    recordedAt: date, mce, known: signature === SIG.newIn662 ? ['example-known-rule'] : [],
  };
}

/** Day offsets grow with the release, so first/last seen follow the release order. */
const dayOf = (r: number, i: number) => r * 30 + (i % 25);

export function generatedFleet(seed = 16): FleetRecord[] {
  serial = 0;
  const out: FleetRecord[] = [];
  for (let i = 0; i < 100; i++) out.push(rec(SIG.everywhere, 'BUG in everywhere_fn', RELEASES[i % 5]!, HOSTS[i % 30]!, false, dayOf(i % 5, i)));
  for (let i = 0; i < 40; i++) out.push(rec(SIG.fixedAfter610, 'WARNING in fixed_fn', RELEASES[i % 3]!, HOSTS[i % 25]!, false, dayOf(i % 3, i)));
  for (let i = 0; i < 30; i++) out.push(rec(SIG.newIn66rc7, 'general protection fault in new_fn', RELEASES[3 + (i % 2)]!, HOSTS[(i * 7) % 30]!, false, dayOf(3 + (i % 2), i)));
  for (let i = 0; i < 15; i++) out.push(rec(SIG.newIn662, 'KASAN: use-after-free in newer_fn', RELEASES[4], HOSTS[(i * 2) % 30]!, false, dayOf(4, i)));
  for (let i = 0; i < 10; i++) out.push(rec(SIG.fixedAfter515, 'kernel BUG in old_fn', RELEASES[0], HOSTS[i]!, false, dayOf(0, i)));
  for (const [k, s] of SIG.host13.entries()) for (let r = 0; r < 5; r++) out.push(rec(s, `BUG in flaky13_${k}`, RELEASES[r]!, 'host-13', false, dayOf(r, k)));
  for (const [k, s] of SIG.host27.entries()) for (let r = 0; r < 5; r++) out.push(rec(s, `BUG in flaky27_${k}`, RELEASES[r]!, 'host-27', true, dayOf(r, k)));
  for (let r = 0; r < 5; r++) out.push(rec(SIG.host05, 'BUG in lonely05', RELEASES[r]!, 'host-05', false, dayOf(r, 0)));
  const random = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
