// The key table is data: the README's table and the help overlay come from it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { KEYMAP, keymapMarkdown, lookupKey } from '../../src/tui/keymap.js';

test('the README carries the key table generated from the keymap', () => {
  assert.ok(readFileSync('README.md', 'utf8').includes(keymapMarkdown()), 'run `node scripts/keys-table.mjs` and paste it into the README');
});

test('pane bindings win over global ones, and no key is bound twice in one scope', () => {
  assert.equal(lookupKey('u', 'tasks'), 'tasks-un');
  assert.equal(lookupKey('u', 'log'), undefined);
  assert.equal(lookupKey('p', 'log'), 'log-jump-oops');
  assert.equal(lookupKey('j', 'tasks'), 'down');
  const seen = new Set<string>();
  for (const b of KEYMAP)
    for (const k of b.keys) {
      const id = `${b.scope}:${k}`;
      assert.ok(!seen.has(id), `${id} bound twice`);
      seen.add(id);
    }
});
