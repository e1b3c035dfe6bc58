// The cross-check on the real engines: on sysrq, Debian 12's crash 8.0.2 and
// drgn 0.0.22 disagree on the tasks (crash's table is incomplete) and kdview
// believes drgn; Debian 13's crash 8.0.6 and drgn 0.0.31 agree on every fact
// on sysrq, bug and lockchain, beyond the benign differences.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkLine, crossCheck } from '../../src/core/analysis/cross-check.js';
import { findDump, needDump, type DumpName } from '../helpers/dumps.js';
import { engineSet, needEngines, type EngineSet } from '../helpers/engines.js';
import { runBoth, type BothRun } from './run-both.js';

const PID_HASH = /not found in PID hash/;

function check(r: BothRun, set: EngineSet) {
  return crossCheck({
    crash: r.crash,
    drgn: r.drgn,
    crashVersion: set.crashVersion,
    drgnVersion: set.drgnVersion,
    crashTableIncomplete: r.crashStartup.warnings.some((w) => PID_HASH.test(w)),
  });
}

const CASES: Array<{ label: 'stock' | 'new'; dump: DumpName }> = [
  { label: 'stock', dump: 'sysrq' },
  { label: 'new', dump: 'sysrq' },
  { label: 'new', dump: 'bug' },
  { label: 'new', dump: 'lockchain' },
];

for (const { label, dump } of CASES) {
  describe(`cross-check, ${label} engines on ${dump}`, () => {
    let run: BothRun | undefined;
    let set: EngineSet | undefined;
    before(async () => {
      set = await engineSet(label);
      const d = findDump(dump);
      if (set && d) run = await runBoth(set, d);
    });
    after(async () => run?.close());

    test(label === 'stock' ? 'the task-count disagreement is reported once, and drgn is believed' : 'no disagreement beyond the benign ones', async (t) => {
      if (!(await needEngines(t, label)) || !needDump(t, dump) || !set) return;
      assert.ok(run);
      const x = check(run, set);
      assert.ok(x.compared.includes('tasks') && x.compared.includes('top frames') && x.compared.includes('log records'), x.compared.join());
      if (label === 'stock') {
        const tasks = x.disagreements.filter((d) => d.fact === 'tasks');
        assert.equal(tasks.length, 1, JSON.stringify(x.disagreements));
        assert.equal(tasks[0]?.believe, 'drgn');
        assert.match(tasks[0]?.drgn ?? '', /^67 tasks; 65 not in crash/);
        assert.match(tasks[0]?.crash ?? '', /^2 tasks/);
        assert.match(tasks[0]?.why ?? '', /PID hash/);
        assert.match(checkLine(x), /^1 disagreement between crash and drgn: tasks \(believe drgn\)/);
      } else {
        assert.deepEqual(x.disagreements, [], JSON.stringify(x.disagreements, null, 1));
        assert.match(checkLine(x), /^crash and drgn agree on \d+ facts/);
      }
      assert.ok(x.benign.some((b) => /^idle tasks: crash lists 2/.test(b)), x.benign.join('\n'));
    });
  });
}
