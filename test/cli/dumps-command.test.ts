// `kdview dumps` (runDumps): JSON and human listings of a fake /var/crash
// built from the real shared dumps, and its bad-input errors.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { runDumps } from '../../src/cli/dumps-command.js';
import type { DumpListing } from '../../src/inspect/find-dumps.js';
import { CliError } from '../../src/model/user-error.js';
import { needDump } from '../helpers/dumps.js';
import { makeFakeCrashDir } from '../inspect/fake-crash-dir.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdview-dumps-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function sink(): { stream: Writable; text: () => string } {
  let buf = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      buf += String(chunk);
      cb();
    },
  });
  return { stream, text: () => buf };
}

async function run(dirs: string[], opts: Parameters<typeof runDumps>[1] = {}) {
  const out = sink();
  const err = sink();
  const code = await runDumps(dirs, opts, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('kdview dumps on a fake /var/crash', () => {
  test('--json: every dump with its dmesg and the vmlinux found through --debug-dir', async (t) => {
    const bug = needDump(t, 'bug');
    const sysrq = needDump(t, 'sysrq');
    if (!bug || !sysrq) return;
    const fake = makeFakeCrashDir(join(tmp, 'json'), bug, sysrq);
    const debugDir = join(tmp, 'debug-json');
    mkdirSync(debugDir);
    symlinkSync(bug.vmlinux, join(debugDir, 'vmlinux-6.1.192-kdview'));
    const r = await run([fake.root], { json: true, debugDir });
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    const l = JSON.parse(r.stdout) as DumpListing;
    assert.equal(l.dumps.length, fake.flattened ? 10 : 9);
    const vmlinux = join(debugDir, 'vmlinux-6.1.192-kdview');
    const withVmlinux = l.dumps.filter((d) => d.vmlinux).map((d) => d.path).sort();
    const bugCopies = ['systemd', 'kdumpTools', 'elf', 'elfTruncated', 'truncated', ...(fake.flattened ? ['flattened'] : [])];
    assert.deepEqual(withVmlinux, bugCopies.map((k) => fake.files[k]).sort(), 'every copy of the bug dump gets its vmlinux');
    for (const d of l.dumps.filter((x) => x.vmlinux && x.path !== fake.files.truncated)) assert.deepEqual(d.vmlinux, { path: vmlinux, match: 'build-id' });
    const cut = l.dumps.find((d) => d.path === fake.files.truncated);
    assert.deepEqual(cut?.vmlinux, { path: vmlinux, match: 'release' }, 'VMCOREINFO was cut off: release match only');
    const sys = l.dumps.find((d) => d.path === fake.files.systemd);
    assert.deepEqual(Object.keys(sys ?? {}).sort(), [
      'buildId', 'compression', 'cpus', 'date', 'dateSource', 'dmesg', 'dumpLevel', 'format', 'hostname', 'layout', 'machine', 'path', 'release', 'size', 'vmlinux',
    ]);
    assert.deepEqual(l.logs.map((x) => x.entry), ['dmesg-pstore.202611250900-0']);
  });

  test('human listing: one block per dump, problems and saved logs shown', async (t) => {
    const bug = needDump(t, 'bug');
    const sysrq = needDump(t, 'sysrq');
    if (!bug || !sysrq) return;
    const fake = makeFakeCrashDir(join(tmp, 'human'), bug, sysrq);
    const r = await run([fake.root], { vmlinux: bug.vmlinux });
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], `${fake.flattened ? 10 : 9} dumps in ${fake.root}`);
    const at = lines.indexOf(`  ${fake.files.systemd}`);
    assert.ok(at > 0, r.stdout);
    assert.equal(lines[at - 1], '2026-11-26 04:16 UTC  6.1.192-kdview  x86_64  kdump-compressed  8.5 MB  [systemd]');
    assert.equal(lines[at + 1], '  build-id 8d8bbf41a619ed367626155e67e5d87d6d58d78d  host kdview-guest');
    assert.equal(lines[at + 2], `  dmesg    ${fake.files.systemdDmesg}`);
    assert.equal(lines[at + 3], `  vmlinux  ${bug.vmlinux} (build-id match)`);
    const k = lines.indexOf(`  ${fake.files.kdumpst}`);
    assert.equal(lines[k + 2], `  dmesg    ${fake.files.kdumpstZip} : dmesg-kdump.202611260406`);
    assert.equal(lines[k + 3], '  vmlinux  none found locally (kdview DUMP also asks debuginfod)');
    const tr = lines.indexOf(`  ${fake.files.truncated}`);
    assert.deepEqual(lines.slice(tr + 1, tr + 4), [
      '  host kdview-guest',
      `  vmlinux  ${bug.vmlinux} (release match only)`,
      '  PROBLEM  truncated: 4096 bytes, the sub-header at 4096 is missing',
    ]);
    assert.ok(lines.includes('Saved logs without a dump (kdview log FILE):'));
    assert.ok(lines.includes(`  2026-11-25 09:00 UTC  ${fake.files.pstoreZip} : dmesg-pstore.202611250900-0`));
  });
});

describe('kdview dumps: nothing found and bad input', () => {
  test('an empty folder: exit 1 and where it looked', async () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    const r = await run([empty]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^no dumps in ${empty}\n`));
    assert.match(r.stdout, /kdview --demo/);
  });

  test('a missing folder or a file: CliError, exit 2, one line', async () => {
    const missing = join(tmp, 'no-such');
    await assert.rejects(run([missing]), (e: unknown) => e instanceof CliError && e.exitCode === 2 && e.message === `dumps: ${missing}: no such folder`);
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    await assert.rejects(run([file]), (e: unknown) => e instanceof CliError && e.exitCode === 2 && /is not a folder/.test(e.message) && !e.message.includes('\n'));
  });
});
