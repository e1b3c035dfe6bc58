import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { ensureSessionsDir, sessionsDir } from '../../src/session/paths.js';
import { readHeader, readSession } from '../../src/session/reader.js';
import { SessionWriter } from '../../src/session/writer.js';
import { exchange, header, tempDir } from './session-helpers.js';

test('sessionsDir: flag > KDVIEW_SESSIONS_DIR > XDG_STATE_HOME > ~/.local/state', () => {
  const env = { KDVIEW_SESSIONS_DIR: '/k', XDG_STATE_HOME: '/x' };
  assert.equal(sessionsDir('/flag', env, '/home/u'), '/flag');
  assert.equal(sessionsDir(undefined, env, '/home/u'), '/k');
  assert.equal(sessionsDir(undefined, { XDG_STATE_HOME: '/x' }, '/home/u'), '/x/kdview/sessions');
  assert.equal(sessionsDir(undefined, { XDG_STATE_HOME: 'relative' }, '/home/u'), '/home/u/.local/state/kdview/sessions');
  assert.equal(sessionsDir(undefined, {}, '/home/u'), '/home/u/.local/state/kdview/sessions');
});

test('the sessions folder is created 0700 and an existing loose one is tightened', async () => {
  const root = await tempDir();
  const dir = await ensureSessionsDir(join(root, 'a', 'sessions'));
  assert.equal((await stat(dir)).mode & 0o777, 0o700);
  const loose = join(root, 'loose');
  await mkdir(loose);
  await chmod(loose, 0o755);
  await ensureSessionsDir(loose);
  assert.equal((await stat(loose)).mode & 0o777, 0o700);
});

test('writer and reader round trip; file 0600 named <time>-<id8>.kdview.jsonl', async () => {
  const dir = await ensureSessionsDir(join(await tempDir(), 'sessions'));
  const h = header({ id: 'a1b2c3d4e5f6', startedAt: '2026-11-26T04:57:28.244Z' });
  const w = await SessionWriter.create(dir, h);
  assert.equal(basename(w.path), '20261126T045728Z-a1b2c3d4.kdview.jsonl');
  await w.appendStartup({ text: 'crash 8.0.2\nWARNING: active task x', warnings: ['WARNING: active task x'], ms: 6090 });
  const r1 = await w.append(exchange('sys', '      KERNEL: /v\n    DUMPFILE: /d'));
  const r2 = await w.append(exchange('bt 99999', 'bt: invalid task or pid value: 99999', { status: 'error', error: 'bt: invalid task or pid value: 99999' }));
  assert.deepEqual([r1.seq, r2.seq], [1, 2]);
  await w.close();
  assert.equal((await stat(w.path)).mode & 0o777, 0o600);
  assert.equal((await stat(dir)).mode & 0o777, 0o700);

  const s = await readSession(w.path);
  assert.deepEqual(s.header, h);
  assert.deepEqual(s.warnings, []);
  assert.deepEqual(s.startup, { type: 'startup', text: 'crash 8.0.2\nWARNING: active task x', warnings: ['WARNING: active task x'], ms: 6090 });
  assert.deepEqual(
    s.exchanges.map((e) => [e.seq, e.command, e.status, e.error]),
    [
      [1, 'sys', 'ok', undefined],
      [2, 'bt 99999', 'error', 'bt: invalid task or pid value: 99999'],
    ],
  );
  assert.equal(s.exchanges[0]?.output, '      KERNEL: /v\n    DUMPFILE: /d');
  assert.deepEqual(await readHeader(w.path), h);
  const lines = (await readFile(w.path, 'utf8')).split('\n');
  assert.equal(lines.length, 5); // header, startup, 2 exchanges, final newline
  assert.equal(JSON.parse(lines[0] ?? '').type, 'header');
});

test('appends made without waiting are serialised in call order, one whole line each', async () => {
  const dir = await tempDir();
  const w = await SessionWriter.create(dir, header());
  const big = 'x'.repeat(300_000);
  const pending = Array.from({ length: 20 }, (_, i) => w.append(exchange(`cmd ${i}`, `${i}${big}`)));
  const records = await Promise.all(pending);
  assert.deepEqual(records.map((r) => r.seq), Array.from({ length: 20 }, (_, i) => i + 1));
  assert.equal(w.count, 20);
  await w.close();
  const s = await readSession(w.path);
  assert.deepEqual(s.warnings, []);
  assert.deepEqual(s.exchanges.map((e) => e.command), Array.from({ length: 20 }, (_, i) => `cmd ${i}`));
  assert.ok(s.exchanges.every((e, i) => e.output === `${i}${big}`));
  await assert.rejects(w.append(exchange('late', '')), /closed/);
});

test('create never overwrites an existing session file', async () => {
  const dir = await tempDir();
  const h = header();
  const w = await SessionWriter.create(dir, h);
  await w.append(exchange('sys', 'x'));
  await w.close();
  await assert.rejects(SessionWriter.create(dir, h), { code: 'EEXIST' });
  assert.equal((await readSession(w.path)).exchanges.length, 1);
});

test('an invalid exchange is refused and the file keeps only whole lines', async () => {
  const dir = await tempDir();
  const w = await SessionWriter.create(dir, header());
  await w.append(exchange('sys', 'ok'));
  await assert.rejects(w.append(exchange('ps', '', { status: 'weird' as never })));
  const r = await w.append(exchange('ps', 'PID'));
  assert.equal(r.seq, 2);
  await w.close();
  const s = await readSession(w.path);
  assert.deepEqual(s.warnings, []);
  assert.deepEqual(s.exchanges.map((e) => e.command), ['sys', 'ps']);
});
