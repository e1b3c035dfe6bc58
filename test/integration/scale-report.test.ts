// A report on a real dump of several thousand tasks, made by the scale kit in
// the set-up (cached outside the repo per size; about two minutes the first
// time). What the guest counted before it crashed (its console log) is the
// reference: the report must count every task and show the large clusters.
// Under CI=true a missing qemu, kit or vmlinux is a failure.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, describe, test, type TestContext } from 'node:test';
import { scaleDump, type ScaleDump } from '../../bench/scale-dump.js';
import { runReport } from '../../src/cli/report-command.js';
import { ReportSchema, type Report } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';
import { noProcessesLeft } from '../helpers/procs.js';
import { capture } from '../report/live.js';

const POOLS = Number(process.env.KDVIEW_SCALE_TEST_POOLS ?? 2);
const POOL_TASKS = Number(process.env.KDVIEW_SCALE_TEST_POOL_TASKS ?? 1500);
const KINDS = ['nsleep', 'futex', 'pause', 'pipe', 'epoll'] as const;

interface GuestCounts {
  /** Threads per pool, as the guest listed /proc/PID/task. */
  pools: Map<number, number>;
  /** Every task in /proc/[0-9]*\/task (no idle tasks), just before the crash. */
  tasks: number;
}

function guestCounts(consoleLog: string): GuestCounts {
  const pools = new Map<number, number>();
  for (const m of consoleLog.matchAll(/\[kdview-init\] scale-pool-(\d+) pid \d+: (\d+) threads/g)) pools.set(Number(m[1]), Number(m[2]));
  const total = /\[kdview-init\] \d+ processes \(busybox ps\), (\d+) tasks/.exec(consoleLog);
  return { pools, tasks: Number(total?.[1] ?? NaN) };
}

/** Worker i (1..n-1) of a pool blocks in kinds[i % 5]; the main thread pauses. */
function workersOfKind(threads: number, kind: number): number {
  let n = 0;
  for (let i = 1; i < threads; i++) if (i % 5 === kind) n++;
  return n;
}

describe(`report on a scale-kit dump (${POOLS} x ${POOL_TASKS} tasks)`, () => {
  let dump: ScaleDump | undefined;
  let missing = '';
  let report: Report | undefined;
  let guest: GuestCounts | undefined;
  let marker = '';
  let exit = -1;

  before(async () => {
    const r = await scaleDump(POOLS, POOL_TASKS);
    if (!('dump' in r)) {
      missing = r.missing;
      return;
    }
    dump = r.dump;
    guest = guestCounts(readFileSync(join(dirname(dump.vmcore), 'console.log'), 'utf8'));
    const tmp = mkdtempSync(join(tmpdir(), 'kdview-scale-report-'));
    marker = dump.vmcore;
    const out = join(tmp, 'report.json');
    const io = capture();
    exit = await runReport(dump.vmlinux, dump.vmcore, { format: 'json', output: out, sessionsDir: join(tmp, 'state', 'sessions') }, io);
    report = ReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
  }, { timeout: 45 * 60_000 });

  function need(t: TestContext): boolean {
    if (dump && report && guest) return true;
    const msg = `no scale dump: ${missing}`;
    if (process.env.CI === 'true') throw new Error(`CI=true: ${msg}`);
    console.error(`\n*** SKIP: ${msg} ***\n`);
    t.skip(msg);
    return false;
  }

  test('the guest made the pools it was asked for', (t) => {
    if (!need(t) || !guest) return;
    assert.deepEqual([...guest.pools.keys()].sort(), Array.from({ length: POOLS }, (_, i) => i + 1));
    for (const [n, threads] of guest.pools) assert.equal(threads, POOL_TASKS, `scale-pool-${n}`);
  });

  test('the report is complete and counts every task the guest had, plus one idle task per CPU', (t) => {
    if (!need(t) || !report || !guest) return;
    assert.equal(exit, 0);
    assert.equal(report.complete, true);
    assert.equal(report.signature.title, 'kernel BUG in lkdtm_BUG');
    const cpus = 2; // the kit boots SMP=2
    // The guest counted just before lkdtm-trigger started (its ls subshell stood in for it).
    assert.ok(Math.abs(report.tasks.total - (guest.tasks + cpus)) <= 2, `report ${report.tasks.total}, guest ${guest.tasks} + ${cpus} idle`);
    const byState = Object.values(report.tasks.byState).reduce((a, b) => a + b, 0);
    assert.equal(byState, report.tasks.total);
    assert.ok(report.tasks.total >= POOLS * POOL_TASKS);
  });

  test('every pool thread is in the stack cluster of the way it blocks', (t) => {
    if (!need(t) || !report || !guest) return;
    const r: Report = report;
    const pools: number[] = [...guest.pools.values()];
    for (const [kind, name] of KINDS.entries()) {
      if (name === 'nsleep' || name === 'pause') continue; // tree leaves sleep and pool mains pause too
      const re = new RegExp(`^sp\\d+-${name}-\\d{4}$`);
      const expected: number = pools.reduce((a, threads) => a + workersOfKind(threads, kind), 0);
      const cluster = r.clusters.find((c) => c.members.some((m) => re.test(m.comm)));
      assert.ok(cluster, `a cluster of ${name} threads`);
      assert.equal(cluster.count, expected, name);
      assert.equal(cluster.members.length, expected, `${name}: every member listed`);
      assert.ok(cluster.members.every((m) => re.test(m.comm)), `${name}: only ${name} threads`);
    }
    const big = r.clusters.filter((c) => c.count >= POOL_TASKS / 5);
    assert.ok(big.length >= KINDS.length, `${big.length} large clusters: ${r.clusters.map((c) => c.count).join(' ')}`);
  });

  test("drgn's kdview:hangs all reads at most 256 of the thousands of sleeping tasks, and says how many there were", async (t) => {
    if (!need(t) || !dump || !guest) return;
    const r = await runCli(['batch', '--no-record', '--backend', 'drgn', dump.vmlinux, dump.vmcore, '-c', 'kdview:hangs all', '--json'], { timeoutMs: 600_000 });
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(JSON.parse(r.stdout).output) as { items: { type: string; waiting?: number; read?: number; pid?: number }[] };
    const limit = doc.items.find((i) => i.type === 'limit');
    assert.ok(limit && (limit.waiting ?? 0) >= POOLS * POOL_TASKS, JSON.stringify(limit));
    assert.equal(limit.read, 256);
    const waits = doc.items.filter((i) => i.type === 'wait');
    assert.ok(waits.length >= 256 && waits.length <= 256 + 64, `${waits.length} tasks read (256 waiting, at most 64 owners)`);
  });

  test('crash is gone afterwards', async (t) => {
    if (!need(t)) return;
    assert.deepEqual(await noProcessesLeft(marker), []);
  });
});
