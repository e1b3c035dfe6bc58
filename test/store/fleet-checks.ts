// The answers the generated fleet must give, on any store (SQLite or PostgreSQL).
import assert from 'node:assert/strict';
import { loadFleet } from '../../src/store/fleet-view.js';
import type { FleetStore } from '../../src/store/store.js';
import { HOSTS, RELEASES, SIG } from './generated-fleet.js';

export async function checkGeneratedFleet(store: FleetStore): Promise<void> {
  assert.equal(await store.count(), 230);
  const { view, hosts } = await loadFleet(store);
  assert.equal(hosts, HOSTS.length);
  assert.equal(view.records, 230);
  assert.deepEqual(view.releases, [...RELEASES], 'releases in kernel version order, not string order');
  // The matrix.
  const every = view.signatures.find((s) => s.signature === SIG.everywhere)!;
  assert.equal(every.total, 100);
  assert.equal(every.hosts, 30);
  assert.deepEqual(Object.fromEntries(Object.entries(every.byRelease).map(([r, c]) => [r, c.count])), Object.fromEntries(RELEASES.map((r) => [r, 20])));
  assert.equal(view.signatures[0]?.signature, SIG.everywhere, 'biggest signature first');
  const fixed = view.signatures.find((s) => s.signature === SIG.fixedAfter610)!;
  assert.deepEqual(Object.keys(fixed.byRelease).sort(), ['5.15.133', '6.1.10', '6.1.9']);
  assert.equal(fixed.firstRelease, '5.15.133');
  assert.equal(fixed.lastRelease, '6.1.10');
  assert.ok(fixed.first < fixed.last);
  assert.equal(view.signatures.length, 5 + 4 + 2 + 1);
  assert.deepEqual(view.signatures.find((s) => s.signature === SIG.newIn662)?.known, ['example-known-rule']);
  assert.ok(view.signatures.filter((s) => s.signature !== SIG.newIn662).every((s) => s.known.length === 0));
  // Regressions: newest release first.
  assert.deepEqual(view.regressions.map((r) => [r.signature, r.release, r.count]), [
    [SIG.newIn662, '6.6.2', 15],
    [SIG.newIn66rc7, '6.6.0-rc7', 30],
  ]);
  // Fixed candidates: oldest last-release first, with the dumps that newer releases had.
  assert.deepEqual(view.fixedCandidates.map((f) => [f.signature, f.lastRelease]), [
    [SIG.fixedAfter515, '5.15.133'],
    [SIG.fixedAfter610, '6.1.10'],
  ]);
  const f610 = view.fixedCandidates[1]!;
  assert.deepEqual(f610.newerReleases, ['6.6.0-rc7', '6.6.2']);
  assert.ok(f610.newerDumps >= 50);
  // Hardware suspects: the MCE host first, then the host with four local signatures; host-05 (one) is not one.
  assert.deepEqual(view.hardwareSuspects.map((h) => [h.host, h.mce, h.unrelated]), [
    ['host-27', true, 2],
    ['host-13', false, 4],
  ]);
  assert.match(view.hardwareSuspects[0]!.reason, /machine-check/);
  // One signature: its dumps, newest first.
  const dumps = await store.dumpsOf(SIG.newIn662.slice(0, 6));
  assert.equal(dumps.length, 15);
  assert.ok(dumps.every((d) => d.release === '6.6.2' && d.reportPath?.startsWith('/reports/')));
  for (let i = 1; i < dumps.length; i++) assert.ok(dumps[i - 1]!.dumpDate! >= dumps[i]!.dumpDate!);
}
