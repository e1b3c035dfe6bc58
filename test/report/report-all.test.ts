// `kdview report --all` over a folder with the shared dump, a broken dump and
// an empty file; then `--index` rebuilds the same index from the JSON files.
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reportName, runReportAll, vmlinuxNextTo } from '../../src/cli/report-all.js';
import { runReportIndex } from '../../src/cli/report-index.js';
import { IndexSchema } from '../../src/report/index-doc.js';
import { needDump } from '../helpers/dumps.js';
import { noProcessesLeft } from '../helpers/procs.js';
import { capture, privateLink } from './live.js';

function head(path: string, bytes: number): Buffer {
  const buf = Buffer.alloc(bytes);
  const fd = openSync(path, 'r');
  const n = readSync(fd, buf, 0, bytes, 0);
  closeSync(fd);
  return buf.subarray(0, n);
}

test('report names and vmlinux look-up next to a dump', async () => {
  const { tmp } = privateLink('/dev/null', 'names');
  assert.equal(reportName('/var/crash', '/var/crash/host-2026-11-26 04:10/vmcore'), 'host-2026-11-26_04_10__vmcore');
  assert.equal(reportName('/var/crash', '/elsewhere/dump.202611260410'), 'dump.202611260410');
  const dir = join(tmp, 'd');
  mkdirSync(dir);
  writeFileSync(join(dir, 'vmcore'), 'x');
  assert.equal(await vmlinuxNextTo(join(dir, 'vmcore'), '6.1.0'), undefined);
  writeFileSync(join(dir, 'vmlinux-6.1.0.xz'), 'x');
  writeFileSync(join(dir, 'vmlinux-5.10'), 'x');
  writeFileSync(join(dir, 'vmlinux-6.1.0'), 'x');
  assert.equal(await vmlinuxNextTo(join(dir, 'vmcore'), '6.1.0'), join(dir, 'vmlinux-6.1.0'));
  assert.equal(await vmlinuxNextTo(join(dir, 'vmcore'), undefined), join(dir, 'vmlinux-5.10'));
});

test('--all: the good dump is reported, a truncated one in --minimal mode, the broken and the empty one are marked failed', async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const { tmp, marker } = privateLink(d.vmcore, 'report-all');
  const root = join(tmp, marker, 'crash');
  for (const sub of ['good', 'truncated', 'broken', 'empty']) mkdirSync(join(root, sub), { recursive: true });
  symlinkSync(d.vmcore, join(root, 'good', 'vmcore'));
  writeFileSync(join(root, 'broken', 'vmcore'), head(d.vmcore, 2 << 20));
  writeFileSync(join(root, 'empty', 'vmcore'), '');
  // Cut short here, crash 8.0.2 fails to load it normally and with --zero_excluded, but --minimal reads its log.
  writeFileSync(join(root, 'truncated', 'vmcore'), head(d.vmcore, 8_500_000));
  const out = join(tmp, 'out');
  const io = capture();
  const code = await runReportAll(root, { jobs: 2, output: out, vmlinux: d.vmlinux, sessionsDir: join(tmp, 'state', 'sessions') }, io);
  assert.equal(code, 3, io.err());
  const idx = IndexSchema.parse(JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')));
  assert.deepEqual(idx.counts, { dumps: 4, complete: 1, partial: 1, failed: 2, signatures: 1 });
  assert.equal(idx.groups[0]?.signature.title, 'kernel BUG in lkdtm_BUG');
  assert.deepEqual(
    idx.groups[0]?.dumps.map((e) => [e.file, e.status, e.mode]),
    [['good__vmcore.json', 'complete', 'normal'], ['truncated__vmcore.json', 'partial', 'minimal']],
    'the log alone gives the same signature',
  );
  const failed = Object.fromEntries(idx.failed.map((e) => [e.file, e.error ?? '']));
  assert.match(failed['empty__vmcore.json'] ?? '', /is empty/);
  assert.match(failed['broken__vmcore.json'] ?? '', /could not open .* in any mode \(normal.*\[dump header: truncated/);
  for (const ext of ['json', 'md', 'html']) assert.ok(existsSync(join(out, `good__vmcore.${ext}`)), ext);
  assert.ok(!existsSync(join(out, 'broken__vmcore.md')));
  const md = readFileSync(join(out, 'index.md'), 'utf8');
  assert.match(md, /4 dumps: 1 complete, 1 partial, 2 failed; 1 distinct signatures/);
  assert.match(readFileSync(join(out, 'truncated__vmcore.md'), 'utf8'), /crash opened the dump only with --minimal/);
  assert.deepEqual(await noProcessesLeft(marker), []);

  // --index rebuilds the same index from the JSON files alone.
  rmSync(join(out, 'index.json'));
  rmSync(join(out, 'index.md'));
  writeFileSync(join(out, 'notes.json'), '{"not":"a report"}');
  const io2 = capture();
  assert.equal(await runReportIndex(out, io2), 0);
  assert.match(io2.err(), /notes\.json: skipped, not a kdview report/);
  const again = IndexSchema.parse(JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')));
  assert.deepEqual({ ...again, generatedAt: '' }, { ...idx, generatedAt: '' });
});
