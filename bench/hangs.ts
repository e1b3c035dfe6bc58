// `npm run bench hangs`: what the hang analysis adds to a report, on the
// ~10,000-task scale dump (scale kit, 4 x 2500 threads) and on lockchain, with
// the real crash and drgn: the analysis's wall time as a ratio of the same
// run's report triage (the fixed triage commands), measured in the same
// backend session (drgn's report also unwinds every task: included). Target:
// ratio <= 0.10 on the scale dump.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectCrashHangs } from '../src/core/hangs-crash.js';
import { launchCrash } from '../src/core/launch-crash.js';
import { spawnDrgn } from '../src/backend/drgn.js';
import { findDrgn } from '../src/backend/drgn-probe.js';
import { parsePs } from '../src/parsers/index.js';
import { DrgnClient } from '../src/protocol/drgn-client.js';
import { randomNonce } from '../src/protocol/sentinel.js';
import { allStacksCommand, DRGN_TRIAGE } from '../src/core/profiles/drgn.js';
import { decodeDrgnTasks } from '../src/parsers/drgn-json.js';
import { CRASH_PROFILE } from '../src/core/profiles/crash.js';
const TRIAGE_COMMANDS = CRASH_PROFILE.triage.commands;
import { scaleDump } from './scale-dump.js';

interface Row {
  dump: string;
  backend: 'crash' | 'drgn';
  tasks: number;
  unTasks: number;
  triageMs: number;
  hangsMs: number;
  ratio: number;
  commands: number;
}

const now = () => performance.now();

async function crashRow(dump: string, vmlinux: string, vmcore: string): Promise<Row> {
  const { client } = await launchCrash({ vmlinux, dump: vmcore });
  try {
    const t0 = now();
    let ps = '';
    for (const c of TRIAGE_COMMANDS) {
      const ex = await client.run(c, { timeoutMs: 600_000 });
      if (c === 'ps') ps = ex.output;
    }
    const triageMs = now() - t0;
    const tasks = parsePs(ps).value.tasks;
    let commands = 0;
    const t1 = now();
    await collectCrashHangs((c) => {
      commands++;
      return client.run(c);
    }, tasks);
    const hangsMs = now() - t1;
    const un = tasks.filter((t) => t.state === 'UN').length;
    return { dump, backend: 'crash', tasks: tasks.length, unTasks: un, triageMs: Math.round(triageMs), hangsMs: Math.round(hangsMs), ratio: +(hangsMs / triageMs).toFixed(3), commands };
  } finally {
    await client.quit();
  }
}

async function drgnRow(dump: string, vmlinux: string, vmcore: string): Promise<Row | undefined> {
  const drgnPath = findDrgn();
  if (!drgnPath) return undefined;
  const nonce = randomNonce();
  const client = new DrgnClient(spawnDrgn({ drgnPath, vmlinux, dump: vmcore, nonce }), { nonce });
  try {
    await client.ready();
    const t0 = now();
    let pids: number[] = [];
    for (const c of Object.values(DRGN_TRIAGE)) {
      if (c === DRGN_TRIAGE.hangs) continue;
      const ex = await client.run(c, { timeoutMs: 600_000 });
      if (c === DRGN_TRIAGE.tasks) pids = decodeDrgnTasks(ex.output).value.tasks.map((t) => t.pid);
    }
    // the report also unwinds every task (its clusters and hung stacks)
    if (pids.length > 0) await client.run(allStacksCommand(pids), { timeoutMs: 1_800_000 });
    const triageMs = now() - t0;
    const t1 = now();
    const ex = await client.run(DRGN_TRIAGE.hangs, { timeoutMs: 600_000 });
    const hangsMs = now() - t1;
    const un = (ex.output.match(/"state": ?"UN"/g) ?? []).length;
    return { dump, backend: 'drgn', tasks: -1, unTasks: un, triageMs: Math.round(triageMs), hangsMs: Math.round(hangsMs), ratio: +(hangsMs / triageMs).toFixed(3), commands: 1 };
  } finally {
    await client.quit();
  }
}

export async function benchHangs(): Promise<{ rows: Row[]; skipped: string[] }> {
  const rows: Row[] = [];
  const skipped: string[] = [];
  const cases: Array<[string, string | undefined, string]> = [];
  const scale = await scaleDump(4, 2500);
  if ('dump' in scale) cases.push(['scale-4x2500', scale.dump.vmlinux, scale.dump.vmcore]);
  else skipped.push(`scale-4x2500: ${scale.missing}`);
  const lockchain = resolve(process.env.KDVIEW_DUMPS_DIR ?? '../shared/dumps', 'lockchain', 'vmcore');
  if (existsSync(lockchain) && process.env.KDVIEW_VMLINUX_SYSRQ) cases.push(['lockchain', process.env.KDVIEW_VMLINUX_SYSRQ, lockchain]);
  for (const [name, vmlinux, vmcore] of cases) {
    if (!vmlinux) continue;
    rows.push(await crashRow(name, vmlinux, vmcore));
    const d = await drgnRow(name, vmlinux, vmcore);
    if (d) rows.push(d);
  }
  return { rows, skipped };
}

export function hangsRows(r: { rows: Row[]; skipped: string[] }): string[] {
  return [
    ...r.rows.map((x) => `  ${x.dump.padEnd(14)} ${x.backend.padEnd(6)} UN ${String(x.unTasks).padStart(3)}  triage ${String(x.triageMs).padStart(7)} ms  hangs ${String(x.hangsMs).padStart(6)} ms  ratio ${x.ratio}  (${x.commands} commands)`),
    ...r.skipped.map((s) => `  skipped: ${s}`),
  ];
}
