// Sessions with the real crash: a recorded batch replays to the same parsed
// models; a SIGKILLed batch leaves a file with every finished exchange and no crash.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ReplayTransport } from '../../src/backend/replay-transport.js';
import type { Exchange } from '../../src/model/exchange.js';
import { parseBt, parseLog, parsePs, parseSys } from '../../src/parsers/index.js';
import { CrashClient } from '../../src/protocol/crash-client.js';
import { readSession } from '../../src/session/reader.js';
import { CLI, runCli } from '../helpers/cli.js';
import { needDump } from '../helpers/dumps.js';
import { describeProcess, noProcessesLeft } from '../helpers/procs.js';

function onlySession(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.kdview.jsonl'));
  assert.equal(files.length, 1, `one session file in ${dir}: ${files.join(', ')}`);
  return join(dir, files[0] ?? '');
}

test('record with the real crash, replay: the panes get the same parsed models', async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const dir = mkdtempSync(join(tmpdir(), 'kdview-rt-'));
  const commands = ['sys', 'bt', 'log', 'ps'];
  const r = await runCli(['batch', '--sessions-dir', dir, d.vmlinux, d.vmcore, ...commands.flatMap((c) => ['-c', c]), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const live = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { command: string; output: string });
  const file = onlySession(dir);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  const session = await readSession(file);
  assert.deepEqual(session.warnings, []);
  assert.match(session.startup?.text ?? '', /PANIC: "kernel BUG at/);

  const client = new CrashClient(new ReplayTransport(session));
  await client.ready();
  const replayed: Exchange[] = [];
  for (const c of commands) replayed.push(await client.run(c));
  await client.quit();
  const parse = [parseSys, parseBt, parseLog, parsePs] as const;
  commands.forEach((c, i) => {
    const liveOut = live[i]?.output ?? '';
    assert.equal(replayed[i]?.output, liveOut, `${c}: replayed output`);
    assert.deepEqual(parse[i]?.(replayed[i]?.output ?? '').value, parse[i]?.(liveOut).value, `${c}: parsed model`);
  });
  assert.equal(parseBt(live[1]?.output ?? '').value.tasks[0]?.pid, 140);
});

test('kill -9 in the middle of a batch: every finished exchange is in the file, and crash goes too', async (t) => {
  const d = needDump(t, 'bug');
  if (!d) return;
  const dir = mkdtempSync(join(tmpdir(), 'kdview-k9-'));
  const vmcore = join(mkdtempSync(join(tmpdir(), 'kdview-k9d-')), 'vmcore');
  symlinkSync(d.vmcore, vmcore);
  const args = ['batch', '--sessions-dir', dir, d.vmlinux, vmcore];
  for (let i = 0; i < 200; i++) args.push('-c', i % 2 ? 'bt -a' : 'foreach bt');
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
  // Wait (by polling the file, with a deadline) until at least 5 exchanges are on disk.
  const end = Date.now() + 60_000;
  let file: string | undefined;
  let lines = 0;
  while (Date.now() < end) {
    const names = readdirSync(dir).filter((f) => f.endsWith('.kdview.jsonl'));
    file = names[0] ? join(dir, names[0]) : undefined;
    lines = file ? readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('{"type":"exchange"')).length : 0;
    if (lines >= 5) break;
    await new Promise((r) => setTimeout(r, 20)); // poll interval, bounded by the deadline
  }
  assert.ok(file && lines >= 5, `exchanges on disk before the kill: ${lines}`);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const session = await readSession(file);
  assert.ok(session.exchanges.length >= lines, `${session.exchanges.length} exchanges read, ${lines} seen before the kill`);
  session.exchanges.forEach((e, i) => {
    assert.equal(e.seq, i + 1);
    assert.equal(e.status, 'ok');
    assert.match(e.output, /PID: /);
  });
  for (const w of session.warnings) assert.match(w, /^line \d+: /);
  const left = await noProcessesLeft(vmcore, 10_000);
  assert.deepEqual(left, [], `crash exits when kdview dies: ${left.map(describeProcess).join('; ')}`);
});
