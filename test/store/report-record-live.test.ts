// `report --all` on the real bug dump through the real crash: the report is
// recorded with what the dump header and the report say (build-id, crash
// time, host, release, type, trigger, known issue, report path), and a forced
// rerun refreshes the same row.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runReportAll } from '../../src/cli/report-all.js';
import { openStore } from '../../src/store/open.js';
import { needDump } from '../helpers/dumps.js';
import { capture } from '../report/live.js';

test('report --all records the bug dump in the fleet database, once', async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const tmp = mkdtempSync(join(tmpdir(), 'kdview-record-live-'));
  const root = join(tmp, 'dumps');
  mkdirSync(join(root, 'host-a'), { recursive: true });
  symlinkSync(d.vmcore, join(root, 'host-a', 'vmcore'));
  const db = join(tmp, 'fleet.sqlite');
  const out = join(tmp, 'out');
  const opts = { jobs: 1, output: out, vmlinux: d.vmlinux, sessionsDir: join(tmp, 'state', 'sessions'), db, record: true };
  const io = capture();
  assert.equal(await runReportAll(root, opts, io), 0, io.err());
  const store = await openStore(db);
  const rows = await store.all();
  await store.close();
  assert.equal(rows.length, 1);
  const r = rows[0]!;
  assert.equal(r.title, 'kernel BUG in lkdtm_BUG');
  assert.equal(r.release, '6.1.192-kdview');
  assert.match(r.buildId ?? '', /^[0-9a-f]{40}$/, 'build-id from the dump header');
  assert.match(r.dumpDate ?? '', /^\d{4}-\d\d-\d\dT/, 'the crash time from the dump');
  assert.ok(r.host && r.host.length > 0, 'nodename');
  assert.equal(r.culpritFunction, 'lkdtm_BUG');
  assert.equal(r.culpritModule, 'lkdtm');
  assert.ok(r.type !== null && r.type !== '', 'report type');
  assert.equal(r.trigger, 'panic-on-oops');
  assert.equal(r.taint, '');
  assert.deepEqual(r.known, ['lkdtm-deliberate-crash']);
  assert.equal(r.reportPath, join(out, 'host-a__vmcore.json'));
  assert.equal(r.dumpPath, join(root, 'host-a', 'vmcore'));
  assert.match(r.hardware ?? '', /QEMU/);
  assert.equal(r.mce, false);
  const io2 = capture();
  assert.equal(await runReportAll(root, { ...opts, force: true }, io2), 0, io2.err());
  const again = await openStore(db);
  assert.equal(await again.count(), 1, 'the same dump again: the same row');
  await again.close();
});
