// The core session as the TUI drives it with `--backend both` (BothClient +
// bothProfile), against the real crash, drgn and lockchain: drgn answers
// kdview:hangs, so crash's own hang collection (a stack read and a
// `foreach PID bt` per D-state task) does not run, and none of kdview's own
// requests fails (a failed exchange is what raises the TUI's red banner:
// crash 8.0.2 cannot see lockchain's blocked tasks, `foreach 149 bt` fails).
// Once crash has loaded, it takes the bulk stacks, unless it cannot list every task.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DumpSession } from '../../src/core/dump-session.js';
import { bothProfile } from '../../src/core/profiles/both.js';
import type { Exchange } from '../../src/model/exchange.js';
import { BothClient } from '../../src/protocol/both-client.js';
import { needDump } from '../helpers/dumps.js';
import { needEngines, startCrash, startDrgn } from '../helpers/engines.js';

for (const label of ['stock', 'new'] as const) {
  test(`both engines on lockchain (${label}): the hangs come from drgn, and no request of kdview's own fails`, async (t) => {
    const d = needDump(t, 'lockchain');
    const set = d && (await needEngines(t, label));
    if (!d || !set) return;
    const client = new BothClient(startDrgn(set, d.vmlinux, d.vmcore), startCrash(set, d.vmlinux, d.vmcore));
    const session = new DumpSession(client, bothProfile(client));
    const banners: Exchange[] = [];
    session.on('models', ({ exchange, tentative }) => {
      if (exchange && exchange.status !== 'ok' && !tentative) banners.push(exchange);
    });
    try {
      await session.open();
      assert.equal(client.first, 'drgn', 'drgn opens the dump first');
      await session.fill();
      const m = session.models;
      assert.deepEqual(banners.map((e) => `${e.command}: ${e.error ?? e.status}`), []);
      const commands = m.exchanges.map((e) => e.command);
      assert.ok(commands.includes('kdview:hangs'));
      assert.ok(commands.includes('kmem -i'), 'crash answered what drgn has no request for');
      assert.deepEqual(commands.filter((c) => /^(foreach \d+ bt|rd -s|runq)\b/.test(c)), [], "crash's hang collection did not run");
      const h = m.hangs?.find((x) => x.waiters.some((w) => w.pid === 149));
      assert.ok(h, 'the hang of ingest-3');
      assert.deepEqual(h.owner, { pid: 145, comm: 'compactor' });
      assert.match(m.hangFacts?.find((f) => f.pid === 149)?.lock?.via ?? '', /^(?!waiter record on the stack)/, "drgn's facts, not crash's stack scan");
      // Nothing drgn filled is read again by crash.
      assert.deepEqual(commands.filter((c) => ['sys', 'bt', 'bt -a', 'log -m', 'ps', 'foreach bt'].includes(c)), []);
      // crash has loaded the dump: it takes over bt -a and the bulk stacks; the panes keep drgn's answers.
      const profile = session.profile;
      await client.crash.ready(); // kmem -i may be answered just before crash's ready() settles
      assert.equal(client.isUp('crash'), true);
      assert.equal(profile.allCpus, 'bt -a');
      const bulk = profile.allStacks?.(m);
      // crash 8.0.2 cannot list this kernel's tasks (its PID hash lookups fail): every task's stack stays drgn's.
      const drgnAll = `kdview:bt ${(m.tasks ?? []).map((t) => t.pid).join(' ')}`;
      assert.equal(bulk, label === 'stock' ? drgnAll : 'foreach bt');
      assert.ok(bulk);
      const ex = await session.run(bulk);
      assert.equal(ex.status, 'ok', ex.error);
      const after = session.models;
      assert.ok((after.foreachBt?.tasks.length ?? 0) > 0, "crash's foreach bt");
      if (label === 'stock') assert.equal(after.foreachBt?.tasks.length, m.tasks?.length, "drgn's stacks of every task it lists");
      for (const k of ['sys', 'tasks', 'log', 'btAll', 'panicTask', 'hangs'] as const) assert.equal(after[k], m[k], `${k} kept`);
    } finally {
      session.close();
      await client.quit();
    }
  });
}
