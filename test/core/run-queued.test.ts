// runQueued: commands queued at once give the same results, in order, as one
// at a time; the next command is on its way before a finished one is parsed;
// commands a dead backend never started are reported skipped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayTransport } from '../../src/backend/replay-transport.js';
import { CRASH_PROFILE } from '../../src/core/backend-profile.js';
import { DumpSession } from '../../src/core/dump-session.js';
import { runQueued } from '../../src/core/run-queued.js';
import type { Exchange } from '../../src/model/exchange.js';
import { CrashClient } from '../../src/protocol/crash-client.js';
import { readSession } from '../../src/session/reader.js';

const COMMANDS = ['sys', 'bt', 'log -m', 'ps', 'mod'];

async function open() {
  const session = await readSession('sessions/bug-demo.kdview.jsonl');
  const writes: string[] = [];
  const transport = new ReplayTransport(session);
  const write = transport.write.bind(transport);
  transport.write = (data: string) => {
    writes.push(data);
    write(data);
  };
  const client = new CrashClient(transport);
  const ds = new DumpSession(client, CRASH_PROFILE);
  await ds.open();
  return { client, ds, writes, transport };
}

const blockedBy = (client: CrashClient) => (command: string) =>
  client.state === 'dead' ? `not run: ${client.exited?.message ?? 'crash exited'}` : command === 'kmem -i' ? 'not available here' : undefined;

test('queued at once: the same exchanges in the same order as one at a time, and crash never waits for the parse', async () => {
  const one = await open();
  const sequential: Exchange[] = [];
  for (const c of COMMANDS) sequential.push(await one.client.run(c));
  await one.client.quit();

  const q = await open();
  const sentBeforeAnswer: boolean[] = [];
  q.client.on('exchange', (ex) => {
    const next = COMMANDS[COMMANDS.indexOf(ex.command) + 1];
    if (next) sentBeforeAnswer.push(q.writes.some((w) => w.startsWith(`${next}\n`)));
  });
  const out = await runQueued(q.ds, [...COMMANDS, 'kmem -i'], blockedBy(q.client));
  assert.deepEqual(
    out.map((s) => ('skipped' in s ? ['skipped', s.skipped] : [s.command, s.status, s.output])),
    [...sequential.map((s) => [s.command, s.status, s.output]), ['skipped', 'not available here']],
  );
  assert.deepEqual(sentBeforeAnswer, [true, true, true, true], 'each next command was written before the previous one was answered');
  assert.equal(q.ds.models.tasks?.length, 82, 'the session parsed every answer');
  await q.client.quit();
});

test('crash dying part-way: what it started is answered, what it never started is skipped with the reason', async () => {
  const q = await open();
  const off = q.client.on('exchange', () => {
    off();
    q.transport.kill();
  });
  const out = await runQueued(q.ds, COMMANDS, blockedBy(q.client));
  assert.deepEqual(out.map((s) => s.command), COMMANDS);
  // sys answered; bt was already sent (its answer was on the way before the exit); log -m was running when crash exited.
  assert.deepEqual(
    out.map((s) => ('skipped' in s ? 'skipped' : s.status)),
    ['ok', 'ok', 'error', 'skipped', 'skipped'],
  );
  const last = out.at(-1);
  assert.ok(last && 'skipped' in last && /^not run: crash exited/.test(last.skipped), JSON.stringify(last));
});
