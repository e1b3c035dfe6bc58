// kdview's dump discovery on a fake /var/crash holding every layout, built
// from the real shared dumps: checked field by field.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findDumps, type DumpInfo, type DumpListing } from '../../src/inspect/find-dumps.js';
import { findDump } from '../helpers/dumps.js';
import { makeFakeCrashDir, type FakeCrashDir } from './fake-crash-dir.js';

const BUG = { release: '6.1.192-kdview', buildId: '8d8bbf41a619ed367626155e67e5d87d6d58d78d', date: '2026-11-26T04:16:29.000Z', size: 8946284 };
const SYSRQ = { release: '6.1.0-56-cloud-amd64', buildId: '3b43fad5034874490492495d552c0af6a5fab235', date: '2026-11-26T04:06:29.000Z', size: 17735155 };

describe('findDumps on a fake /var/crash with every layout', () => {
  const bug = findDump('bug');
  const sysrq = findDump('sysrq');
  let fake: FakeCrashDir;
  let listing: DumpListing;
  let ms = 0;
  const byPath = (p: string | undefined): DumpInfo => {
    const d = listing.dumps.find((x) => x.path === p);
    assert.ok(d, `listed: ${p}`);
    return d;
  };

  before(async () => {
    if (!bug || !sysrq) {
      if (process.env.CI === 'true') throw new Error('CI=true: the shared dumps are missing');
      return;
    }
    fake = makeFakeCrashDir(mkdtempSync(join(tmpdir(), 'kdview-var-crash-')), bug, sysrq);
    const t0 = performance.now();
    listing = await findDumps([fake.root]);
    ms = performance.now() - t0;
  });
  after(() => {
    if (fake) rmSync(fake.root, { recursive: true, force: true });
  });

  test('lists every dump-like file, newest first, and nothing else', (t) => {
    if (!listing) return t.skip('shared dumps missing (run npm test)');
    const want = ['systemd', 'truncated', 'random', 'kdumpst', 'kdumpTools', 'fedora', 'plain', 'elf', 'elfTruncated'];
    if (fake.flattened) want.push('flattened');
    assert.deepEqual(listing.dumps.map((d) => d.path).sort(), want.map((r) => fake.files[r]).sort());
    assert.ok(!listing.dumps.some((d) => d.path === fake.files.ignored), 'notes.bin is not a dump');
    const dates = listing.dumps.map((d) => d.date);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    assert.deepEqual(listing.searched, [fake.root]);
    assert.deepEqual(listing.problems, []);
    console.error(`# findDumps: ${listing.dumps.length} dumps in ${ms.toFixed(1)} ms (${(ms / listing.dumps.length).toFixed(2)} ms per dump)`);
    assert.ok(ms / listing.dumps.length < 100, `headers only: ${ms.toFixed(1)} ms for ${listing.dumps.length} dumps`);
  });

  test('systemd crashdump-*: bug dump, its dmesg-<date>', (t) => {
    if (!listing) return t.skip('shared dumps missing');
    const d = byPath(fake.files.systemd);
    assert.equal(d.layout, 'systemd');
    assert.equal(d.format, 'kdump-compressed');
    assert.equal(d.size, BUG.size);
    assert.equal(d.date, BUG.date);
    assert.equal(d.dateSource, 'crash-time');
    assert.equal(d.release, BUG.release);
    assert.equal(d.machine, 'x86_64');
    assert.equal(d.buildId, BUG.buildId);
    assert.equal(d.hostname, 'kdview-guest');
    assert.equal(d.compression, 'zlib');
    assert.equal(d.dumpLevel, 31);
    assert.equal(d.cpus, 2);
    assert.deepEqual(d.dmesg, { path: fake.files.systemdDmesg });
    assert.equal(d.problem, undefined);
  });

  test('kdumpst: vmcore.<stamp> paired with dmesg-kdump.<stamp> inside a logs zip', (t) => {
    if (!listing) return t.skip('shared dumps missing');
    const d = byPath(fake.files.kdumpst);
    assert.equal(d.layout, 'kdumpst');
    assert.equal(d.format, 'kdump-compressed');
    assert.equal(d.release, SYSRQ.release);
    assert.equal(d.buildId, SYSRQ.buildId);
    assert.equal(d.date, SYSRQ.date);
    assert.equal(d.size, SYSRQ.size);
    assert.deepEqual(d.dmesg, { path: fake.files.kdumpstZip, entry: 'dmesg-kdump.202611260406' });
    assert.equal(listing.logs.length, 1, 'the pstore-only zip is a saved log with no dump');
    assert.deepEqual(listing.logs[0], {
      path: fake.files.pstoreZip,
      entry: 'dmesg-pstore.202611250900-0',
      date: '2026-11-25T09:00:00.000Z',
      extra: ['version.202611250900'],
    });
  });

  test('kdump-tools <stamp>/dump.<stamp> with dmesg.<stamp>', (t) => {
    if (!listing) return t.skip('shared dumps missing');
    const d = byPath(fake.files.kdumpTools);
    assert.equal(d.layout, 'kdump-tools');
    assert.equal(d.release, BUG.release);
    assert.equal(d.buildId, BUG.buildId);
    assert.deepEqual(d.dmesg, { path: fake.files.kdumpToolsDmesg });
  });

  test('kexec-tools <host>-<date>/vmcore with vmcore-dmesg.txt; plain vmcore with dmesg', (t) => {
    if (!listing) return t.skip('shared dumps missing');
    const f = byPath(fake.files.fedora);
    assert.equal(f.layout, 'kexec-tools');
    assert.equal(f.release, SYSRQ.release);
    assert.deepEqual(f.dmesg, { path: fake.files.fedoraDmesg });
    const p = byPath(fake.files.plain);
    assert.equal(p.layout, 'plain');
    assert.equal(p.buildId, SYSRQ.buildId);
    assert.deepEqual(p.dmesg, { path: fake.files.plainDmesg });
  });

  test('truncated and random files are listed with the reason', (t) => {
    if (!listing) return t.skip('shared dumps missing');
    const tr = byPath(fake.files.truncated);
    assert.equal(tr.format, 'kdump-compressed');
    assert.equal(tr.size, 4096);
    assert.equal(tr.release, BUG.release, 'the release still comes from the first block');
    assert.equal(tr.buildId, undefined, 'VMCOREINFO was cut off');
    assert.equal(tr.dateSource, 'header');
    assert.match(tr.problem ?? '', /^truncated: 4096 bytes, the sub-header at 4096 is missing$/);
    assert.equal(tr.dmesg, undefined, 'several dumps in that folder: no generic dmesg guessed');
    const rnd = byPath(fake.files.random);
    assert.equal(rnd.format, 'unknown');
    assert.equal(rnd.size, 8192);
    assert.equal(rnd.release, undefined);
    assert.equal(rnd.dateSource, 'file-mtime');
    assert.match(rnd.problem ?? '', /not a kernel dump/);
  });

  test('ELF cores: machine from e_machine, VMCOREINFO from the PT_NOTE, a cut one flagged', (t) => {
    if (!listing) return t.skip('shared dumps missing');
    const e = byPath(fake.files.elf);
    assert.equal(e.format, 'elf');
    assert.equal(e.machine, 'x86_64');
    assert.equal(e.release, BUG.release);
    assert.equal(e.buildId, BUG.buildId);
    assert.equal(e.date, BUG.date);
    assert.equal(e.cpus, 2, 'one NT_PRSTATUS per CPU');
    assert.equal(e.problem, undefined);
    assert.match(byPath(fake.files.elfTruncated).problem ?? '', /^truncated: \d+ bytes, the segments end at \d+$/);
  });

  test('flattened (makedumpfile -F) dump', (t) => {
    if (!listing) return t.skip('shared dumps missing');
    if (!fake.flattened) {
      const msg = 'makedumpfile is not installed: no flattened dump to list (apt-get install makedumpfile)';
      if (process.env.CI === 'true') throw new Error(`CI=true: ${msg}`);
      console.error(`\n*** SKIP: ${msg} ***\n`);
      return t.skip(msg);
    }
    const d = byPath(fake.files.flattened);
    assert.equal(d.format, 'flattened');
    assert.equal(d.inner, 'kdump-compressed');
    assert.equal(d.layout, 'plain');
    assert.equal(d.release, BUG.release);
    assert.equal(d.buildId, BUG.buildId);
    assert.equal(d.machine, 'x86_64');
    assert.equal(d.date, BUG.date);
    assert.equal(d.dumpLevel, 31);
    assert.equal(d.problem, undefined);
  });

  test('a missing folder is reported, not thrown', async () => {
    const l = await findDumps([join(tmpdir(), 'kdview-no-such-folder-xyz')]);
    assert.deepEqual(l.dumps, []);
    assert.equal(l.problems.length, 1);
    assert.match(l.problems[0] ?? '', /kdview-no-such-folder-xyz: no such folder$/);
  });
});

// A real guest ELF vmcore (makedumpfile -E) is made and checked in elf-vmcore-guest.test.ts.
