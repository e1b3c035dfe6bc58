// A real ELF vmcore: the shared kit's guest (QEMU, TCG) crashes the -kdview
// kernel and saves /proc/vmcore with `makedumpfile -E -d 31` instead of -c.
// Made in the test's set-up (about 25 s), kept out of the repo (65 MB).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findExecutable } from '../../src/backend/probe.js';
import { findDumps } from '../../src/inspect/find-dumps.js';
import { runCli } from '../helpers/cli.js';
import { dumpsDir, needDump } from '../helpers/dumps.js';

const TOOLS = ['qemu-system-x86_64', 'busybox', 'kexec', 'makedumpfile', 'mke2fs', 'cpio'];

test('a real ELF vmcore made in the guest is listed and opens in crash', { timeout: 600_000 }, async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const kit = join(dumpsDir(), 'custom');
  const missing = TOOLS.filter((x) => !findExecutable(x, `${process.env.PATH}:/usr/sbin:/sbin`));
  if (missing.length > 0) {
    const msg = `cannot make an ELF vmcore: missing ${missing.join(', ')} (apt-get install qemu-system-x86 busybox-static kexec-tools makedumpfile e2fsprogs cpio)`;
    if (process.env.CI === 'true') throw new Error(`CI=true: ${msg}`);
    console.error(`\n*** SKIP: ${msg} ***\n`);
    return t.skip(msg);
  }
  const work = mkdtempSync(join(tmpdir(), 'kdview-elfcore-'));
  copyFileSync(join(kit, 'make-custom-dumps.sh'), join(work, 'make-custom-dumps.sh'));
  const init = readFileSync(join(kit, 'custom-guest-init.sh'), 'utf8');
  const elfInit = init.replace('makedumpfile -c -d 31 /proc/vmcore', 'makedumpfile -E -d 31 /proc/vmcore');
  assert.notEqual(elfInit, init, 'the guest init still saves the dump with makedumpfile -c -d 31');
  writeFileSync(join(work, 'custom-guest-init.sh'), elfInit);
  execFileSync('sh', [join(work, 'make-custom-dumps.sh'), join(kit, 'kout'), join(work, 'out-work'), 'bug'], {
    env: { ...process.env, SKIP_APT: '1', PATH: `${process.env.PATH}:/usr/sbin:/sbin` },
    stdio: 'ignore',
    timeout: 480_000,
  });
  const vmcore = join(work, 'out-work', 'out', 'bug', 'vmcore');
  assert.ok(existsSync(vmcore), 'the guest saved a vmcore');

  const listing = await findDumps([join(work, 'out-work', 'out')]);
  const dump = listing.dumps.find((x) => x.path === vmcore);
  assert.ok(dump, JSON.stringify(listing));
  assert.equal(dump.format, 'elf');
  assert.equal(dump.release, '6.1.192-kdview');
  assert.equal(dump.machine, 'x86_64');
  assert.match(dump.buildId ?? '', /^[0-9a-f]{40}$/);
  assert.equal(dump.problem, undefined);
  assert.equal(dump.dmesg?.path, join(work, 'out-work', 'out', 'bug', 'dmesg.txt'));

  // Under a name no kdump set-up uses, the same file is found by its ELF notes.
  mkdirSync(join(work, 'odd'));
  const odd = join(work, 'odd', 'saved-core.bin');
  linkSync(vmcore, odd);
  const byContent = (await findDumps([join(work, 'odd')])).dumps;
  assert.deepEqual(byContent.map((x) => [x.path, x.format, x.release, x.buildId]), [[odd, 'elf', '6.1.192-kdview', dump.buildId]]);

  const r = await runCli(['batch', '--no-record', d.vmlinux, vmcore, '-c', 'sys']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /PANIC: "kernel BUG at drivers\/misc\/lkdtm\/bugs\.c:78!"/);
});
