// Parity: crash and drgn read the same dump into the same models. Every real
// difference found is asserted here, so the list in the README stays true.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchCrash } from '../../src/core/launch-crash.js';
import { spawnDrgn } from '../../src/backend/drgn.js';
import { findDrgn } from '../../src/backend/drgn-probe.js';
import type { Backtrace, Frame } from '../../src/model/backtrace.js';
import type { LogRecord } from '../../src/model/log.js';
import type { SysInfo } from '../../src/model/sys.js';
import type { Task } from '../../src/model/task.js';
import type { CrashClient } from '../../src/protocol/crash-client.js';
import { DrgnClient } from '../../src/protocol/drgn-client.js';
import { randomNonce } from '../../src/protocol/sentinel.js';
import { decodeDrgnBacktrace, decodeDrgnLog, decodeDrgnSys, decodeDrgnTasks, readDrgnDocument } from '../../src/parsers/drgn-json.js';
import { parseBt, parseLog, parsePs, parseSys } from '../../src/parsers/index.js';
import { dumpsDir, findDump, needDump, type SharedDump } from '../helpers/dumps.js';

/** How many log records the backends may disagree by. On the shared dumps they agree exactly. */
const LOG_TOLERANCE = 0;

async function startDrgn(d: SharedDump, extraSymbols: string[] = []): Promise<{ client: DrgnClient; ms: number }> {
  const drgnPath = findDrgn();
  if (!drgnPath) throw new Error('drgn is not installed');
  const nonce = randomNonce();
  const t0 = performance.now();
  const client = new DrgnClient(spawnDrgn({ drgnPath, vmlinux: d.vmlinux, dump: d.vmcore, extraSymbols, nonce }), { nonce });
  await client.ready();
  return { client, ms: Math.round(performance.now() - t0) };
}

async function output(c: CrashClient | DrgnClient, command: string): Promise<string> {
  const ex = await c.run(command);
  assert.equal(ex.status, 'ok', `${command}: ${ex.error ?? ''}`);
  return ex.output;
}

interface Side {
  sys: SysInfo;
  tasks: Task[];
  log: LogRecord[];
  bt: Backtrace;
  btAll: Backtrace;
}

