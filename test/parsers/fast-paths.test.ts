// The fast readers (ps rows, bt frames and registers, task headers, stamped log lines) are shortcuts:
// whenever one accepts a line, the reference reader must read it the
// same way. Checked on every real fixture line and on seeded mutations of them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FrameCache } from '../../src/parsers/bt/frame-cache.js';
import { readFrameFast } from '../../src/parsers/bt/frame-fast.js';
import { readFrameReference } from '../../src/parsers/bt/frame-reference.js';
import { readRegisterRowFast, readRegisters } from '../../src/parsers/bt/registers-fast.js';
import { readRegistersReference } from '../../src/parsers/bt/registers-reference.js';
import { FastLogReader } from '../../src/parsers/log/fast.js';
import { LogPrefixReader } from '../../src/parsers/log/reference.js';
import { codesOf, wordsOf, type Codes } from '../../src/parsers/codes.js';
import { readRowsFast } from '../../src/parsers/ps/fast.js';
import { DEFAULT_COLUMNS, DEFAULT_LAYOUT, layoutOf } from '../../src/parsers/ps/layout.js';
import { parsePs } from '../../src/parsers/ps/parse.js';
import { readReferenceRow } from '../../src/parsers/ps/reference.js';
import { readTaskHeaderFast, readTaskHeaderReference } from '../../src/parsers/task-header.js';
import { TextWindow } from '../../src/parsers/text-window.js';
import { crashCases } from './fixture-cases.js';

const lines = crashCases().flatMap((c) => readFileSync(c.file, 'utf8').split('\n'));

/** The char codes of the text through a TextWindow, as the parsers read it, and their offset. */
function window(text: string): [Codes, number] {
  const w = new TextWindow(text);
  w.cover(0, text.length);
  return [w.codes, w.base];
}

function* mutations(line: string, seed: number): Generator<string> {
  yield line;
  let x = seed;
  const next = (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x % Math.max(n, 1);
  };
  for (let k = 0; k < 40; k++) {
    const p = next(line.length);
    switch (next(5)) {
      case 0: yield line.slice(0, p) + line.slice(p + 1); break;
      case 1: yield `${line.slice(0, p)} ${line.slice(p)}`; break;
      case 2: yield line.slice(0, p) + String.fromCharCode(33 + next(90)) + line.slice(p + 1); break;
      case 3: yield line.slice(0, p); break;
      default: yield `${line.slice(0, p)}-${line.slice(p)}`;
    }
  }
}

test('ps: the fast row reader agrees with the reference reader', () => {
  const header = lines.find((l) => l.trimStart().startsWith('PID ') && l.includes('COMM'));
  assert.ok(header);
  assert.equal(layoutOf(header), DEFAULT_LAYOUT);
  let fast = 0;
  lines.forEach((line, n) => {
    for (const m of mutations(line, n)) {
      const words = wordsOf(codesOf(m));
      if (words === undefined) continue;
      const { rows, next } = readRowsFast(m, words, 0);
      const [row] = rows;
      if (!row) continue;
      fast++;
      assert.deepEqual([rows.length, next], [1, m.length + 1], JSON.stringify(m));
      assert.deepEqual(row, readReferenceRow(m, DEFAULT_COLUMNS), JSON.stringify(m));
    }
  });
  assert.ok(fast > 200, `fast path used ${fast} times`);
});

test('ps: a whole table reads the same through the fast reader and the reference reader alone', () => {
  for (const c of crashCases().filter((x) => /\/ps[^/]*\.txt$/.test(x.file))) {
    const text = readFileSync(c.file, 'utf8');
    // A wide char anywhere sends every row to the reference reader.
    const wide = parsePs(`${text}\n\u0100`);
    const plain = parsePs(text);
    assert.deepEqual(wide.value.tasks, plain.value.tasks, c.file);
  }
});

test('bt: the fast frame reader agrees with the reference reader, with and without its frame cache', () => {
  let fast = 0;
  // One cache over all lines, as over one long output: real lines repeat, so many frames come from it.
  const cache = new FrameCache();
  for (let pass = 0; pass < 2; pass++) {
    lines.forEach((line, n) => {
      for (const m of mutations(line, n)) {
        const i = m.indexOf('#');
        if (i === -1) continue;
        const [c, o] = window(m);
        const f = readFrameFast(m, c, o, i, m.length);
        assert.deepEqual(readFrameFast(m, c, o, i, m.length, cache), f, JSON.stringify(m));
        // A text with wide chars elsewhere is read through UTF-16 codes: the same frame.
        const [wc, wo] = window(`${m}\n\u0100`);
        assert.deepEqual(readFrameFast(`${m}\n\u0100`, wc, wo, i, m.length), f, JSON.stringify(m));
        if (!f) continue;
        fast++;
        assert.deepEqual(f, readFrameReference(m, i, m.length), JSON.stringify(m));
      }
    });
  }
  assert.ok(fast > 2000, `fast path used ${fast} times`);
  assert.ok(cache.hits > 1000, `frame cache used ${cache.hits} times`);
});

test('task headers: the fast reader agrees with the reference reader', () => {
  let fast = 0;
  lines.forEach((line, n) => {
    for (const m of mutations(line, n)) {
      const i = m.indexOf('PID:');
      if (i === -1) continue;
      const h = readTaskHeaderFast(m, i, m.length);
      if (!h) continue;
      fast++;
      assert.deepEqual(h, readTaskHeaderReference(m, i, m.length), JSON.stringify(m));
    }
  });
  assert.ok(fast > 300, `fast path used ${fast} times`);
});

test('log: the fast stamped-line reader agrees with the reference prefix reader', () => {
  const dmesg = readdirSync('fixtures/dmesg').filter((f) => !f.endsWith('.json'));
  const logLines = [...lines, ...dmesg.flatMap((f) => readFileSync(join('fixtures/dmesg', f), 'utf8').split('\n'))].filter((l) => l.startsWith('['));
  let fast = 0;
  const reader = new FastLogReader();
  const reference = new LogPrefixReader();
  logLines.forEach((line, n) => {
    for (const m of mutations(line, n)) {
      const t = reader.textStart(m, 0, m.length);
      if (t === -1) continue;
      fast++;
      assert.equal(t, reference.read(m, 0), JSON.stringify(m));
      const { timestamp, wallclock, caller, level, facility } = reference;
      assert.deepEqual({ timestamp, wallclock, caller, level, facility }, { timestamp: reader.seconds, wallclock: undefined, caller: undefined, level: undefined, facility: undefined }, JSON.stringify(m));
    }
  });
  assert.ok(fast > 2000, `fast path used ${fast} times`);
});

test('bt: the fast x86_64 register-row reader agrees with the reference reader', () => {
  let fast = 0;
  lines.forEach((line, n) => {
    for (const m of mutations(line, n)) {
      const i = m.length - m.trimStart().length;
      const general: string[] = [];
      const ok = readRegistersReference(m, i, m.length, general);
      const [c, o] = window(m);
      const pairs: string[] = [];
      assert.equal(readRegisters(m, c, o, i, m.length, pairs), ok, JSON.stringify(m));
      assert.deepEqual(pairs, ok ? general : [], JSON.stringify(m));
      const row: string[] = [];
      if (!readRegisterRowFast(m, c, o, i, m.length, row)) continue;
      fast++;
      assert.deepEqual(row, general, JSON.stringify(m));
    }
  });
  assert.ok(fast > 500, `row reader used ${fast} times`);
});
