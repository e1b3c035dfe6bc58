// The core session on real recordings (ReplayClient and the whole crash
// protocol through ReplayTransport): each exchange applied once, the task
// table detected as incomplete and recovered by the walk and a stack scan.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayTransport } from '../../src/backend/replay-transport.js';
import { CRASH_PROFILE } from '../../src/core/backend-profile.js';
import { DumpSession } from '../../src/core/dump-session.js';
import { modelsFrom } from '../../src/core/apply-exchange.js';
import { emptyModels, type Models } from '../../src/core/models.js';
import type { Exchange } from '../../src/model/exchange.js';
import { CrashClient } from '../../src/protocol/crash-client.js';
import { ReplayClient } from '../../src/protocol/replay-client.js';
import { readSession } from '../../src/session/reader.js';

test('sysrq recording: incomplete table detected, the walk recovers 69 tasks, a scan rebuilds dbwriter’s stack', async () => {
  const session = await readSession('sessions/sysrq-demo.kdview.jsonl');
  const recorded: string[] = [];
  const ds = new DumpSession(new ReplayClient(session), CRASH_PROFILE, { record: (ex) => recorded.push(ex.command) });
  const updates: Models[] = [];
  ds.on('models', (u) => updates.push(u.models));
  const info = await ds.open();
  assert.ok(info.warnings.some((w) => /not found in PID hash/.test(w)));
  assert.equal(ds.models.taskTableIncomplete, true);
  await ds.fill();
  const m = ds.models;
  // This recording holds the walk without stack fields: the session fell back to it.
  assert.equal(m.tasksFromWalk, true);
  assert.equal(m.tasks?.length, 69);
  assert.equal(m.psTasks?.length, 4);
  assert.equal(m.tasks?.filter((t) => t.recovered).length, 65);
  const dbwriter = m.tasks?.find((t) => t.pid === 125);
  assert.equal(dbwriter?.comm, 'dbwriter');
  assert.equal(dbwriter?.recovered, true);
  // Every exchange once, in the models and the recorder alike.
  assert.deepEqual(m.exchanges.map((e) => e.command), recorded);
  assert.equal(new Set(m.exchanges).size, m.exchanges.length);
  assert.equal(updates.at(-1), m);

  const bt = await ds.scanStack(dbwriter!);
  assert.equal(bt?.recovered, true);
  assert.equal(bt?.pid, 125);
  assert.ok(bt?.frames.some((f) => f.function === 'schedule'), 'schedule in the scanned stack');
  assert.ok(bt?.frames.some((f) => f.function === 'do_wait'));
  assert.equal(ds.models.taskBts[125], bt);
  ds.close();
});

test('the same exchanges replayed into fresh models give the same models (applyExchange is the only step)', async () => {
  const session = await readSession('sessions/sysrq-demo.kdview.jsonl');
  const ds = new DumpSession(new ReplayClient(session), CRASH_PROFILE);
  await ds.open();
  await ds.fill();
  await ds.scanStack(ds.models.tasks!.find((t) => t.pid === 125)!);
  const again = modelsFrom({ ...emptyModels(), taskTableIncomplete: true }, ds.models.exchanges);
  assert.deepEqual(again.tasks, ds.models.tasks);
  assert.deepEqual(again.taskBts[125], ds.models.taskBts[125]);
});

test('through the whole crash protocol: exchanges the client emits and the ones it returns are applied once', async () => {
  const session = await readSession('sessions/bug-demo.kdview.jsonl');
  const client = new CrashClient(new ReplayTransport(session));
  const ds = new DumpSession(client, CRASH_PROFILE);
  const seen: Exchange[] = [];
  ds.on('models', (u) => u.exchange && seen.push(u.exchange));
  await ds.open();
  assert.equal(ds.models.taskTableIncomplete, false);
  await ds.fill();
  const direct = await client.run('sys'); // a command the session did not start still lands in the models, once
  await new Promise((r) => setImmediate(r));
  const m = ds.models;
  assert.equal(m.tasks?.length, 82);
  assert.equal(m.tasksFromWalk, false);
  assert.equal(m.panicTask?.pid, 140);
  assert.ok(m.memory);
  assert.equal(m.exchanges.filter((e) => e === direct).length, 1);
  assert.deepEqual(seen, m.exchanges);
  assert.ok(!m.exchanges.some((e) => e.command === 'set scroll off'));
  await client.quit();
  ds.close();
});

test('tryRun: a failure with a fall-back is emitted as tentative (no banner), once; the same command run again is not', async () => {
  const session = await readSession('sessions/bug-demo.kdview.jsonl');
  const ds = new DumpSession(new ReplayClient(session), CRASH_PROFILE);
  const seen: { command: string; status: string; tentative: boolean }[] = [];
  ds.on('models', (u) => u.exchange && seen.push({ command: u.exchange.command, status: u.exchange.status, tentative: u.tentative === true }));
  await ds.open();
  await ds.tryRun('foreach 99999 bt');
  await ds.run('foreach 99999 bt');
  await ds.tryRun('sys');
  assert.deepEqual(seen, [
    { command: 'foreach 99999 bt', status: 'error', tentative: true },
    { command: 'foreach 99999 bt', status: 'error', tentative: false },
    { command: 'sys', status: 'ok', tentative: false },
  ]);
  ds.close();
});
