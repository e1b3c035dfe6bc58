// `kdview rules test` on the real sysrq dump through Debian 12's real crash
// 8.0.2: the pid flex-array rule matches from crash's own start-up warning.
import assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { needDump } from '../helpers/dumps.js';

test('rules test on the sysrq dump: crash-8.0.2-pid-flex-array matches, per condition', async (t) => {
  const d = needDump(t, 'sysrq');
  if (!d) return;
  const dir = mkdtempSync(join(tmpdir(), 'kdview-rules-live-'));
  const vmcore = join(dir, 'vmcore');
  symlinkSync(d.vmcore, vmcore);
  const r = await runCli(['rules', 'test', '--backend', 'crash', '--vmlinux', d.vmlinux, 'known-issues/tools.yml', vmcore], { timeoutMs: 300_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^MATCH {4}crash-8\.0\.2-pid-flex-array/m);
  assert.match(r.stdout, /yes {2}warning {3}\/not found in PID hash\/ matched "not found in PID hash"/);
  assert.match(r.stdout, /yes {2}backend {3}crash 8\.0\.2, wanted crash < 8\.0\.4/);
});
