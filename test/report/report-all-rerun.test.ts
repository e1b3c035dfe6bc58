// `kdview report --all` reruns: a dump whose report is there and unchanged is
// skipped, --force reports it again, and a broken dump in the same folder
// fails on every run without stopping the others.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runReportAll } from '../../src/cli/report-all.js';
import { IndexSchema } from '../../src/report/index-doc.js';
import { needDump } from '../helpers/dumps.js';
import { noProcessesLeft } from '../helpers/procs.js';
import { capture, privateLink } from './live.js';

test('--all reruns: unchanged reports are skipped, --force redoes them, a broken dump never stops the good one', async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const { tmp, marker } = privateLink(d.vmcore, 'report-rerun');
  const root = join(tmp, marker, 'crash');
  for (const sub of ['good', 'broken']) mkdirSync(join(root, sub), { recursive: true });
  copyFileSync(d.vmcore, join(root, 'good', 'vmcore'));
  // A kdump header's signature, then nothing crash can use.
  writeFileSync(join(root, 'broken', 'vmcore'), Buffer.concat([Buffer.from('KDUMP   '), Buffer.alloc(64 << 10, 0x5a)]));
  const out = join(tmp, 'out');
  const opts = { jobs: 'auto', output: out, vmlinux: d.vmlinux, sessionsDir: join(tmp, 'state', 'sessions') };
  const report = join(out, 'good__vmcore.json');

  const first = capture();
  assert.equal(await runReportAll(root, opts, first), 3, first.err());
  assert.match(first.err(), /--jobs auto: \d+ \(\d+ cores, [\d.]+ GB available, (400 MB per crash|600 MB per crash and drgn)\)/);
  assert.match(first.err(), /\[\d\/2\] good__vmcore: complete: kernel BUG in lkdtm_BUG/);
  assert.match(first.err(), /\[\d\/2\] broken__vmcore: failed: /);
  assert.ok(existsSync(join(out, 'good__vmcore.key')));
  assert.ok(!existsSync(join(out, 'broken__vmcore.key')), 'a failure leaves no key: it is tried again');
  const made = statSync(report).mtimeMs;
  const text = readFileSync(report, 'utf8');

  const second = capture();
  assert.equal(await runReportAll(root, opts, second), 3, second.err());
  assert.match(second.err(), /good__vmcore: skipped: report there and dump unchanged \(--force to redo\): kernel BUG in lkdtm_BUG/);
  assert.match(second.err(), /broken__vmcore: failed: /);
  assert.equal(statSync(report).mtimeMs, made, 'the skipped report is not rewritten');
  assert.equal(readFileSync(report, 'utf8'), text);
  const idx = IndexSchema.parse(JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')));
  assert.deepEqual([idx.counts.dumps, idx.counts.complete, idx.counts.failed], [2, 1, 1], 'the index still lists the skipped report');

  const third = capture();
  assert.equal(await runReportAll(root, { ...opts, force: true }, third), 3, third.err());
  assert.match(third.err(), /good__vmcore: complete: kernel BUG in lkdtm_BUG/);
  assert.doesNotMatch(third.err(), /skipped/);
  assert.notEqual(statSync(report).mtimeMs, made, '--force writes the report again');
  assert.deepEqual(await noProcessesLeft(marker), []);
});
