import assert from 'node:assert/strict';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CliError } from '../../src/model/user-error.js';
import { readHeader, readSession } from '../../src/session/reader.js';
import { SessionWriter } from '../../src/session/writer.js';
import { exchange, header, tempDir } from './session-helpers.js';

async function sessionWith(commands: string[]): Promise<string> {
  const w = await SessionWriter.create(await tempDir(), header());
  for (const c of commands) await w.append(exchange(c, `output of ${c}`));
  await w.close();
  return w.path;
}

test('a torn last line is skipped with a line-numbered warning; the rest loads', async () => {
  const path = await sessionWith(['sys', 'bt', 'ps']);
  await appendFile(path, '{"type":"exchange","seq":4,"command":"log","out');
  const s = await readSession(path);
  assert.deepEqual(s.exchanges.map((e) => e.command), ['sys', 'bt', 'ps']);
  assert.deepEqual(s.warnings, ['line 5: incomplete last line, not valid JSON, skipped']);
});

test('a corrupt middle line is skipped with its line number; later lines still load', async () => {
  const path = await sessionWith(['sys', 'bt', 'ps', 'log']);
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines[2] = lines[2]!.slice(0, 20) + '\u0000garbage';
  lines[4] = JSON.stringify({ type: 'exchange', seq: 'four', command: 'log' });
  await writeFile(path, lines.join('\n'));
  const s = await readSession(path);
  assert.deepEqual(s.exchanges.map((e) => e.command), ['sys', 'ps']);
  assert.equal(s.warnings.length, 2);
  assert.equal(s.warnings[0], 'line 3: not valid JSON, skipped');
  assert.match(s.warnings[1] ?? '', /^line 5: not a valid exchange \(seq: .+\), skipped$/);
});

test('an unknown record type is skipped, not fatal', async () => {
  const path = await sessionWith(['sys']);
  await appendFile(path, '{"type":"bookmark","seq":1}\n');
  const s = await readSession(path);
  assert.equal(s.exchanges.length, 1);
  assert.deepEqual(s.warnings, ['line 3: unknown record type "bookmark", skipped']);
});

test('a newer format version is refused with an upgrade message, never misread', async () => {
  const dir = await tempDir();
  const path = join(dir, 'future.kdview.jsonl');
  const h = { ...header(), version: 2, newField: { x: 1 } };
  await writeFile(path, `${JSON.stringify(h)}\n${JSON.stringify({ type: 'exchange', seq: 1 })}\n`);
  const expected = (err: unknown) =>
    err instanceof CliError &&
    err.message === `session ${path} was written by a newer kdview (format version 2); upgrade kdview`;
  await assert.rejects(readSession(path), expected);
  await assert.rejects(readHeader(path), expected);
});

test('a file without a valid header is refused with one line', async () => {
  const dir = await tempDir();
  const notJson = join(dir, 'a.kdview.jsonl');
  await writeFile(notJson, 'hello\n');
  await assert.rejects(readSession(notJson), (e: unknown) => e instanceof CliError && /is not a kdview session \(line 1/.test(e.message));
  const empty = join(dir, 'b.kdview.jsonl');
  await writeFile(empty, '');
  await assert.rejects(readHeader(empty), (e: unknown) => e instanceof CliError && /is not a kdview session/.test(e.message));
  const badField = join(dir, 'c.kdview.jsonl');
  await writeFile(badField, `${JSON.stringify({ ...header(), dump: { path: '/d', size: 'big', mtime: 'x' } })}\n`);
  await assert.rejects(readSession(badField), (e: unknown) => e instanceof CliError && /invalid header \(dump\.size: /.test(e.message) && !e.message.includes('\n'));
  await assert.rejects(readSession(join(dir, 'missing.kdview.jsonl')), (e: unknown) => e instanceof CliError && /no such file/.test(e.message));
});
