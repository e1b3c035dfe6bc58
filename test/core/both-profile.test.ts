// Which engine serves what with `--backend both` (core/profiles/both.ts), as
// the engines come and go: drgn serves bt -a and every task's stack while
// crash loads; crash takes them once it has loaded the dump; each carries on
// alone when the other is gone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyModels, type Models } from '../../src/core/models.js';
import { bothProfile, type EngineStatus } from '../../src/core/profiles/both.js';
import type { Task } from '../../src/model/task.js';

type Engine = 'crash' | 'drgn';
type Phase = 'loading' | 'up' | 'dead';

function engines(first: Engine | undefined, phase: Record<Engine, Phase>, crashWarnings: string[] = []): EngineStatus {
  return { first, isDead: (n) => phase[n] === 'dead', isUp: (n) => phase[n] === 'up', startupWarnings: (n) => (n === 'crash' ? crashWarnings : []) };
}

const task = (pid: number): Task => ({ pid, ppid: 1, cpu: 0, task: `ffff${pid}`, state: 'IN', mem: 0, vsz: 0, rss: 0, comm: `t${pid}`, active: false, kernelThread: false });
const withTasks: Models = { ...emptyModels(), tasks: [task(1), task(106), task(140)] };

test('crash loading: drgn serves bt -a and every task’s stack (by PID); no walk; drgn answers the hangs', () => {
  const p = bothProfile(engines('drgn', { drgn: 'up', crash: 'loading' }));
  assert.equal(p.allCpus, 'kdview:bt-cpus');
  assert.equal(p.allStacks?.(withTasks), 'kdview:bt 1 106 140');
  assert.equal(p.allStacks?.(emptyModels()), 'foreach bt', 'no task list yet: queued for crash');
  assert.deepEqual(p.initial, ['kdview:sys', 'kdview:crashed', 'kdview:log', 'kdview:tasks']);
  assert.equal(p.hangsRequest, 'kdview:hangs');
  assert.equal(p.walk, undefined);
  assert.equal(p.taskBt(task(106)), 'kdview:bt 106');
});

test('crash loaded: crash takes bt -a and foreach bt; one task’s stack still comes from drgn', () => {
  const p = bothProfile(engines('drgn', { drgn: 'up', crash: 'up' }));
  assert.equal(p.allCpus, 'bt -a');
  assert.equal(p.allStacks?.(withTasks), 'foreach bt');
  assert.equal(p.taskBt(task(106)), 'kdview:bt 106');
  assert.equal(p.hangsRequest, 'kdview:hangs', 'drgn answered the hangs: crash does not read the stacks again');
  assert.deepEqual(p.background, ['kdview:bt-cpus', 'kdview:hangs', 'kmem -i']);
});

test('one engine gone: the other serves everything it can', () => {
  const noCrash = bothProfile(engines('drgn', { drgn: 'up', crash: 'dead' }));
  assert.equal(noCrash.allCpus, 'kdview:bt-cpus');
  assert.equal(noCrash.allStacks?.(withTasks), 'kdview:bt 1 106 140');
  assert.equal(noCrash.allStacks?.(emptyModels()), undefined, 'nothing can serve it: the TUI says so');
  const noDrgn = bothProfile(engines('drgn', { drgn: 'dead', crash: 'up' }));
  assert.equal(noDrgn.allCpus, 'bt -a');
  assert.equal(noDrgn.allStacks?.(withTasks), 'foreach bt');
  assert.equal(noDrgn.taskBt(task(106)), 'bt 106');
  assert.equal(noDrgn.hangsRequest, undefined, "drgn is gone: crash's stack scan finds the hangs");
});

test('crash first (drgn slow to open): crash’s own profile, with its walk and stack scan', () => {
  const p = bothProfile(engines('crash', { drgn: 'loading', crash: 'up' }));
  assert.deepEqual(p.initial, ['sys', 'bt', 'log -m', 'ps']);
  assert.equal(p.allCpus, 'bt -a');
  assert.equal(p.hangsRequest, undefined);
  assert.ok(p.walk && p.walk.length > 0);
});

test("crash loaded but its task table incomplete (crash 8.0.2, stock kernel): every task's stack stays drgn's; bt -a goes to crash", () => {
  const warned = ['WARNING: active task ffff8a03026fc800 on cpu 0 not found in PID hash'];
  const p = bothProfile(engines('drgn', { drgn: 'up', crash: 'up' }, warned));
  assert.equal(p.allStacks?.(withTasks), 'kdview:bt 1 106 140');
  assert.equal(p.allCpus, 'bt -a');
  const noDrgn = bothProfile(engines('drgn', { drgn: 'dead', crash: 'up' }, warned));
  assert.equal(noDrgn.allStacks?.(withTasks), 'foreach bt', 'drgn gone: crash’s foreach bt is all there is');
});
