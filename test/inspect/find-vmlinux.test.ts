// Finding a dump's debug vmlinux: build-id match (wherever it is in the
// search order), release-only match (flagged), no match (says what it
// searched), on the real shared dumps and vmlinux files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { inspectDump } from '../../src/inspect/dump-info.js';
import { findVmlinux, matchVmlinux, noVmlinuxMessage } from '../../src/inspect/find-vmlinux.js';
import { needDump } from '../helpers/dumps.js';

const BUG_ID = '8d8bbf41a619ed367626155e67e5d87d6d58d78d';
const SYSRQ_ID = '3b43fad5034874490492495d552c0af6a5fab235';
const tmp = mkdtempSync(join(tmpdir(), 'kdview-vmlinux-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A fresh folder; an empty system root and debuginfod cache keep the machine's own paths out. */
function dirs(): { dir: string; root: string; cacheDir: string; env: NodeJS.ProcessEnv } {
  const dir = join(tmp, `case-${++n}`);
  mkdirSync(join(dir, 'root'), { recursive: true });
  mkdirSync(join(dir, 'cache'));
  return { dir, root: join(dir, 'root'), cacheDir: join(dir, 'cache'), env: {} };
}

describe('matchVmlinux (pure)', () => {
  const dump = { release: '6.1.192-kdview', buildId: BUG_ID };
  test('same build-id', () => assert.deepEqual(matchVmlinux(dump, { buildId: BUG_ID }), { match: 'build-id' }));
  test('same release, the dump has no build-id', () =>
    assert.deepEqual(matchVmlinux({ release: dump.release }, { buildId: BUG_ID, release: dump.release }), {
      match: 'release', note: 'release 6.1.192-kdview matches; the dump has no BUILD-ID',
    }));
  test('same release, the vmlinux has no build-id', () =>
    assert.deepEqual(matchVmlinux(dump, { release: dump.release }), { match: 'release', note: 'release 6.1.192-kdview matches; the vmlinux has no build-id' }));
  test('same release, build-ids differ', () => {
    const v = matchVmlinux(dump, { buildId: SYSRQ_ID, release: dump.release });
    assert.equal(v.match, 'release');
    assert.match(v.match === 'release' ? v.note : '', new RegExp(`build-id ${SYSRQ_ID} differs from the dump's ${BUG_ID}: probably another build`));
  });
  test('another kernel', () =>
    assert.deepEqual(matchVmlinux(dump, { buildId: SYSRQ_ID, release: '6.1.0-56-cloud-amd64' }), {
      match: undefined, why: `release 6.1.0-56-cloud-amd64, build-id ${SYSRQ_ID}: not this dump's kernel`,
    }));
});

describe('findVmlinux on the shared dumps', () => {
  test('build-id match through --debug-dir', async (t) => {
    const bug = needDump(t, 'bug');
    if (!bug) return;
    const c = dirs();
    symlinkSync(bug.vmlinux, join(c.dir, 'vmlinux-6.1.192-kdview'));
    const r = await findVmlinux(await inspectDump(bug.vmcore), { debugDir: c.dir, root: c.root, cacheDir: c.cacheDir, env: c.env });
    assert.equal(r.path, join(c.dir, 'vmlinux-6.1.192-kdview'));
    assert.equal(r.path !== undefined && r.match, 'build-id');
    assert.deepEqual(r.searched, [`${join(c.dir, 'vmlinux-6.1.192-kdview')}: build-id matches`]);
  });

  test('a vmlinux next to the dump; a wrong kernel is passed over', async (t) => {
    const bug = needDump(t, 'bug');
    const sysrq = needDump(t, 'sysrq');
    if (!bug || !sysrq) return;
    const c = dirs();
    symlinkSync(bug.vmcore, join(c.dir, 'vmcore'));
    symlinkSync(sysrq.vmlinux, join(c.dir, 'vmlinux-a-wrong-one'));
    symlinkSync(bug.vmlinux, join(c.dir, 'vmlinux-b'));
    const r = await findVmlinux(await inspectDump(join(c.dir, 'vmcore')), { root: c.root, cacheDir: c.cacheDir, env: c.env });
    assert.equal(r.path, join(c.dir, 'vmlinux-b'));
    assert.equal(r.path !== undefined && r.match, 'build-id');
    assert.equal(r.searched[0], `${join(c.dir, 'vmlinux-a-wrong-one')}: release 6.1.0-56-cloud-amd64, build-id ${SYSRQ_ID}: not this dump's kernel`);
  });

  test('the distribution path /usr/lib/debug/boot/vmlinux-REL (under a fake root)', async (t) => {
    const sysrq = needDump(t, 'sysrq');
    if (!sysrq) return;
    const c = dirs();
    mkdirSync(join(c.root, 'usr/lib/debug/boot'), { recursive: true });
    const want = join(c.root, 'usr/lib/debug/boot/vmlinux-6.1.0-56-cloud-amd64');
    symlinkSync(sysrq.vmlinux, want);
    const r = await findVmlinux(await inspectDump(sysrq.vmcore), { root: c.root, cacheDir: c.cacheDir, env: c.env });
    assert.equal(r.path, want);
    assert.equal(r.path !== undefined && r.match, 'build-id');
    assert.ok(r.searched.includes(`${join(c.root, 'usr/lib/debug/.build-id/3b', `${SYSRQ_ID.slice(2)}.debug`)}: not found`));
  });

  test('build-id matches but the vmlinux is stripped of debug info: skipped, said so', async (t) => {
    const bug = needDump(t, 'bug');
    if (!bug) return;
    const c = dirs();
    const stripped = join(c.dir, 'vmlinux-stripped');
    const r0 = spawnSync('objcopy', ['--strip-debug', bug.vmlinux, stripped]);
    if (r0.error || r0.status !== 0) {
      if (process.env.CI === 'true') throw new Error('CI=true: objcopy (binutils, a dependency of crash) is missing');
      return t.skip('objcopy not installed');
    }
    const r = await findVmlinux(await inspectDump(bug.vmcore), { vmlinux: stripped, root: c.root, cacheDir: c.cacheDir, env: c.env });
    assert.equal(r.path, undefined);
    assert.equal(r.searched[0], `${stripped}: build-id matches but it has no debug info (.debug_info)`);
  });

  test('release-only matches, flagged: a dump without BUILD-ID, then one whose BUILD-ID differs', async (t) => {
    const bug = needDump(t, 'bug');
    if (!bug) return;
    const c = dirs();
    const data = readFileSync(bug.vmcore);
    const at = data.indexOf(`BUILD-ID=${BUG_ID}`);
    assert.ok(at > 0, 'the real dump carries BUILD-ID=');
    const noId = Buffer.from(data);
    noId.write('BUILD-XX', at, 'latin1');
    writeFileSync(join(c.dir, 'no-id.vmcore'), noId);
    const otherId = Buffer.from(data);
    otherId.write('0000', at + 'BUILD-ID='.length, 'latin1');
    writeFileSync(join(c.dir, 'other-id.vmcore'), otherId);
    const vm = join(c.dir, 'debug');
    mkdirSync(vm);
    symlinkSync(bug.vmlinux, join(vm, 'vmlinux-6.1.192-kdview'));

    const d1 = await inspectDump(join(c.dir, 'no-id.vmcore'));
    assert.equal(d1.buildId, undefined);
    assert.equal(d1.release, '6.1.192-kdview');
    const r1 = await findVmlinux(d1, { debugDir: vm, root: c.root, cacheDir: c.cacheDir, env: c.env });
    assert.equal(r1.path, join(vm, 'vmlinux-6.1.192-kdview'));
    assert.equal(r1.path !== undefined && r1.match, 'release');
    assert.equal(r1.path !== undefined && r1.note, 'release 6.1.192-kdview matches; the dump has no BUILD-ID');
    assert.ok(r1.searched.includes('debuginfod: not asked, the dump has no BUILD-ID'));

    const d2 = await inspectDump(join(c.dir, 'other-id.vmcore'));
    assert.equal(d2.buildId, `0000${BUG_ID.slice(4)}`);
    const r2 = await findVmlinux(d2, { debugDir: vm, root: c.root, cacheDir: c.cacheDir, env: c.env });
    assert.equal(r2.path, join(vm, 'vmlinux-6.1.192-kdview'));
    assert.equal(r2.path !== undefined && r2.match, 'release');
    assert.match(r2.path !== undefined ? (r2.note ?? '') : '', new RegExp(`differs from the dump's 0000${BUG_ID.slice(4)}: probably another build$`));
    assert.ok(r2.searched.includes('debuginfod: DEBUGINFOD_URLS is not set'));
  });

  test('no match: every place searched, with the dump\'s release and build-id', async (t) => {
    const bug = needDump(t, 'bug');
    const sysrq = needDump(t, 'sysrq');
    if (!bug || !sysrq) return;
    const c = dirs();
    symlinkSync(bug.vmlinux, join(c.dir, 'vmlinux-6.1.192-kdview'));
    const dump = await inspectDump(sysrq.vmcore);
    const r = await findVmlinux(dump, { debugDir: c.dir, root: c.root, cacheDir: c.cacheDir, env: c.env });
    assert.equal(r.path, undefined);
    const rel = '6.1.0-56-cloud-amd64';
    assert.deepEqual(r.searched, [
      `${join(c.dir, `vmlinux-${rel}`)}: not found`,
      `${join(c.dir, 'boot', `vmlinux-${rel}`)}: not found`,
      `${join(c.dir, 'lib/modules', rel, 'vmlinux')}: not found`,
      `${join(c.dir, '.build-id/3b', `${SYSRQ_ID.slice(2)}.debug`)}: not found`,
      `${join(c.dir, 'vmlinux-6.1.192-kdview')}: release 6.1.192-kdview, build-id ${BUG_ID}: not this dump's kernel`,
      `${join(c.root, 'usr/lib/debug/.build-id/3b', `${SYSRQ_ID.slice(2)}.debug`)}: not found`,
      `${join(c.root, 'usr/lib/debug/boot', `vmlinux-${rel}`)}: not found`,
      `${join(c.root, 'usr/lib/debug/lib/modules', rel, 'vmlinux')}: not found`,
      `${join(c.root, 'boot', `vmlinux-${rel}`)}: not found`,
      `${join(c.root, 'lib/modules', rel, 'build/vmlinux')}: not found`,
      `debuginfod cache ${c.cacheDir}: no ${SYSRQ_ID}`,
      'debuginfod: DEBUGINFOD_URLS is not set',
    ]);
    const msg = noVmlinuxMessage(dump, r.searched).split('\n');
    assert.equal(msg[0], `no debug vmlinux found for ${sysrq.vmcore} (release ${rel}, build-id ${SYSRQ_ID}); searched:`);
    assert.equal(msg.length, r.searched.length + 2);
    assert.match(msg.at(-1) ?? '', /--vmlinux FILE or --debug-dir DIR/);
  });
});
