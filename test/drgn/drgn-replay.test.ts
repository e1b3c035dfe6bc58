// A drgn session records and replays like a crash one (exchange-level replay).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeDrgnSys, decodeDrgnTasks } from '../../src/parsers/drgn-json.js';
import { ReplayClient } from '../../src/protocol/replay-client.js';
import { readSession } from '../../src/session/reader.js';
import { runCli } from '../helpers/cli.js';
import { needDump } from '../helpers/dumps.js';

test('record a drgn batch, replay it: same answers; others are not in the recording', async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const dir = mkdtempSync(join(tmpdir(), 'kdview-drgn-rec-'));
  const r = await runCli(['batch', '--backend', 'drgn', '--sessions-dir', dir, d.vmlinux, d.vmcore, '-c', 'kdview:sys', '-c', 'kdview:tasks', '-c', "prog['init_task'].comm", '--json']);
  assert.equal(r.code, 0, r.stderr);
  const live = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { command: string; output: string });
  const files = readdirSync(dir);
  assert.equal(files.length, 1);
  const session = await readSession(join(dir, files[0] ?? ''));
  assert.equal(session.header.backend, 'drgn');
  const client = new ReplayClient(session);
  await client.ready();
  for (const l of live) assert.equal((await client.run(l.command)).output, l.output);
  assert.equal(decodeDrgnSys((await client.run('kdview:sys')).output).value.release, '6.1.192-kdview');
  assert.equal(decodeDrgnTasks((await client.run('kdview:tasks')).output).value.tasks.length, 80);
  const other = await client.run('prog.crashed_thread()');
  assert.equal(other.status, 'error');
  assert.match(other.error ?? '', /not in this recording/);
});
