// --crash PATH / --drgn PATH through the built CLI, on the newer engines
// (Debian 13's crash 8.0.6 and drgn 0.0.31 via scripts/trixie-root.sh's
// wrappers): reports on sysrq, bug and lockchain from each engine, batch, and
// the one-line errors for a path that is not an engine.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ReportSchema } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';
import { needDump, type DumpName } from '../helpers/dumps.js';
import { needEngines } from '../helpers/engines.js';

const TASKS: Record<DumpName, number> = { sysrq: 67, bug: 80, lockchain: 71 };
const INCOMPLETE = /task table is incomplete/;

describe('--crash and --drgn with the newer engines', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kdview-engines-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  for (const name of ['sysrq', 'bug', 'lockchain'] as const) {
    for (const backend of ['crash', 'drgn'] as const) {
      test(`report --backend ${backend} on ${name}`, async (t) => {
        const set = await needEngines(t, 'new');
        const d = needDump(t, name);
        if (!set || !d) return;
        const args = ['report', d.vmlinux, d.vmcore, '--format', 'json', '--backend', backend, '--crash', set.crash, '--drgn', set.drgn];
        const r = await runCli([...args, '--sessions-dir', join(tmp, `s-${name}-${backend}`)], { timeoutMs: 300_000 });
        assert.ok(r.code === 0 || r.code === 3, `exit ${r.code}: ${r.stderr}`);
        const report = ReportSchema.parse(JSON.parse(r.stdout));
        assert.equal(report.generator.backend, backend);
        assert.equal(report.generator.backendVersion, backend === 'crash' ? set.crashVersion : set.drgnVersion);
        assert.ok(report.panic.message && report.panic.message.length > 10);
        assert.ok(report.crashingTask);
        // crash 8.0.6 reads the stock 6.1 task table: no PID-hash warning, all tasks (plus one idle task per CPU).
        assert.equal(report.warnings.some((w) => INCOMPLETE.test(w)), false, report.warnings.join('\n'));
        assert.equal(report.tasks.total, TASKS[name] + (backend === 'crash' ? 2 : 0));
      });
    }
  }

  test('batch runs the chosen crash (its prompt, its version in the session)', async (t) => {
    const set = await needEngines(t, 'new');
    const d = needDump(t, 'sysrq');
    if (!set || !d) return;
    const r = await runCli(['batch', d.vmlinux, d.vmcore, '--crash', set.crash, '-c', 'sys', '-c', 'ps', '--json', '--no-record']);
    assert.equal(r.code, 0, r.stderr);
    const [sys, ps] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { output: string });
    assert.match(sys?.output ?? '', /TASKS: 69/);
    assert.equal((ps?.output ?? '').trim().split('\n').length, 70);
    assert.doesNotMatch(r.stderr, /PID hash/);
  });

  test('a --crash or --drgn that is not an executable is one clear line', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    for (const flag of ['--crash', '--drgn']) {
      const r = await runCli(['batch', d.vmlinux, d.vmcore, flag, join(tmp, 'nope'), '-c', 'sys']);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr, `kdview: ${flag} '${join(tmp, 'nope')}': not an executable file\n`);
    }
  });
});
