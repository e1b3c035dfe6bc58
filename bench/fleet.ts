// `kdview fleet` on 10,000 records in SQLite. Measured in this process: open
// the database + the fleet queries + the text rendering (what the command does
// after Node starts), beside two baselines on the same file in the same run:
// a plain `SELECT COUNT(*)` and a full scan of (signature, release) into JS.
// Also the whole CLI (`kdview fleet --json` as a fresh process) beside a bare
// `node -e ''` start. Medians of alternating runs; the target is < 200 ms.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fleetText } from '../src/report/fleet-text.js';
import { loadFleet } from '../src/store/fleet-view.js';
import { openStore } from '../src/store/open.js';
import type { FleetRecord } from '../src/store/record.js';

const RECORDS = 10_000;
const REPS = Number(process.env.KDVIEW_BENCH_REPS ?? 11);
const TARGET_MS = 200;
const RELEASES = ['5.15.0-91-generic', '6.1.0-13-amd64', '6.1.0-18-amd64', '6.1.0-56-cloud-amd64', '6.6.8', '6.8.0-rc3', '6.8.0', '6.10.1'];

/** 10,000 records: 400 signatures (a few big, many small), 8 releases, 500 hosts. */
export function records(): FleetRecord[] {
  const out: FleetRecord[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const s = Math.floor(Math.sqrt((i * 7919) % 160_000)); // skewed: low signatures are common
    const rel = RELEASES[(s + (i % 3)) % RELEASES.length]!;
    const host = `host-${(i * 31) % 500}`;
    const date = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    out.push({
      dumpKey: `/var/crash/${host}/${i}/vmcore@${date}`, signature: createHash('sha256').update(String(s)).digest('hex').slice(0, 16),
      title: `BUG in function_${s}`, type: 'bug', trigger: null, culpritFunction: `function_${s}`, culpritModule: null, release: rel,
      buildId: null, host, hardware: 'QEMU', dumpDate: date, dumpPath: `/var/crash/${host}/${i}/vmcore`, reportPath: `/reports/${i}.json`,
      taint: '', hangBlocker: null, kdviewVersion: 'bench', recordedAt: date, mce: i % 997 === 0, known: i % 50 === 0 ? ['some-rule'] : [],
    });
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 100) / 100;

function child(args: string[]): Promise<number> {
  const t0 = performance.now();
  return new Promise((done, fail) => execFile(process.execPath, args, { maxBuffer: 64 << 20 }, (err) => (err ? fail(err) : done(performance.now() - t0))));
}

export async function benchFleet(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'kdview-bench-fleet-'));
  const db = join(dir, 'fleet.sqlite');
  try {
    const seed = await openStore(db);
    const t0 = performance.now();
    await seed.insert(records());
    const insertMs = performance.now() - t0;
    await seed.close();
    const fleet: number[] = [];
    const count: number[] = [];
    const scan: number[] = [];
    for (let i = 0; i < REPS + 2; i++) {
      let t = performance.now();
      const store = await openStore(db);
      const { view, hosts } = await loadFleet(store);
      fleetText(view, { where: db, hosts });
      const f = performance.now() - t;
      t = performance.now();
      await store.driver.all('SELECT COUNT(*) AS n FROM crashes');
      const c = performance.now() - t;
      t = performance.now();
      const rows = await store.driver.all('SELECT signature, release FROM crashes');
      if (rows.length !== RECORDS) throw new Error(`expected ${RECORDS} rows, got ${rows.length}`);
      const s = performance.now() - t;
      await store.close();
      if (i >= 2) {
        fleet.push(f);
        count.push(c);
        scan.push(s);
      }
    }
    const cli: number[] = [];
    const bare: number[] = [];
    const main = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');
    for (let i = 0; i < Math.min(REPS, 7); i++) {
      cli.push(await child([main, 'fleet', '--db', db, '--json']));
      bare.push(await child(['-e', '']));
    }
    const fleetMs = median(fleet);
    return {
      records: RECORDS,
      insertMs: round(insertMs),
      fleetMs: round(fleetMs),
      countBaselineMs: round(median(count)),
      scanBaselineMs: round(median(scan)),
      ratioToCount: round(fleetMs / median(count)),
      ratioToScan: round(fleetMs / median(scan)),
      cliMs: round(median(cli)),
      nodeStartMs: round(median(bare)),
      cliRatioToNodeStart: round(median(cli) / median(bare)),
      targetMs: TARGET_MS,
      targetMet: fleetMs < TARGET_MS,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
