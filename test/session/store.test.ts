import assert from 'node:assert/strict';
import { appendFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { CliError } from '../../src/model/user-error.js';
import { listSessions, resolveSession } from '../../src/session/store.js';
import { SessionWriter } from '../../src/session/writer.js';
import { exchange, header, tempDir } from './session-helpers.js';

async function make(dir: string, id: string, startedAt: string, n: number): Promise<string> {
  const w = await SessionWriter.create(dir, header({ id, startedAt }));
  await w.appendStartup({ text: 'crash 8.0.2', warnings: [], ms: 10 });
  for (let i = 0; i < n; i++) await w.append(exchange(`cmd ${i}`, 'out\nput'));
  await w.close();
  return w.path;
}

test('lists sessions newest first with exchange counts; skips damage with a warning', async () => {
  const dir = await tempDir();
  const old = await make(dir, 'aaaa11112222', '2026-11-20T10:00:00.000Z', 2);
  const newest = await make(dir, 'bbbb11112222', '2026-11-26T10:00:00.000Z', 3);
  const middle = await make(dir, 'aaaa33334444', '2026-11-22T10:00:00.000Z', 0);
  await appendFile(newest, '{"type":"exchange","seq":4,"comm'); // torn: not counted
  await writeFile(join(dir, 'broken.kdview.jsonl'), 'not json\n');
  await writeFile(join(dir, 'notes.txt'), 'ignored');
  const { sessions, warnings } = await listSessions(dir);
  assert.deepEqual(sessions.map((s) => s.path), [newest, middle, old]);
  assert.deepEqual(sessions.map((s) => s.exchangeCount), [3, 0, 2]);
  assert.deepEqual(sessions.map((s) => s.id), ['bbbb11112222', 'aaaa33334444', 'aaaa11112222']);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /^skipped broken\.kdview\.jsonl: .*not a kdview session/);
  assert.deepEqual(await listSessions(join(dir, 'nope')), { sessions: [], warnings: [] });
});

test('resolves a path, an id, a unique id prefix and a file-name prefix', async () => {
  const dir = await tempDir();
  const a = await make(dir, 'aaaa11112222', '2026-11-20T10:00:00.000Z', 1);
  const b = await make(dir, 'aaaa33334444', '2026-11-22T10:00:00.000Z', 1);
  assert.equal(await resolveSession(a, '/elsewhere'), a);
  assert.equal(await resolveSession('aaaa33334444', dir), b);
  assert.equal(await resolveSession('aaaa1', dir), a);
  assert.equal(await resolveSession('20261122', dir), b);
  assert.equal(await resolveSession(basename(a).slice(0, 20), dir), a);
});

test('an ambiguous prefix lists the candidates; no match says where it looked', async () => {
  const dir = await tempDir();
  await make(dir, 'aaaa11112222', '2026-11-20T10:00:00.000Z', 1);
  await make(dir, 'aaaa33334444', '2026-11-22T10:00:00.000Z', 1);
  await assert.rejects(
    resolveSession('aaaa', dir),
    (e: unknown) =>
      e instanceof CliError &&
      /^session 'aaaa' is ambiguous: it matches /.test(e.message) &&
      e.message.includes('aaaa11112222') &&
      e.message.includes('aaaa33334444'),
  );
  await assert.rejects(resolveSession('ffff', dir), (e: unknown) => e instanceof CliError && e.message.includes(`no session matches 'ffff' in ${dir}`));
  await assert.rejects(resolveSession('./missing.kdview.jsonl', dir), (e: unknown) => e instanceof CliError && /no such file/.test(e.message));
});
