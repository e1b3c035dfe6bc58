// A fault raised while an atomic-context report prints (inside ___might_sleep,
// before the report's own stack) is a crash inside that report: one report,
// titled by the atomic-context bug. A fault after the report's stack is a
// report of its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeOopsText } from '../../src/parsers/index.js';

const corpus = (id: string): string => readFileSync(join(process.cwd(), 'fixtures', 'oops', `${id}.txt`), 'utf8');

test('a paging fault inside ___might_sleep joins the sleeping-in-atomic report it interrupted', () => {
  const a = analyzeOopsText(corpus('atomic-sleep-do-page-fault-riscv64')).value;
  assert.equal(a.oopses.length, 1, a.oopses.map((o) => o.title).join(' | '));
  const o = a.oopses[0];
  assert.equal(o?.type, 'atomic-sleep');
  assert.equal(o?.function, 'do_page_fault');
  assert.equal(o?.title, 'BUG: sleeping function called from invalid context in do_page_fault');
});

test('a fault after a complete sleeping-in-atomic report is a report of its own, and the fatal one', () => {
  const text = `${corpus('atomic-sleep-lzfs-vnop-write-might-fault')}${corpus('page-fault-arc-buf-destroy-impl-zfs-excerpt')}`;
  const a = analyzeOopsText(text).value;
  assert.deepEqual(a.oopses.map((o) => o.type), ['atomic-sleep', 'page-fault']);
  assert.equal(a.oopses[0]?.function, 'lzfs_vnop_write');
  assert.equal(a.primary, 1);
  assert.equal(a.oopses[1]?.function, 'arc_buf_destroy_impl');
});

test('a fault header far below an atomic-context header (outside the window) is not folded into it', () => {
  const lines = corpus('atomic-sleep-do-page-fault-riscv64').split('\n');
  const filler = Array.from({ length: 6 }, (_, i) => `note: unrelated console line ${i}`);
  const text = [lines[0], lines[1], ...filler, ...lines.slice(2)].join('\n');
  const a = analyzeOopsText(text).value;
  assert.ok(a.oopses.length >= 2, a.oopses.map((o) => o.title).join(' | '));
  assert.equal(a.oopses.find((o) => o.primary)?.type, 'paging-request');
});
