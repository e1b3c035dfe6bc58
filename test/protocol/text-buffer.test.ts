// TextBuffer: the chunk list the crash framer scans instead of one growing string.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextBuffer } from '../../src/protocol/text-buffer.js';

const NEEDLE = '@@KDV_E7_abc@@';

test('a needle split over chunks at every position is found at its offset', () => {
  const text = `${'x'.repeat(50)}${NEEDLE}\r\nrest`;
  for (let a = 1; a < text.length; a++) {
    for (const b of [a + 1, a + 5, text.length - 1]) {
      if (b <= a || b >= text.length) continue;
      const buf = new TextBuffer();
      let at: number | undefined;
      for (const piece of [text.slice(0, a), text.slice(a, b), text.slice(b)]) {
        buf.push(piece);
        at ??= buf.find(NEEDLE);
      }
      assert.equal(at, 50, `split at ${a},${b}`);
      assert.equal(buf.text(), text);
    }
  }
});

test('text searched before is not searched again, and a hit is sticky', () => {
  const buf = new TextBuffer();
  buf.push('aaaa');
  assert.equal(buf.find('aaaa'), 0);
  buf.push('aaaa');
  assert.equal(buf.find('aaaa'), 0, 'the first hit stays');
  const fresh = new TextBuffer();
  fresh.push('no match here');
  assert.equal(fresh.find(NEEDLE), undefined);
  fresh.push(` then ${NEEDLE}`);
  assert.equal(fresh.find(NEEDLE), 'no match here then '.length);
});

test('a new needle (a cancel sentinel) is looked for in new text too', () => {
  const buf = new TextBuffer();
  buf.push('output before the cancel ');
  assert.equal(buf.find('@@KDV_E1_n@@'), undefined);
  buf.push('@@KDV_C1x1_n');
  buf.push('@@\r\n');
  assert.equal(buf.find('@@KDV_C1x1_n@@'), 'output before the cancel '.length);
});

test('tail, reset and length', () => {
  const buf = new TextBuffer();
  for (const c of ['ab', 'cd', 'ef']) buf.push(c);
  assert.equal(buf.length, 6);
  assert.equal(buf.tail(3), 'def');
  assert.equal(buf.tail(99), 'abcdef');
  buf.reset('zz');
  assert.equal(buf.text(), 'zz');
  assert.equal(buf.length, 2);
  buf.push('');
  assert.equal(buf.tail(1), 'z');
});
