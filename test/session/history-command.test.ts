import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runHistoryList, runHistorySearch } from '../../src/cli/history-command.js';
import { CliError } from '../../src/model/user-error.js';
import { SessionWriter } from '../../src/session/writer.js';
import { exchange, header, tempDir } from './session-helpers.js';

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
  };
  return { out, io };
}

async function dirWithSessions(): Promise<string> {
  const dir = await tempDir();
  const a = await SessionWriter.create(dir, header({ id: 'aaaaaaaaaaaa', startedAt: '2026-11-20T10:00:00.000Z' }));
  await a.append(exchange('sys', '     RELEASE: 6.1.192-kdview'));
  await a.close();
  const b = await SessionWriter.create(dir, header({ id: 'bbbbbbbbbbbb', startedAt: '2026-11-26T10:00:00.000Z', release: null }));
  await b.append(exchange('bt', '    [exception RIP: lkdtm_BUG]\x1b[31m'));
  await b.append(exchange('log', 'x'));
  await b.close();
  return dir;
}

test('history list: newest first, text and JSON', async () => {
  const dir = await dirWithSessions();
  const { out, io } = capture();
  assert.equal(await runHistoryList({ sessionsDir: dir }, io), 0);
  const lines = out.stdout.trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^DATE +DUMP +RELEASE +CMDS +ID$/);
  assert.match(lines[1] ?? '', /^2026-11-2\d \d\d:\d\d +vmcore +- +2 +bbbbbbbbbbbb$/);
  assert.match(lines[2] ?? '', /vmcore +6\.1\.192-kdview +1 +aaaaaaaaaaaa$/);
  const json = capture();
  await runHistoryList({ sessionsDir: dir, json: true }, json.io);
  const parsed = JSON.parse(json.out.stdout) as Array<{ id: string; exchanges: number }>;
  assert.deepEqual(parsed.map((s) => [s.id, s.exchanges]), [['bbbbbbbbbbbb', 2], ['aaaaaaaaaaaa', 1]]);
  const empty = capture();
  assert.equal(await runHistoryList({ sessionsDir: `${dir}/none` }, empty.io), 0);
  assert.match(empty.out.stderr, /no sessions in /);
});

test('history search: matches printed (escapes removed), JSON array, exit 1 on no match', async () => {
  const dir = await dirWithSessions();
  const { out, io } = capture();
  assert.equal(await runHistorySearch('lkdtm_bug', { sessionsDir: dir }, io), 0);
  assert.match(out.stdout, /^SESSION +SEQ +COMMAND +LINE +MATCH\nbbbbbbbbbbbb +#1 +bt +1 +\[exception RIP: lkdtm_BUG\]\n$/);
  assert.ok(!out.stdout.includes('\x1b'));
  const json = capture();
  assert.equal(await runHistorySearch('sys', { sessionsDir: dir, json: true }, json.io), 0);
  const hits = JSON.parse(json.out.stdout) as Array<{ sessionId: string; seq: number; line: number }>;
  assert.deepEqual([hits[0]?.sessionId, hits[0]?.seq, hits[0]?.line], ['aaaaaaaaaaaa', 1, 0]);
  const none = capture();
  assert.equal(await runHistorySearch('zzzz_nothing_here', { sessionsDir: dir }, none.io), 1);
  assert.equal(none.out.stdout, '');
  assert.match(none.out.stderr, /no match for 'zzzz_nothing_here'/);
  await assert.rejects(runHistorySearch('x', { sessionsDir: dir, limit: 'lots' }, none.io), CliError);
});
