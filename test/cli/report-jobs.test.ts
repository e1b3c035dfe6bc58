// --jobs auto, the rerun key of a dump, and the fleet progress lines.
import assert from 'node:assert/strict';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fleetProgress } from '../../src/cli/fleet-progress.js';
import { autoJobs, currentHost, MB_PER_BOTH_JOB, parseJobs } from '../../src/cli/report-jobs.js';
import { dumpKey, unchangedReport, writeKey } from '../../src/cli/report-skip.js';
import { CliError } from '../../src/model/user-error.js';
import { renderJson } from '../../src/report/json.js';
import { fixtureReport } from '../report/fixture-report.js';

const GB = 2 ** 30;

test('--jobs auto: one per core, as long as free memory holds 400 MB per crash', () => {
  assert.equal(autoJobs({ cpus: 8, availableBytes: 1.2 * GB }), 3);
  assert.equal(autoJobs({ cpus: 2, availableBytes: 16 * GB }), 2);
  assert.equal(autoJobs({ cpus: 4, availableBytes: 0.1 * GB }), 1, 'never less than one');
  assert.equal(autoJobs({ cpus: 8, availableBytes: 2 * GB }, MB_PER_BOTH_JOB), 3, 'both engines: 600 MB a job');
  assert.deepEqual(parseJobs(undefined, () => ({ cpus: 3, availableBytes: 64 * GB })), { jobs: 3, auto: true });
  assert.deepEqual(parseJobs('auto', () => ({ cpus: 16, availableBytes: 2 * GB })), { jobs: 5, auto: true });
  assert.deepEqual(parseJobs('4'), { jobs: 4, auto: false });
  for (const bad of ['0', '-1', '1.5', 'many']) assert.throws(() => parseJobs(bad), CliError, bad);
  const host = currentHost();
  assert.ok(host.cpus >= 1 && host.availableBytes > 0, JSON.stringify(host));
});

test('the rerun key: same size, mtime and build-id keep the report; any change or a failure record does not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdview-key-'));
  const dump = join(dir, 'vmcore');
  writeFileSync(dump, 'dump bytes');
  const key = await dumpKey(dump, 'ab12');
  assert.equal(await unchangedReport(dir, 'd', key), undefined, 'no report yet');
  writeFileSync(join(dir, 'd.json'), renderJson(fixtureReport('bug')));
  await writeKey(dir, 'd', key);
  assert.equal((await unchangedReport(dir, 'd', key))?.signature.hash, fixtureReport('bug').signature.hash);
  assert.equal(await unchangedReport(dir, 'd', { ...key, buildId: 'cd34' }), undefined, 'another build-id');
  assert.equal(await unchangedReport(dir, 'd', { ...key, buildId: null }), undefined, 'no build-id now');
  utimesSync(dump, new Date(), new Date(Date.now() + 5000));
  assert.equal(await unchangedReport(dir, 'd', await dumpKey(dump, 'ab12')), undefined, 'a new mtime');
  writeFileSync(dump, 'dump bytes, longer');
  assert.equal(await unchangedReport(dir, 'd', await dumpKey(dump, 'ab12')), undefined, 'a new size');
  writeFileSync(join(dir, 'd.json'), '{"format":"kdview-report-failure"}');
  assert.equal(await unchangedReport(dir, 'd', key), undefined, 'a failure record is tried again');
});

function sink(isTTY: boolean) {
  let text = '';
  return { stream: { isTTY, columns: 60, write: (s: string) => ((text += s), true) }, text: () => text };
}

test('progress: a permanent line per dump; on a terminal a live block of running dumps, redrawn in place', () => {
  let now = 0;
  const tty = sink(true);
  const p = fleetProgress(2, tty.stream, () => now);
  p.start('a__vmcore');
  p.start('b__vmcore');
  now = 3000;
  p.update('a__vmcore', 'gathering task table data\x1b[31m');
  assert.match(tty.text(), / {2}a__vmcore: gathering task table data \(3 s\)\n {2}b__vmcore: starting crash \(3 s\)\n {2}0\/2 done, 2 running\n$/);
  p.finish('a__vmcore', 'complete: kernel BUG in lkdtm_BUG [0cb21bed50e5db71]');
  assert.match(tty.text(), /\x1b\[3F\x1b\[Jkdview: \[1\/2\] a__vmcore: complete: kernel BUG in lkdtm_BUG \[0cb21bed50e5db71\]\n {2}b__vmcore/);
  p.finish('b__vmcore', 'failed: not a dump');
  p.close();
  assert.ok(tty.text().endsWith('kdview: [2/2] b__vmcore: failed: not a dump\n'), JSON.stringify(tty.text().slice(-80)));
  assert.doesNotMatch(tty.text(), /\x1b\[31m/, 'escapes from crash are stripped');

  const pipe = sink(false);
  const q = fleetProgress(1, pipe.stream, () => now);
  q.start('c');
  q.update('c', 'loading');
  q.finish('c', 'complete: x');
  q.close();
  assert.equal(pipe.text(), 'kdview: [1/1] c: complete: x\n');
});
