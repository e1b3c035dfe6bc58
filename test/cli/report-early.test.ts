// `kdview report VMLINUX DUMP` starts crash before the report's modules load:
// the report is the same, and when a check fails that crash is ended.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ReportSchema } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';
import { needDump } from '../helpers/dumps.js';
import { noProcessesLeft } from '../helpers/procs.js';
import { privateLink } from '../report/live.js';

test('report from the command line: crash started first, the report complete, no crash left', async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const { tmp, link, marker } = privateLink(d.vmcore, 'report-early');
  const out = join(tmp, 'r.json');
  const r = await runCli(['report', '--format', 'json', '-o', out, '--sessions-dir', join(tmp, 'state', 'sessions'), d.vmlinux, link], { timeoutMs: 600_000 });
  assert.equal(r.code, 0, r.stderr);
  const report = ReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
  assert.equal(report.signature.title, 'kernel BUG in lkdtm_BUG');
  assert.equal(report.mode, 'normal');
  assert.equal(report.tasks.total, 82);
  assert.deepEqual(await noProcessesLeft(marker), []);
});

test('a failed check ends the crash started early: one line, non-zero, no crash left', async (t) => {
  const bug = needDump(t, 'bug');
  const sysrq = needDump(t, 'sysrq');
  if (!bug || !sysrq) return;
  const { tmp, link, marker } = privateLink(bug.vmcore, 'report-early-bad');
  const r = await runCli(['report', '--sessions-dir', join(tmp, 'state', 'sessions'), sysrq.vmlinux, link], { timeoutMs: 600_000 });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^kdview: vmlinux '.*' is Linux 6\.1\.0-\S+ but dump '.*' is Linux 6\.1\.192-kdview: use the vmlinux of the kernel that crashed\n$/);
  assert.deepEqual(await noProcessesLeft(marker), []);
});
