import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import { runParse } from '../../src/cli/parse-command.js';
import { CRASH_DIR } from './fixture-cases.js';

function io(stdinText = '', isTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  return { io: { stdout, stderr, stdin: Readable.from([stdinText]), isTTY }, out: () => out.join(''), err: () => err.join('') };
}

test('parse ps FILE prints the model as JSON when stdout is not a TTY', async () => {
  const t = io();
  const code = await runParse('ps', join(CRASH_DIR, 'bug', 'ps.txt'), {}, t.io);
  assert.equal(code, 0);
  const doc = JSON.parse(t.out()) as { kind: string; value: { tasks: { comm: string }[] }; diagnostics: unknown[] };
  assert.equal(doc.kind, 'ps');
  assert.equal(doc.value.tasks.length, 82);
  assert.deepEqual(doc.diagnostics, []);
  assert.equal(t.err(), '');
});

test('parse reads stdin for "-" and for no FILE', async () => {
  for (const file of ['-', undefined]) {
    const t = io('[    7.144839] kernel BUG at drivers/misc/lkdtm/bugs.c:78!\n');
    assert.equal(await runParse('log', file, { json: true }, t.io), 0);
    const doc = JSON.parse(t.out()) as { value: { timestamp: number; text: string }[] };
    assert.deepEqual(doc.value.map((r) => [r.timestamp, r.text]), [[7.144839, 'kernel BUG at drivers/misc/lkdtm/bugs.c:78!']]);
  }
});

test('parse prints a short human summary on a TTY, diagnostics on stderr', async () => {
  const t = io('', true);
  assert.equal(await runParse('oops', join(CRASH_DIR, 'bug', 'log.txt'), {}, t.io), 0);
  assert.equal(t.out(), 'kernel BUG in lkdtm_BUG [pid 140 lkdtm-trigger] (records 277-310)\nwhy: panic-on-oops: kernel BUG at drivers/misc/lkdtm/bugs.c:78!\n');
  const b = io('', true);
  assert.equal(await runParse('bt', join(CRASH_DIR, 'bug', 'bt-bad.txt'), {}, b.io), 0);
  assert.equal(b.out(), '');
  assert.match(b.err(), /line 1: error: bt: invalid task or pid value: 99999/);
  const p = io('', true);
  assert.equal(await runParse('ps', join(CRASH_DIR, 'bug', 'ps.txt'), { json: false }, p.io), 0);
  assert.match(p.out(), /^82 tasks: RU 5, IN 52, ID 24, UN 1\nactive: 98 cruncher, 140 lkdtm-trigger\n$/);
});

test('an unknown kind exits 2 with one line listing the known kinds', async () => {
  const t = io();
  assert.equal(await runParse('vm', undefined, {}, t.io), 2);
  assert.equal(t.out(), '');
  assert.equal(t.err(), 'kdview parse: unknown kind "vm"; known: sys, bt, log, ps, kmem-i, mod, runq, oops\n');
});

test('an unreadable file exits 2 with one line', async () => {
  const t = io();
  assert.equal(await runParse('sys', '/nonexistent/sys.txt', {}, t.io), 2);
  assert.equal(t.err().split('\n').length, 2);
  assert.match(t.err(), /^kdview parse: cannot read \/nonexistent\/sys\.txt: ENOENT/);
});
