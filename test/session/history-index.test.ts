import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HistoryIndex } from '../../src/session/history-index.js';
import { SessionWriter } from '../../src/session/writer.js';
import { exchange, header, tempDir } from './session-helpers.js';

const BT = [
  'PID: 140      TASK: ffff966481dc6e00  CPU: 0    COMMAND: "lkdtm-trigger"',
  ' #0 [ffff9850402cfb70] machine_kexec at ffffffff8f640560',
  '    [exception RIP: lkdtm_BUG]',
  ' #8 [ffff9850402cfe08] direct_entry.cold at ffffffffc014c2e6 [lkdtm]',
].join('\n');
const SYS = '      KERNEL: /v\n     RELEASE: 6.1.192-kdview\n       PANIC: "kernel BUG at drivers/misc/lkdtm/bugs.c:78!"';

async function twoSessions(): Promise<string> {
  const dir = await tempDir();
  const older = await SessionWriter.create(dir, header({ id: '111111111111', startedAt: '2026-11-20T10:00:00.000Z' }));
  await older.append(exchange('sys', SYS));
  await older.append(exchange('log', '[    7.145339] RIP: 0010:lkdtm_BUG+0x0/0x10 [lkdtm]\n[    7.2] Kernel panic - not syncing: Fatal exception'));
  await older.close();
  const newer = await SessionWriter.create(dir, header({ id: '222222222222', startedAt: '2026-11-26T10:00:00.000Z' }));
  await newer.append(exchange('bt -a', `${BT}\n\nPID: 0  TASK: ffffffff90612600  CPU: 1  COMMAND: "swapper/1"`));
  await newer.append(exchange('bt', BT));
  await newer.append(exchange('echo bt', 'bt'));
  await newer.close();
  return dir;
}

test('finds a command and an output line across two sessions', async () => {
  const index = HistoryIndex.fromDir(await twoSessions());
  const hits = await index.search('lkdtm_BUG');
  const where = hits.map((h) => `${h.sessionId}#${h.seq}:${h.line}`);
  assert.ok(where.includes('222222222222#1:3'), where.join(' '));
  assert.ok(where.includes('222222222222#2:3'), where.join(' '));
  assert.ok(where.includes('111111111111#2:1'), where.join(' '));
  const log = hits.find((h) => h.sessionId === '111111111111');
  assert.equal(log?.snippet, '[    7.145339] RIP: 0010:lkdtm_BUG+0x0/0x10 [lkdtm]');
  assert.equal(log?.command, 'log');
  assert.equal(log?.dump, '/dumps/bug/vmcore');
  assert.match(log?.sessionPath ?? '', /20261120T100000Z-11111111\.kdview\.jsonl$/);

  const sys = await index.search('sys');
  assert.deepEqual([sys[0]?.sessionId, sys[0]?.seq, sys[0]?.line, sys[0]?.command], ['111111111111', 1, 0, 'sys']);
  assert.deepEqual(index.warnings, []);
});

test('an exact command match ranks first, ahead of output lines and longer commands', async () => {
  const index = HistoryIndex.fromDir(await twoSessions());
  const hits = await index.search('bt');
  assert.deepEqual([hits[0]?.command, hits[0]?.line, hits[0]?.score], ['bt', 0, 0]);
  assert.ok(hits.slice(1).every((h) => !(h.command === 'bt' && h.line === 0)));
  assert.ok(hits.some((h) => h.command === 'bt -a' && h.line === 0), 'the longer command is found too');
  assert.ok(hits.some((h) => h.command === 'echo bt' && h.line === 1), 'and the output line "bt"');
});

test('a misspelt function name still finds it; nothing found gives an empty list', async () => {
  const index = HistoryIndex.fromDir(await twoSessions());
  const hits = await index.search('lkdtm_BGU');
  assert.ok(hits.length > 0);
  assert.ok(hits.every((h) => /lkdtm_BUG/.test(h.snippet)), hits.map((h) => h.snippet).join(' | '));
  assert.deepEqual(await index.search('zzzz_no_such_thing_qq'), []);
  assert.deepEqual(await index.search('   '), []);
});

test('multi-word queries match the phrase, then all words on one line; the limit holds', async () => {
  const index = HistoryIndex.fromDir(await twoSessions());
  const phrase = await index.search('kernel panic');
  assert.equal(phrase[0]?.snippet, '[    7.2] Kernel panic - not syncing: Fatal exception');
  const words = await index.search('lkdtm-trigger COMMAND');
  assert.ok(words.length >= 2 && words.every((h) => h.snippet.includes('"lkdtm-trigger"')));
  assert.equal((await index.search('ffff', { limit: 2 })).length, 2);
});
