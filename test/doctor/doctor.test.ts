// `kdview doctor` on fake roots (one thing broken at a time) and on this machine.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { runDoctor } from '../../src/cli/doctor-command.js';
import type { Check } from '../../src/doctor/types.js';
import { CliError } from '../../src/model/user-error.js';
import { dumpsDir, needDump } from '../helpers/dumps.js';
import { BUG_ID, makeFakeRoot, REL, type FakeRootOptions } from './fake-root.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdview-doctor-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const CONFIG = join(dumpsDir(), 'custom', 'config');

function sink(): { stream: Writable; text: () => string } {
  let buf = '';
  return { stream: new Writable({ write: (c, _e, cb) => ((buf += String(c)), cb()) }), text: () => buf };
}

interface Report {
  root: string;
  release: string | null;
  ready: boolean;
  checks: Check[];
}

let n = 0;
async function doctor(o: FakeRootOptions): Promise<{ code: number; report: Report; text: string }> {
  const root = makeFakeRoot(join(tmp, `root-${++n}`), CONFIG, o);
  const j = sink();
  const code = await runDoctor({ root, json: true }, { stdout: j.stream, stderr: sink().stream });
  const h = sink();
  const code2 = await runDoctor({ root }, { stdout: h.stream, stderr: sink().stream });
  assert.equal(code2, code, 'same verdict with and without --json');
  return { code, report: JSON.parse(j.text()) as Report, text: h.text() };
}

const byId = (r: Report, id: string): Check => {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `check ${id}`);
  return c;
};
const failed = (r: Report) => r.checks.filter((c) => c.status === 'fail').map((c) => c.id);

function haveConfig(t: { skip: (m: string) => void }): boolean {
  if (existsSync(CONFIG)) return true;
  const msg = `kernel config ${CONFIG} (shared dumps) is missing`;
  if (process.env.CI === 'true') throw new Error(`CI=true: ${msg}`);
  console.error(`\n*** SKIP: ${msg} ***\n`);
  t.skip(msg);
  return false;
}

