// Reports on stock Debian 12 kernels, where crash 8.0.2's task table is
// incomplete (PID hash): the report counts, clusters and lists UN tasks from
// the walked task list and the scanned stacks, the same recovery as the TUI,
// and says which facts came from recovery. drgn gives the reference count.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderReport, runReport } from '../../src/cli/report-command.js';
import { reportFromSteps } from '../../src/core/report-models.js';
import { ReportSchema, type Report } from '../../src/report/model.js';
import { readSession } from '../../src/session/reader.js';
import { listSessions } from '../../src/session/store.js';
import { needDump, type SharedDump } from '../helpers/dumps.js';
import { noProcessesLeft } from '../helpers/procs.js';
import { capture, privateLink } from './live.js';

async function report(d: SharedDump, backend: 'crash' | 'drgn', tmp: string, link: string): Promise<Report> {
  const out = join(tmp, `${backend}.json`);
  const io = capture();
  const code = await runReport(d.vmlinux, link, { backend, format: 'json', output: out, sessionsDir: join(tmp, backend), record: backend === 'crash' }, io);
  assert.equal(code, 0, io.err());
  const parsed = ReportSchema.safeParse(JSON.parse(readFileSync(out, 'utf8')));
  assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0]));
  return parsed.data;
}

test('sysrq: the report counts the walked task list (drgn’s 67 + 2 idle) and clusters recovered stacks', async (t) => {
  const d = needDump(t, 'sysrq');
  if (!d) return;
  const { tmp, link, marker } = privateLink(d.vmcore, 'recovery-sysrq');
  const crash = await report(d, 'crash', tmp, link);
  const drgn = await report(d, 'drgn', tmp, link);
  assert.equal(drgn.tasks.total, 67, 'drgn’s for_each_task count');
  assert.equal(crash.tasks.source, 'walk');
  assert.equal(crash.tasks.idle, 2);
  assert.equal(crash.tasks.total, 69);
  assert.equal(crash.tasks.total - crash.tasks.idle, drgn.tasks.total);
  assert.equal(crash.tasks.recovered, 65, 'crash’s own ps saw 4');
  const recovered = crash.clusters.filter((c) => c.recovered > 0);
  assert.ok(recovered.length > 0, 'clusters include recovered tasks');
  assert.ok(recovered.some((c) => c.members.some((m) => m.comm.startsWith('kworker') && m.recovered)));
  assert.ok(crash.warnings.some((w) => /walked the kernel task list \(69 tasks, 65 that crash missed\)/.test(w)));
  assert.equal(crash.complete, true);
  const md = await renderReport(crash, 'md');
  assert.match(md, /69 tasks \(2 idle; recovered: crash's task table was incomplete/);
  assert.match(md, /recovered by stack scans/);
  assert.match(await renderReport(crash, 'html'), /recovered by stack scans/);
  assert.deepEqual(await noProcessesLeft(marker), []);
});

test('lockchain: the UN tasks crash cannot see are listed with scanned stacks, and the recording replays into the same report', async (t) => {
  const d = needDump(t, 'lockchain');
  if (!d) return;
  const { tmp, link, marker } = privateLink(d.vmcore, 'recovery-lockchain');
  const crash = await report(d, 'crash', tmp, link);
  const drgn = await report(d, 'drgn', tmp, link);
  assert.equal(crash.tasks.total - crash.tasks.idle, drgn.tasks.total);
  assert.equal(crash.tasks.byState.UN, 4);
  const hung = crash.hungTasks.map((h) => `${h.pid} ${h.comm}`).sort();
  assert.deepEqual(hung, ['125 dbwriter', '147 ingest-1', '148 ingest-2', '149 ingest-3']);
  assert.deepEqual(hung, drgn.hungTasks.map((h) => `${h.pid} ${h.comm}`).sort());
  for (const h of crash.hungTasks) {
    assert.equal(h.recovered, true, `${h.comm} came from the walk`);
    assert.equal(h.stackRecovered, true, `${h.comm}'s stack is a scan`);
    const fns = h.backtrace.map((f) => f.function);
    assert.ok(fns.includes('rwsem_down_write_slowpath') && fns.includes('ext4_buffered_write_iter'), `${h.comm}: ${fns.join(' ')}`);
  }
  // Replay: the recorded exchanges go through the same models step into the same facts.
  const [s] = (await listSessions(join(tmp, 'crash'))).sessions;
  const session = await readSession(s!.path);
  const again = reportFromSteps({
    steps: session.exchanges.map((e) => ({ ...e, startedAt: e.startedAt ?? '', ms: e.ms ?? 0 })),
    script: [],
    mode: 'normal',
    generator: { version: 'x', backend: 'crash', backendVersion: null },
    input: { vmlinux: null, dump: link },
  });
  assert.deepEqual(again.tasks, crash.tasks);
  assert.deepEqual(again.hungTasks.map((h) => ({ ...h, ageMs: null, age: null })), crash.hungTasks.map((h) => ({ ...h, ageMs: null, age: null })));
  assert.deepEqual(again.clusters, crash.clusters);
  assert.deepEqual(await noProcessesLeft(marker), []);
});
