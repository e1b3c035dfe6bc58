// The search index behind live filtering: narrowing the previous hits as the
// query grows gives the same answer as a fresh scan; backspace and case too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { searchIndexes } from '../../src/tui/search.js';

const words = Array.from({ length: 5000 }, (_, i) => `Task-${i} ${['alpha', 'beta', 'gamma', 'delta'][i % 4]} ${i % 7 === 0 ? 'SEVEN' : ''}`);
const text = (s: string) => s;
const fresh = (q: string) => words.map((w, i) => [w.toLowerCase(), i] as const).filter(([w]) => w.includes(q.toLowerCase())).map(([, i]) => i);

test('typing one key at a time gives the same hits as a fresh scan at every step', () => {
  const list = [...words];
  let q = '';
  for (const ch of 'task-1 be') {
    q += ch;
    assert.deepEqual(searchIndexes(list, text, q), fresh(q), `query ${JSON.stringify(q)}`);
  }
  for (let n = q.length - 1; n > 0; n--) assert.deepEqual(searchIndexes(list, text, q.slice(0, n)), fresh(q.slice(0, n)), `backspace to ${q.slice(0, n)}`);
});

test('case does not matter; an empty query filters nothing; a typo falls back to fuzzy hits in list order', () => {
  const list = [...words];
  assert.deepEqual(searchIndexes(list, text, 'SEVEN'), fresh('seven'));
  assert.equal(searchIndexes(list, text, '   '), undefined);
  const fuzzy = searchIndexes(list, text, 'gamam') ?? [];
  assert.ok(fuzzy.length > 0, 'fuzzy hits for a transposition');
  assert.deepEqual(fuzzy, [...fuzzy].sort((a, b) => a - b));
  assert.ok(fuzzy.every((i) => (words[i] as string).includes('gamma')), 'the fuzzy hits are the gamma rows');
});

test('a new list (another sort or filter) gets its own index', () => {
  const a = ['apple', 'banana'];
  const b = ['banana', 'apple'];
  assert.deepEqual(searchIndexes(a, text, 'app'), [0]);
  assert.deepEqual(searchIndexes(b, text, 'app'), [1]);
});
