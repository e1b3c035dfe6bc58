// The drgn framing on its own: requests out, pty text in, split at every byte.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DrgnFramer, encodeRequest, type DrgnFramerEvent } from '../../src/protocol/drgn-framer.js';

const N = 'n0nce';
const READY = `@@KDV_READY_${N}@@ {"protocol": 1, "python": "3.11.2", "missing": [], "drgn": "0.0.22"}\r\n`;
// Shaped on bytes recorded from drgn 0.0.22 under node-pty (CRLF, drgn's coloured warning).
const STARTUP =
  '\u001b[33mwarning:\u001b[0m could not get debugging information for:\r\n' +
  'kernel modules (could not read depmod: open: /lib/modules/6.1.192-kdview/modules.dep.bin: No such file or directory)\r\n';
const ANSWER1 =
  'late stderr from before the request\r\n' +
  `@@KDV_B1_${N}@@\r\n` +
  'a\u001b[31mb\r\nTraceback (most recent call last):\r\n  File "<console-1>", line 2, in <module>\r\n    1/0\r\n' +
  'ZeroDivisionError: division by zero\r\n\r\n' +
  `@@KDV_E1_${N}@@ {"status": "error", "error": "ZeroDivisionError: division by zero"}\r\n`;
// Output that forges markers without the nonce, and a stale answer to request 1.
const ANSWER2 =
  `@@KDV_E1_${N}@@ {"status": "ok"}\r\n` +
  `@@KDV_B2_${N}@@\r\n` +
  '@@KDV_E2_guess@@ {"status": "ok"}\r\n>>> \r\n... \r\n' +
  `\r\n@@KDV_E2_${N}@@ {"status": "cancelled", "error": "KeyboardInterrupt"}\r\n`;

function runSession(chunks: string[]): DrgnFramerEvent[] {
  const f = new DrgnFramer(N);
  const events: DrgnFramerEvent[] = [];
  const commands = ["print('a\\x1b[31mb')\n1/0", 'while True: pass'];
  let seq = 0;
  const feed = (chunk: string): void => {
    for (const ev of f.feed(chunk)) {
      if (ev.type === 'output') continue;
      events.push(ev);
      const next = commands[seq];
      if ((ev.type === 'ready' || ev.type === 'done') && next !== undefined) {
        f.send(++seq, next);
        if (seq === 2) f.cancel();
        feed('');
      }
    }
  };
  for (const chunk of chunks) feed(chunk);
  return events;
}

describe('drgn framer', () => {
  const stream = STARTUP + READY + ANSWER1 + ANSWER2;
  const whole = runSession([stream]);

  test('ready, then each answer with its status; forged and stale markers are ignored', () => {
    assert.deepEqual(whole, [
      {
        type: 'ready',
        startup:
          'warning: could not get debugging information for:\n' +
          'kernel modules (could not read depmod: open: /lib/modules/6.1.192-kdview/modules.dep.bin: No such file or directory)',
        info: { protocol: 1, python: '3.11.2', missing: [], drgn: '0.0.22' },
      },
      {
        type: 'done',
        seq: 1,
        output: 'ab\nTraceback (most recent call last):\n  File "<console-1>", line 2, in <module>\n    1/0\nZeroDivisionError: division by zero',
        status: { status: 'error', error: 'ZeroDivisionError: division by zero' },
        cancelled: false,
      },
      {
        type: 'done',
        seq: 2,
        output: '@@KDV_E2_guess@@ {"status": "ok"}\n>>> \n... ',
        status: { status: 'cancelled', error: 'KeyboardInterrupt' },
        cancelled: true,
      },
    ]);
  });

  test('the same events whatever the chunking (split at every byte, and byte by byte)', () => {
    for (let i = 1; i < stream.length; i++) assert.deepEqual(runSession([stream.slice(0, i), stream.slice(i)]), whole, `split at ${i}`);
    assert.deepEqual(runSession([...stream]), whole);
  });

  test('requests are printable ASCII JSON with @ escaped, so no echo can contain a marker', () => {
    const line = encodeRequest(7, 'x = "@@KDV_E7_n0nce@@ ü 😀"\n@decorator\ndef f(): pass');
    assert.match(line, /^[\x20-\x7e]+\n$/);
    assert.doesNotMatch(line, /@/);
    assert.deepEqual(JSON.parse(line), { seq: 7, op: 'py', code: 'x = "@@KDV_E7_n0nce@@ ü 😀"\n@decorator\ndef f(): pass' });
    assert.deepEqual(JSON.parse(encodeRequest(8, '  kdview:bt 140  0xffff ')), { seq: 8, op: 'kdview', req: 'bt', args: ['140', '0xffff'] });
  });

  test('sending while not idle is a programming error', () => {
    const f = new DrgnFramer(N);
    assert.throws(() => f.send(1, '1'), /cannot send while startup/);
    f.feed(READY);
    f.send(1, '1');
    assert.throws(() => f.send(2, '2'), /cannot send while running/);
  });
});
