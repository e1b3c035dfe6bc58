// kdview on both version sets, for real: Debian 12's crash 8.0.2 + drgn 0.0.22
// and Debian 13's crash 8.0.6 + drgn 0.0.31 (through scripts/trixie-root.sh's
// wrappers), on the sysrq, bug and lockchain dumps. The panes' models from
// each engine, the drgn helper's every request, and where the versions differ:
// crash 8.0.2 cannot read the stock 6.1 task table (the PID-hash warning, then
// kdview walks the task list); crash 8.0.6 reads it, warns nothing, needs no walk.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeDrgnBacktrace, decodeDrgnSys, decodeDrgnTasks, readDrgnDocument } from '../../src/parsers/drgn-json.js';
import { findDump, needDump, type DumpName } from '../helpers/dumps.js';
import { engineSet, needEngines, type EngineSet } from '../helpers/engines.js';
import { runBoth, type BothRun } from './run-both.js';

const EXPECT: Record<DumpName, { panic: RegExp; pid: number; comm: string; un: number[] }> = {
  sysrq: { panic: /^Kernel panic - not syncing: sysrq triggered crash$/, pid: 142, comm: 'sh', un: [] },
  bug: { panic: /^kernel BUG at drivers\/misc\/lkdtm\/bugs\.c:78!$/, pid: 140, comm: 'lkdtm-trigger', un: [106] },
  lockchain: { panic: /^Kernel panic - not syncing: hung_task: blocked tasks$/, pid: 29, comm: 'khungtaskd', un: [125, 147, 148, 149] },
};

const PID_HASH = /not found in PID hash/;

for (const label of ['stock', 'new'] as const) {
  for (const name of ['sysrq', 'bug', 'lockchain'] as const) {
    describe(`${label} engines on ${name}`, () => {
      let run: BothRun | undefined;
      let set: EngineSet | undefined;
      const want = EXPECT[name];

      before(async () => {
        set = await engineSet(label);
        const d = findDump(name);
        if (set && d) run = await runBoth(set, d, want.un.map((p) => `kdview:bt ${p}`));
      });
      after(async () => run?.close());

      async function need(t: Parameters<typeof needEngines>[0]): Promise<BothRun | undefined> {
        if (!(await needEngines(t, label)) || !needDump(t, name)) return undefined;
        assert.ok(run, 'both engines started');
        return run;
      }

      test('both engines name the same panic, crashing task and CPU', async (t) => {
        const r = await need(t);
        if (!r) return;
        assert.match(r.crash.sys?.panic ?? '', want.panic, `crash ${set?.crashVersion}`);
        assert.match(r.drgn.sys?.panic ?? '', want.panic, `drgn ${set?.drgnVersion}`);
        assert.equal(r.crash.panicTask?.pid, want.pid);
        assert.equal(r.drgn.panicTask?.pid, want.pid);
        assert.equal(r.drgn.panicTask?.command, want.comm);
        assert.equal(r.crash.panicTask?.cpu, r.drgn.panicTask?.cpu);
        assert.equal(r.drgn.sys?.extra?.DRGN, set?.drgnVersion);
      });

      test('the log has the same records in both', async (t) => {
        const r = await need(t);
        if (!r) return;
        assert.ok((r.crash.log?.length ?? 0) > 100);
        assert.equal(r.drgn.log?.length, r.crash.log?.length);
      });

      test("crash's task table: the PID-hash warning and a short ps exactly where crash cannot read it", async (t) => {
        const r = await need(t);
        if (!r || !set) return;
        const drgnPids = (r.drgn.tasks ?? []).map((x) => x.pid);
        const crashPids = (r.crash.tasks ?? []).filter((x) => x.pid !== 0).map((x) => x.pid);
        const warned = r.crashStartup.warnings.some((w) => PID_HASH.test(w));
        // crash learned the struct pid flex-array (Debian's stock 6.1) in 8.0.4; the bug kernel reverts it.
        const cannotRead = set.crashVersion.localeCompare('8.0.4', undefined, { numeric: true }) < 0 && name !== 'bug';
        assert.equal(warned, cannotRead, `crash ${set.crashVersion} on ${name}: warnings ${JSON.stringify(r.crashStartup.warnings)}`);
        if (cannotRead) {
          assert.ok(crashPids.length < 5 && drgnPids.length > 60, `crash ${crashPids.length}, drgn ${drgnPids.length}`);
        } else {
          assert.deepEqual([...crashPids].sort((a, b) => a - b), [...drgnPids].sort((a, b) => a - b));
          assert.equal(r.crash.sys?.tasks, drgnPids.length + (r.crash.sys?.cpus ?? 0), 'crash counts one idle task per CPU');
        }
      });

      test('UN tasks are UN in drgn, and in crash whenever crash sees them', async (t) => {
        const r = await need(t);
        if (!r) return;
        const un = (m: typeof r.drgn) => (m.tasks ?? []).filter((x) => x.state === 'UN').map((x) => x.pid).sort((a, b) => a - b);
        assert.deepEqual(un(r.drgn), want.un);
        const seen = new Set((r.crash.tasks ?? []).map((x) => x.pid));
        assert.deepEqual(un(r.crash), want.un.filter((p) => seen.has(p)));
        for (const pid of want.un) assert.ok((r.drgn.taskBts[pid]?.frames.length ?? 0) > 3, `drgn unwinds UN PID ${pid}`);
      });

      test('the top frames of the crashing stack agree', async (t) => {
        const r = await need(t);
        if (!r) return;
        const names = (fs: { function: string }[] | undefined) => (fs ?? []).map((f) => f.function);
        // crash names the faulting function in `[exception RIP: lkdtm_BUG+0]` rather than as a frame.
        const ripNames = (r.crash.panicTask?.frames ?? []).map((f) => f.exception?.rip?.replace(/\+.*$/, '') ?? '');
        const crashNames = [...names(r.crash.panicTask?.frames), ...ripNames.filter((n) => n !== '')];
        const drgnNames = names(r.drgn.panicTask?.frames);
        assert.ok(drgnNames.length > 0 && crashNames.length > 0);
        // drgn starts at the faulting function (or __crash_kexec); crash starts at the kexec path: drgn's first
        // non-inline function is in crash's stack.
        const first = r.drgn.panicTask?.frames.find((f) => !f.inline)?.function;
        assert.ok(first && crashNames.some((n) => n === first || n.startsWith(first)), `${first} in ${crashNames.join(' ')}`);
      });

      test('every drgn helper request answers without a field error', async (t) => {
        const r = await need(t);
        if (!r) return;
        for (const ex of r.drgn.exchanges) {
          const doc = readDrgnDocument(ex.output);
          assert.equal(doc.value.ok, true, `${ex.command}: ${doc.value.error ?? ''}`);
          const decoded = ex.command === 'kdview:sys' ? decodeDrgnSys(ex.output) : ex.command === 'kdview:tasks' ? decodeDrgnTasks(ex.output) : undefined;
          if (decoded) assert.deepEqual(decoded.diagnostics, [], ex.command);
          if (/^kdview:(crashed|bt)/.test(ex.command)) {
            const bt = decodeDrgnBacktrace(ex.output).value;
            // drgn 0.0.31 names a frame without debug info by its pc ("0x..."); module frames keep their symbol.
            for (const task of bt.tasks)
              for (const f of task.frames.filter((x) => x.module !== undefined))
                assert.doesNotMatch(f.function, /^0x/, `${ex.command}: frame ${f.index} at ${f.address}`);
          }
        }
        assert.match(r.drgn.sys?.extra?.TAINT_MASK ?? '', /^\d+$/);
      });
    });
  }
}