describe('crash and drgn on the bug dump', () => {
  let crash: Side | undefined;
  let drgn: (Side & { shmem: Map<number, number> }) | undefined;
  const ready: string[] = [];
  let clients: Array<CrashClient | DrgnClient> = [];

  before(async () => {
    const d = findDump('bug');
    if (!d) return;
    const t0 = performance.now();
    const c = (await launchCrash({ vmlinux: d.vmlinux, dump: d.vmcore })).client;
    ready.push(`crash ready in ${Math.round(performance.now() - t0)} ms`);
    // drgn 0.0.22 needs the module's debug info (its ORC data) to unwind through lkdtm; crash does without.
    const { client: g, ms } = await startDrgn(d, [join(dumpsDir(), 'custom', 'lkdtm.ko')]);
    ready.push(`drgn ready in ${ms} ms`);
    clients = [c, g];
    crash = {
      sys: parseSys(await output(c, 'sys')).value,
      tasks: parsePs(await output(c, 'ps')).value.tasks,
      log: parseLog(await output(c, 'log')).value,
      bt: parseBt(await output(c, 'bt')).value,
      btAll: parseBt(await output(c, 'bt -a')).value,
    };
    const tasksText = await output(g, 'kdview:tasks');
    const shmem = new Map(readDrgnDocument(tasksText).value.items.map((i) => [i.value.pid as number, i.value.rssShmem as number]));
    drgn = {
      sys: decodeDrgnSys(await output(g, 'kdview:sys')).value,
      tasks: decodeDrgnTasks(tasksText).value.tasks,
      log: decodeDrgnLog(await output(g, 'kdview:log')).value,
      bt: decodeDrgnBacktrace(await output(g, 'kdview:crashed')).value,
      btAll: decodeDrgnBacktrace(await output(g, 'kdview:bt-cpus')).value,
      shmem,
    };
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  test('the same crashing task and CPU', (t) => {
    if (!needDump(t, 'bug') || !crash || !drgn) return;
    for (const r of ready) t.diagnostic(r);
    const [c, g] = [crash.bt.tasks[0], drgn.bt.tasks[0]];
    assert.deepEqual([g?.pid, g?.command, g?.cpu, g?.task], [140, 'lkdtm-trigger', 0, c?.task]);
    assert.deepEqual([c?.pid, c?.command, c?.cpu], [140, 'lkdtm-trigger', 0]);
    assert.deepEqual([drgn.sys.pid, drgn.sys.command, drgn.sys.cpu], [140, 'lkdtm-trigger', 0]);
  });

  test('sys: the same facts; crash counts the idle tasks, drgn does not', (t) => {
    if (!needDump(t, 'bug') || !crash || !drgn) return;
    const keys = ['release', 'version', 'machine', 'nodename', 'cpus', 'date', 'uptime', 'loadAverage', 'memory', 'mhz', 'panic'] as const;
    for (const k of keys) assert.deepEqual(drgn.sys[k], crash.sys[k], k);
    assert.equal(crash.sys.tasks, (drgn.sys.tasks ?? 0) + (crash.sys.cpus ?? 0));
  });

  test('the same PIDs, except the per-CPU idle tasks that for_each_task skips', (t) => {
    if (!needDump(t, 'bug') || !crash || !drgn) return;
    const drgnPids = new Set(drgn.tasks.map((x) => x.pid));
    const onlyCrash = crash.tasks.filter((x) => !drgnPids.has(x.pid));
    assert.deepEqual(onlyCrash.map((x) => [x.pid, x.comm, x.cpu]), [[0, 'swapper/0', 0], [0, 'swapper/1', 1]]);
    assert.equal(drgn.tasks.length + 2, crash.tasks.length);
    assert.equal(drgn.tasks.length, new Set(drgn.tasks.map((x) => x.pid)).size);
  });

  test('each task reads the same, except RSS (drgn adds shmem pages) and so %MEM', (t) => {
    if (!needDump(t, 'bug') || !crash || !drgn) return;
    const byPid = new Map(crash.tasks.map((x) => [x.pid, x]));
    let rssDiffers = 0;
    for (const g of drgn.tasks) {
      const c = byPid.get(g.pid);
      assert.ok(c, `PID ${g.pid}`);
      for (const k of ['ppid', 'cpu', 'task', 'state', 'comm', 'vsz', 'active', 'kernelThread'] as const) assert.equal(g[k], c[k], `PID ${g.pid} ${k}`);
      assert.equal(g.rss - (drgn.shmem.get(g.pid) ?? NaN), c.rss, `PID ${g.pid} rss without shmem`);
      if (g.rss !== c.rss) rssDiffers++;
    }
    t.diagnostic(`RSS differs (by its shmem pages) for ${rssDiffers} of ${drgn.tasks.length} tasks`);
  });

  test(`the same log records (tolerance ${LOG_TOLERANCE}), with the same timestamps and texts`, (t) => {
    if (!needDump(t, 'bug') || !crash || !drgn) return;
    assert.ok(Math.abs(crash.log.length - drgn.log.length) <= LOG_TOLERANCE, `${crash.log.length} vs ${drgn.log.length}`);
    assert.equal(drgn.log.length, 311);
    const pairs = crash.log.map((c, i) => [c, drgn?.log[i]] as const);
    assert.deepEqual(pairs.filter(([c, g]) => c.text !== g?.text || c.timestamp !== g?.timestamp).length, 0);
  });

  test('top frames of the crashing stack agree from the exception on, inline frames aside', (t) => {
    if (!needDump(t, 'bug') || !crash || !drgn) return;
    const cf = crash.bt.tasks[0]?.frames ?? [];
    const gf = (drgn.bt.tasks[0]?.frames ?? []).filter((f) => !f.inline);
    // crash starts at the kexec path (machine_kexec ... asm_exc_invalid_op) and shows the
    // interrupted function only as `[exception RIP: lkdtm_BUG]`; drgn starts at that RIP.
    const at = cf.findIndex((f) => f.exception?.rip !== undefined);
    const exc = cf[at]?.exception;
    assert.deepEqual(cf.slice(0, at + 1).map((f) => f.function), ['machine_kexec', '__crash_kexec', 'crash_kexec', 'oops_end', 'do_trap', 'do_error_trap', 'exc_invalid_op', 'asm_exc_invalid_op']);
    assert.deepEqual([gf[0]?.function, gf[0]?.address, gf[0]?.module, gf[0]?.interrupted], [exc?.rip, exc?.registers.RIP, 'lkdtm', true]);
    const crashAfter = cf.slice(at + 1);
    const pairs = crashAfter.map((c, i) => [c, gf[i + 1]] as [Frame, Frame | undefined]);
    for (const [c, g] of pairs) {
      assert.equal(g?.address, c.address, `${c.function}: same return address`);
      assert.equal(BigInt(`0x${g?.sp ?? 0}`) - BigInt(`0x${c.sp}`), 8n, `${c.function}: drgn's sp is crash's [sp] + 8`);
    }
    const names = pairs.filter(([c, g]) => c.function !== g?.function).map(([c, g]) => [c.function, g?.function]);
    assert.deepEqual(names, [['entry_SYSCALL_64_after_hwframe', 'entry_SYSCALL_64']]);
    assert.deepEqual(drgn.bt.tasks[0]?.frames.filter((f) => f.inline).map((f) => f.function), ['do_syscall_x64']);
    assert.equal(gf[1]?.sourceFunction, 'direct_entry');
    assert.deepEqual(gf.slice(crashAfter.length + 1).map((f) => [f.function, f.interrupted]), [['0x47b7a0', true]]);
  });

  test('bt -a and bt-cpus show the same task on each CPU', (t) => {
    if (!needDump(t, 'bug') || !crash || !drgn) return;
    const cpus = (b: Backtrace) => b.tasks.map((x) => [x.cpu, x.pid, x.command]);
    assert.deepEqual(cpus(drgn.btAll), cpus(crash.btAll));
    assert.deepEqual(cpus(drgn.btAll), [[0, 140, 'lkdtm-trigger'], [1, 98, 'cruncher']]);
    // crash starts each stopped CPU at its NMI handler; drgn at the registers the NMI interrupted.
    assert.equal(crash.btAll.tasks[1]?.frames[0]?.function, 'crash_nmi_callback');
    assert.equal(drgn.btAll.tasks[1]?.frames[0]?.function, 'lapic_next_event');
  });
});

describe('drgn without the module’s debug info (bug dump)', () => {
  test('names the module frame from the module’s symbol table, then stops unwinding', async (t) => {
    const d = needDump(t, 'bug');
    if (!d) return;
    const { client } = await startDrgn(d);
    try {
      const bt = decodeDrgnBacktrace(await output(client, 'kdview:crashed')).value.tasks[0];
      assert.deepEqual(bt?.frames.map((f) => [f.function, f.module]), [['lkdtm_BUG', 'lkdtm']]);
      assert.deepEqual(bt?.notes, ['drgn could not unwind past #0 lkdtm_BUG (no debug info for module lkdtm: give its .ko to drgn)']);
    } finally {
      await client.quit();
    }
  });
});

describe('drgn on the sysrq dump, where crash 8.0.2’s task table is incomplete', () => {
  test('all 67 tasks, the crashed thread, and sys and log as crash recorded them', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    const { client, ms } = await startDrgn(d);
    t.diagnostic(`drgn ready in ${ms} ms`);
    try {
      const tasks = decodeDrgnTasks(await output(client, 'kdview:tasks')).value.tasks;
      assert.equal(tasks.length, 67);
      const bt = decodeDrgnBacktrace(await output(client, 'kdview:crashed')).value.tasks[0];
      assert.deepEqual([bt?.pid, bt?.command, bt?.cpu], [142, 'sh', 1]);
      const sys = decodeDrgnSys(await output(client, 'kdview:sys')).value;
      // crash's own transcripts of this dump (crash 8.0.2 counts TASKS: 4 here).
      const recorded = (name: string) => readFileSync(join(d.dir, 'transcripts', 'crash', name), 'utf8');
      const csys = parseSys(recorded('sys.txt')).value;
      for (const k of ['release', 'version', 'cpus', 'date', 'uptime', 'loadAverage', 'memory', 'panic'] as const) assert.deepEqual(sys[k], csys[k], k);
      assert.deepEqual([sys.tasks, csys.tasks], [67, 4]);
      const log = decodeDrgnLog(await output(client, 'kdview:log')).value;
      const clog = parseLog(recorded('log.txt')).value;
      assert.ok(Math.abs(log.length - clog.length) <= LOG_TOLERANCE, `${log.length} vs ${clog.length}`);
      // Multi-line records: crash prints continuation lines indented, its parser joins them; drgn has the record whole.
      const multi = log.filter((r) => r.text.includes('\n'));
      assert.equal(multi.length, 2);
      for (const r of multi) assert.ok(clog.some((c) => c.text === r.text && c.timestamp === r.timestamp), r.text);
    } finally {
      await client.quit();
    }
  });
});
