// The hang analysis through the real crash 8.0.2: on lockchain crash cannot
// see the tasks (PID hash), so kdview walks init_task.tasks and reads each
// D-state task's stack word by word; the waiter records lead to the i_rwsem
// of /data/db.log and its owner, compactor. A replay of the recorded
// exchanges gives the same facts. On bug, flusher waits with no lock.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { buildHangs } from '../../src/core/analysis/hangs-graph.js';
import { stuckOnLine } from '../../src/core/analysis/hangs-text.js';
import { collectCrashHangs } from '../../src/core/hangs-crash.js';
import { launchCrash } from '../../src/core/launch-crash.js';
import type { Exchange } from '../../src/model/exchange.js';
import { parsePs } from '../../src/parsers/index.js';
import { parseTaskWalk, TASK_WALK_COMMAND } from '../../src/parsers/task-walk.js';
import type { CrashClient } from '../../src/protocol/crash-client.js';
import { ReplayClient } from '../../src/protocol/replay-client.js';
import { needDump } from '../helpers/dumps.js';

const clients: CrashClient[] = [];

describe('hangs through the real crash', () => {
  after(async () => {
    for (const c of clients) await c.quit();
  });

  test('lockchain: waiter records on the stacks name the i_rwsem, its owner compactor and what compactor does', async (t) => {
    const d = needDump(t, 'lockchain');
    if (!d) return;
    const { client } = await launchCrash({ vmlinux: d.vmlinux, dump: d.vmcore });
    clients.push(client);
    const ps = parsePs((await client.run('ps')).output).value.tasks;
    assert.ok(!ps.some((x) => x.comm === 'compactor'), "crash 8.0.2's own ps misses the tasks (PID hash)");
    const walk = await client.run(TASK_WALK_COMMAND, { timeoutMs: 600_000 });
    assert.equal(walk.status, 'ok', walk.error);
    const tasks = parseTaskWalk(walk.output).value;
    const recorded: Exchange[] = [];
    const facts = await collectCrashHangs(async (c) => {
      const ex = await client.run(c);
      recorded.push(ex);
      return ex;
    }, tasks);
    const [h, ...rest] = buildHangs(facts);
    assert.ok(h);
    assert.equal(rest.length, 0, JSON.stringify(rest.map((x) => x.summary)));
    assert.deepEqual(h.waiters.map((w) => `${w.pid} ${w.comm} ${w.state}`), ['125 dbwriter UN', '147 ingest-1 UN', '148 ingest-2 UN', '149 ingest-3 UN']);
    assert.deepEqual(h.lock, { kind: 'rwsem', address: 'ffff8a0301457500', name: 'i_rwsem of /data/db.log on vdb' });
    assert.deepEqual(h.owner, { pid: 145, comm: 'compactor' });
    assert.equal(h.root?.waitsIn, 'handle_userfault');
    assert.equal(h.root?.activity, 'userfault');
    assert.ok((h.root?.since ?? 0) > 10, `since ${h.root?.since}`);
    assert.match(stuckOnLine([h]) ?? '', /^compactor \(PID 145\) sleeps in handle_userfault/);
    const per = recorded.filter((e) => e.command.startsWith('rd -s')).length;
    assert.equal(per, 5, 'one stack read per D-state task and one for the owner, no more');
    // a replay of what was recorded gives the same facts
    const replay = new ReplayClient({ exchanges: recorded });
    assert.deepEqual(await collectCrashHangs((c) => replay.run(c), tasks), facts);
    // The session marks the tasks only the walk found: crash is not asked to unwind them (it fails, and would raise a banner).
    const asked: string[] = [];
    const marked = tasks.map((x) => (ps.some((p) => p.pid === x.pid) ? x : { ...x, recovered: true }));
    const again = await collectCrashHangs((c) => {
      asked.push(c);
      return replay.run(c);
    }, marked);
    assert.deepEqual(again, facts);
    assert.deepEqual(asked.filter((c) => c.startsWith('foreach')), []);
    assert.equal(asked.filter((c) => c.startsWith('rd -s')).length, 5);
  });

  test('bug: flusher in D state, sleeping in its module with no lock: an honest answer', async (t) => {
    const d = needDump(t, 'bug');
    if (!d) return;
    const { client } = await launchCrash({ vmlinux: d.vmlinux, dump: d.vmcore });
    clients.push(client);
    const tasks = parsePs((await client.run('ps')).output).value.tasks;
    const hangs = buildHangs(await collectCrashHangs((c) => client.run(c), tasks));
    const h = hangs.find((x) => x.waiters.some((w) => w.comm === 'flusher'));
    assert.ok(h, JSON.stringify(hangs.map((x) => x.summary)));
    assert.equal(h.lock.kind, 'none');
    assert.equal(h.owner, null);
    assert.match(h.summary, /^flusher \(PID 106\) waits in schedule( \(called from [\w.]+\))?, no lock found$/);
  });
});
