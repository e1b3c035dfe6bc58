// The replay transport under the real CrashClient (framer, queue, sentinels).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayTransport, replayedCommands } from '../../src/backend/replay-transport.js';
import { CrashClient } from '../../src/protocol/crash-client.js';
import { readSession } from '../../src/session/reader.js';
import { SessionWriter } from '../../src/session/writer.js';
import { exchange, header, tempDir } from './session-helpers.js';

const STARTUP = [
  'crash 8.0.2',
  'Copyright (C) 2002-2022  Red Hat, Inc.',
  '',
  'WARNING: active task ffff8a5f7ff30000 on cpu 0 not found in PID hash',
  '',
  '      KERNEL: /v',
  '       PANIC: "Kernel panic - not syncing: sysrq triggered crash"',
].join('\n');
const SYS = '      KERNEL: /v\n    DUMPFILE: /d  [PARTIAL DUMP]\n        CPUS: 2\n       PANIC: "crash> not a prompt"';

async function recorded() {
  const w = await SessionWriter.create(await tempDir(), header());
  await w.appendStartup({ text: STARTUP, warnings: ['WARNING: active task ffff8a5f7ff30000 on cpu 0 not found in PID hash'], ms: 3600 });
  await w.append(exchange('set scroll off', 'scroll: off (/usr/bin/less)'));
  await w.append(exchange('sys', 'old sys output'));
  await w.append(exchange('bt  99999', 'bt: invalid task or pid value: 99999', { status: 'error', error: 'bt: invalid task or pid value: 99999' }));
  await w.append(exchange('sys', SYS));
  await w.append(exchange('foreach bt', 'partial', { status: 'timeout' }));
  await w.append(exchange('echo', ''));
  await w.close();
  return readSession(w.path);
}

test('the real CrashClient drives a recorded session unchanged', async () => {
  const session = await recorded();
  const client = new CrashClient(new ReplayTransport(session), { defaultTimeoutMs: 5000 });
  assert.equal(client.pid, undefined);
  const startup = await client.ready();
  assert.equal(startup.text, STARTUP);
  assert.deepEqual(startup.warnings, session.startup?.warnings);

  const sys = await client.run('sys');
  assert.deepEqual([sys.status, sys.output], ['ok', SYS]);
  const err = await client.run('bt 99999');
  assert.deepEqual([err.status, err.error], ['error', 'bt: invalid task or pid value: 99999']);
  assert.equal((await client.run('foreach bt')).output, 'partial');
  assert.deepEqual([(await client.run('echo')).output, (await client.run('echo')).status], ['', 'ok']);

  const missing = await client.run('kmem -i');
  assert.equal(missing.status, 'error');
  assert.equal(missing.error, 'crash: not in this recording: kmem -i (this is a replay; recorded commands: 5)');
  const again = await client.run('sys');
  assert.equal(again.output, SYS, 'the client is still in step after an unrecorded command');

  const exit = new Promise<{ exitCode: number | null; signal: number | null }>((resolve) => client.on('exit', resolve));
  await client.quit();
  assert.equal(client.state, 'dead');
  const { exitCode, signal } = await exit;
  assert.deepEqual({ exitCode, signal }, { exitCode: 0, signal: null });
});

test('queued commands are answered in order; kill ends the replay', async () => {
  const session = await recorded();
  const client = new CrashClient(new ReplayTransport(session));
  const results = await Promise.all(['sys', 'bt 99999', 'nope', 'sys'].map((c) => client.run(c)));
  assert.deepEqual(results.map((r) => r.status), ['ok', 'error', 'error', 'ok']);
  assert.deepEqual(results.map((r) => r.command), ['sys', 'bt 99999', 'nope', 'sys']);
  const gone = new Promise((resolve) => client.on('exit', resolve));
  client.kill();
  await gone;
  assert.equal(client.state, 'dead');
  assert.equal((await client.run('sys')).status, 'error');
});

test('replayedCommands lists distinct commands with whitespace normalised', async () => {
  assert.deepEqual(replayedCommands(await recorded()), ['set scroll off', 'sys', 'bt 99999', 'foreach bt', 'echo']);
});

test('a session without a start-up record is ready at once with empty text', async () => {
  const client = new CrashClient(new ReplayTransport({ exchanges: [{ command: 'sys', output: 'x', status: 'ok' }] }));
  assert.deepEqual((await client.ready()).text, '');
  assert.equal((await client.run('sys')).output, 'x');
  await client.quit();
});

test('the byte stream looks like crash under a pty: echo, answer, prompt; ^C; quit', async () => {
  const t = new ReplayTransport({ startup: { text: 'crash 8.0.2\nWARNING: x' }, exchanges: [{ command: 'sys', output: 'A\nB', status: 'ok' }] });
  let seen = '';
  t.onData((chunk) => (seen += chunk));
  const exit = new Promise((resolve) => t.onExit(resolve));
  t.write('sys\necho @@KDV"_"E1_abc@@\n');
  t.write('\x03echo @@KDV"_"C1x1_abc@@\n');
  t.write('  s');
  t.write('ys  \nquit\n');
  t.write('sys\n'); // after quit: ignored
  assert.deepEqual(await exit, { exitCode: 0, signal: null });
  assert.equal(
    seen,
    'crash 8.0.2\r\nWARNING: x\r\n\r\ncrash> ' +
      'sys\r\nA\r\nB\r\ncrash> ' +
      'echo @@KDV"_"E1_abc@@\r\n@@KDV_E1_abc@@\r\ncrash> ' +
      '^C\r\ncrash> echo @@KDV"_"C1x1_abc@@\r\n@@KDV_C1x1_abc@@\r\ncrash> ' +
      '  sys  \r\nA\r\nB\r\ncrash> ' +
      'quit\r\n',
  );
});
