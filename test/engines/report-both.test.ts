// `kdview report --backend both` through the built CLI: crash makes the
// report, drgn cross-checks it; the crossCheck JSON field and the Markdown
// section, on both version sets; a dump crash cannot open leaves drgn's report.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test, type TestContext } from 'node:test';
import { ReportSchema, type Report } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';
import { needDump } from '../helpers/dumps.js';
import { needEngines } from '../helpers/engines.js';

/** The report by default (no --backend) with the stock engines installed: both engines. */
async function defaultReport(t: TestContext, name: 'sysrq' | 'lockchain'): Promise<Report | undefined> {
  const set = await needEngines(t, 'stock');
  const d = needDump(t, name);
  if (!set || !d) return undefined;
  const env = { ...process.env, KDVIEW_CRASH: set.crash, KDVIEW_DRGN: set.drgn };
  const r = await runCli(['report', d.vmlinux, d.vmcore, '--format', 'json', '--no-record'], { timeoutMs: 300_000, env });
  assert.equal(r.code, 0, r.stderr);
  return ReportSchema.parse(JSON.parse(r.stdout));
}

describe('report --backend both', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kdview-both-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  for (const label of ['stock', 'new'] as const) {
    test(`sysrq, ${label} engines: crossCheck in the JSON, a Cross-check section in Markdown`, async (t) => {
      const set = await needEngines(t, label);
      const d = needDump(t, 'sysrq');
      if (!set || !d) return;
      const base = ['report', d.vmlinux, d.vmcore, '--backend', 'both', '--crash', set.crash, '--drgn', set.drgn, '--no-record'];
      const [json, md] = await Promise.all([runCli([...base, '--format', 'json'], { timeoutMs: 300_000 }), runCli(base, { timeoutMs: 300_000 })]);
      assert.equal(json.code, 0, json.stderr);
      const r = ReportSchema.parse(JSON.parse(json.stdout));
      assert.equal(r.generator.backend, 'crash');
      const x = r.crossCheck;
      assert.ok(x);
      assert.equal(x.crashVersion, set.crashVersion);
      assert.equal(x.drgnVersion, set.drgnVersion);
      if (label === 'stock') {
        // The cross-check compares crash's own view (its ps), not kdview's walk of the task list.
        assert.deepEqual(x.disagreements.map((d) => [d.fact, d.believe]), [['tasks', 'drgn']]);
        assert.match(md.stdout, /\| Check \| 1 disagreement \(tasks: believe drgn\)/);
      } else {
        assert.deepEqual(x.disagreements, []);
        assert.match(md.stdout, /\| Check \| crash and drgn agree on 7 facts/);
      }
      assert.match(md.stdout, new RegExp(`## Cross-check: crash ${set.crashVersion} vs drgn ${set.drgnVersion}`));
    });
  }

  test("sysrq, by default (both installed): drgn's task list and stacks where crash 8.0.2 cannot read its table, crash's idle tasks, no walk", async (t) => {
    const rep = await defaultReport(t, 'sysrq');
    if (!rep) return;
    assert.ok(rep.crossCheck, 'both engines ran');
    assert.deepEqual([rep.tasks.total, rep.tasks.idle, rep.tasks.source, rep.tasks.recovered], [69, 2, 'drgn', 0]);
    assert.ok(!rep.steps.some((s) => s.command.startsWith('list task_struct') || s.command.startsWith('rd -s')), 'no walk, no stack scans');
    assert.ok(rep.clusters.length > 0 && rep.clusters.every((c) => c.recovered === 0));
    assert.ok(rep.warnings.some((w) => /^from drgn \(both engines ran; crash gave the rest\): the task list \(67 tasks, with crash's 2 idle tasks/.test(w)), rep.warnings.join('\n'));
  });

  test("lockchain, by default: crash's crashing stack skips check_hung_uninterruptible_tasks, so the report takes drgn's and says why", async (t) => {
    const rep = await defaultReport(t, 'lockchain');
    if (!rep) return;
    assert.equal(rep.crashingTask?.comm, 'khungtaskd');
    assert.equal(rep.backtraceFrom?.engine, 'drgn');
    assert.match(rep.backtraceFrom?.why ?? '', /^crash's unwind skips check_hung_uninterruptible_tasks between panic and watchdog\.cold/);
    assert.ok(rep.backtrace.some((f) => f.function === 'check_hung_uninterruptible_tasks'));
    // The four writers' stacks are drgn's unwinds (not stack scans), and what they wait on is drgn's answer.
    assert.deepEqual(rep.hungTasks.map((h) => [h.comm, h.stackRecovered]).sort(), [['dbwriter', false], ['ingest-1', false], ['ingest-2', false], ['ingest-3', false]]);
    assert.equal(rep.hangs[0]?.owner?.comm, 'compactor');
  });

  test("bug, stock crash: flusher's stack stops at schedule in crash, so the report takes drgn's and labels it", async (t) => {
    const set = await needEngines(t, 'stock');
    const d = needDump(t, 'bug');
    if (!set || !d) return;
    const r = await runCli(['report', d.vmlinux, d.vmcore, '--backend', 'both', '--format', 'json', '--no-record'], { timeoutMs: 300_000 });
    assert.equal(r.code, 0, r.stderr);
    const rep = ReportSchema.parse(JSON.parse(r.stdout));
    const flusher = rep.hungTasks.find((h) => h.pid === 106);
    assert.ok(flusher);
    assert.equal(flusher.backtraceFrom?.engine, 'drgn');
    assert.match(flusher.backtraceFrom?.why ?? '', /^crash's unwind stops at schedule after 2 frames; drgn unwinds \d+/);
    assert.ok(flusher.backtrace.some((f) => f.function === 'direct_entry.cold'), 'the module frame crash did not reach');
  });

  test('crash cannot open the dump: drgn makes the report and it says so', async (t) => {
    const set = await needEngines(t, 'stock');
    const d = needDump(t, 'sysrq');
    if (!set || !d) return;
    // A "crash" that fails at once, as crash does on a dump it cannot read.
    const r = await runCli(['report', d.vmlinux, d.vmcore, '--backend', 'both', '--crash', '/bin/false', '--format', 'json', '--no-record'], { timeoutMs: 300_000 });
    assert.ok(r.code === 0 || r.code === 3, r.stderr);
    const rep = ReportSchema.parse(JSON.parse(r.stdout));
    assert.equal(rep.generator.backend, 'drgn');
    assert.equal(rep.crossCheck, undefined);
    assert.ok(rep.warnings.some((w) => /^crash could not help \(.*\): this report is from drgn alone$/.test(w)), rep.warnings.join('\n'));
    assert.equal(rep.crashingTask?.pid, 142);
  });
});