describe('kdview doctor on fake roots', () => {
  test('ready: every check passes, exit 0', async (t) => {
    const bug = needDump(t, 'bug');
    if (!bug || !haveConfig(t)) return;
    const r = await doctor({ vmlinux: bug.vmlinux });
    assert.deepEqual(failed(r.report), []);
    assert.equal(r.code, 0);
    assert.equal(r.report.ready, true);
    assert.equal(r.report.release, REL);
    assert.deepEqual(r.report.checks.map((c) => `${c.status} ${c.id}`), [
      'ok crashkernel', 'ok crash-memory', 'ok crash-memory-log', 'ok capture-kernel', 'ok config:CRASH_DUMP', 'ok config:PROC_VMCORE',
      'ok config:KEXEC', 'ok config:DEBUG_INFO', 'ok tool:kexec', 'ok tool:makedumpfile', 'ok tool:crash', 'ok tool:drgn',
      'ok debug-vmlinux', 'ok kdump-service', 'ok dump-folder', 'ok dump-room',
    ]);
    assert.equal(byId(r.report, 'crashkernel').title, 'crashkernel=256M on the kernel command line');
    assert.equal(byId(r.report, 'crash-memory').title, '256 MB reserved for the capture kernel');
    assert.equal(byId(r.report, 'debug-vmlinux').title, `debug vmlinux for the running kernel: ${join(r.report.root, `usr/lib/debug/boot/vmlinux-${REL}`)} (build-id match)`);
    assert.equal(byId(r.report, 'kdump-service').title, `kdump-tools: kdump-tools.service is enabled (/etc/systemd/system/basic.target.wants/kdump-tools.service)`);
    assert.match(r.text, /\nREADY: a crash on this machine would leave a usable dump\.\n$/);
  });

  test('missing crashkernel: fails with the fix, exit 1', async (t) => {
    const bug = needDump(t, 'bug');
    if (!bug || !haveConfig(t)) return;
    const r = await doctor({ vmlinux: bug.vmlinux, cmdline: `BOOT_IMAGE=/boot/vmlinuz-${REL} root=/dev/vda1 ro`, crashSize: '0' });
    assert.equal(r.code, 1);
    assert.deepEqual(failed(r.report), ['crashkernel', 'crash-memory']);
    assert.equal(byId(r.report, 'crashkernel').title, 'no crashkernel= on the kernel command line');
    assert.match(byId(r.report, 'crashkernel').fix?.[0] ?? '', /^add `crashkernel=512M` to the kernel command line/);
    const lines = r.text.split('\n');
    const at = lines.indexOf('  FAIL  no crashkernel= on the kernel command line');
    assert.ok(at > 0, r.text);
    assert.match(lines[at + 1] ?? '', /^ {8}fix: add `crashkernel=512M` to the kernel command line/);
    assert.match(r.text, /\nNOT READY: 2 checks failed\.\n$/);
  });

  test('no capture kernel loaded: fails with the kexec -p line for this machine', async (t) => {
    const bug = needDump(t, 'bug');
    if (!bug || !haveConfig(t)) return;
    const r = await doctor({ vmlinux: bug.vmlinux, crashLoaded: '0' });
    assert.equal(r.code, 1);
    assert.deepEqual(failed(r.report), ['capture-kernel']);
    const c = byId(r.report, 'capture-kernel');
    assert.equal(c.title, 'no capture kernel is loaded (/sys/kernel/kexec_crash_loaded is 0)');
    assert.equal(c.fix?.[0], `load one: kexec -p /boot/vmlinuz-${REL} --initrd=/boot/initrd.img-${REL} --append="root=/dev/vda1 irqpoll nr_cpus=1 reset_devices"`);
  });

  test('config lacking PROC_VMCORE (read from /boot/config-REL too)', async (t) => {
    const bug = needDump(t, 'bug');
    if (!bug || !haveConfig(t)) return;
    const drop = (s: string) => s.replace(/^CONFIG_PROC_VMCORE=y$/m, '# CONFIG_PROC_VMCORE is not set');
    for (const bootConfig of [false, true]) {
      const r = await doctor({ vmlinux: bug.vmlinux, config: drop, bootConfig });
      assert.equal(r.code, 1);
      assert.deepEqual(failed(r.report), ['config:PROC_VMCORE']);
      const src = bootConfig ? `/boot/config-${REL}` : '/proc/config.gz';
      assert.equal(byId(r.report, 'config:PROC_VMCORE').title, `CONFIG_PROC_VMCORE is not set: the capture kernel has no /proc/vmcore to save (${src})`);
      assert.equal(byId(r.report, 'config:CRASH_DUMP').title, `CONFIG_CRASH_DUMP=y (${src})`);
    }
  });

  test('no tools, no debug vmlinux, service not enabled, no dump folder', async (t) => {
    if (!haveConfig(t)) return;
    const r = await doctor({ tools: [], service: 'disabled', dumpFolder: false });
    assert.deepEqual(failed(r.report), ['tool:kexec', 'tool:makedumpfile', 'debug-vmlinux', 'kdump-service', 'dump-folder']);
    assert.equal(byId(r.report, 'tool:crash').status, 'warn', 'crash and drgn read dumps; they are not needed to make one');
    assert.match(byId(r.report, 'debug-vmlinux').title, new RegExp(`^no debug vmlinux for the running kernel \\(release ${REL}, build-id ${BUG_ID}\\)`));
    assert.deepEqual(byId(r.report, 'kdump-service').fix, ['systemctl enable kdump-tools.service']);
    assert.deepEqual(byId(r.report, 'dump-folder').fix, ['mkdir -p /var/crash']);
  });

  test('kdump-tools masked, or enabled with USE_KDUMP=0', async (t) => {
    const bug = needDump(t, 'bug');
    if (!bug || !haveConfig(t)) return;
    const masked = await doctor({ vmlinux: bug.vmlinux, service: 'masked' });
    assert.deepEqual(failed(masked.report), ['kdump-service']);
    assert.deepEqual(byId(masked.report, 'kdump-service').fix, ['systemctl unmask kdump-tools.service']);
    const off = await doctor({ vmlinux: bug.vmlinux, useKdump: '0' });
    assert.deepEqual(byId(off.report, 'kdump-service').fix, ['set USE_KDUMP=1 in /etc/default/kdump-tools']);
  });

  test('--root that is not a folder: CliError exit 2', async () => {
    await assert.rejects(runDoctor({ root: join(tmp, 'nope') }, { stdout: sink().stream, stderr: sink().stream }),
      (e: unknown) => e instanceof CliError && e.exitCode === 2 && /--root .*nope is not a folder$/.test(e.message));
  });
});

test('kdview doctor on this machine: runs and reports every check', async () => {
  const j = sink();
  const code = await runDoctor({ json: true }, { stdout: j.stream, stderr: sink().stream });
  const r = JSON.parse(j.text()) as Report;
  assert.ok(code === 0 || code === 1);
  assert.equal(r.root, '/');
  assert.equal(r.ready, code === 0);
  assert.equal(r.release, release(), 'the running kernel');
  for (const id of ['crashkernel', 'crash-memory', 'capture-kernel', 'tool:kexec', 'tool:makedumpfile', 'tool:crash', 'tool:drgn', 'debug-vmlinux', 'kdump-service', 'dump-folder'])
    assert.ok(r.checks.some((c) => c.id === id), `check ${id} reported`);
  for (const c of r.checks) {
    assert.ok(['ok', 'fail', 'warn', 'skip'].includes(c.status));
    if (c.status === 'fail') assert.ok((c.fix?.length ?? 0) >= 1 && (c.fix?.length ?? 0) <= 2, `${c.id}: a fix in 1-2 lines`);
  }
  console.error(`# doctor on this machine: exit ${code}; ${r.checks.map((c) => `${c.status} ${c.id}`).join(', ')}`);
});
