// The list's view moves like htop's: it stays while the cursor moves inside it
// and scrolls only as far as needed when the cursor leaves it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { viewTop } from '../../src/ui/widgets/VirtualList.js';

test('a new list is centred on the cursor, within the list', () => {
  assert.equal(viewTop(undefined, 50, 10, 100), 45);
  assert.equal(viewTop(undefined, 2, 10, 100), 0);
  assert.equal(viewTop(undefined, 99, 10, 100), 90);
});

test('the view stays while the cursor moves inside it, and scrolls by one row at its edges', () => {
  let top = viewTop(undefined, 0, 10, 100);
  for (let c = 1; c <= 9; c++) assert.equal((top = viewTop(top, c, 10, 100)), 0, `cursor ${c}`);
  assert.equal((top = viewTop(top, 10, 10, 100)), 1);
  assert.equal((top = viewTop(top, 5, 10, 100)), 1);
  assert.equal((top = viewTop(top, 0, 10, 100)), 0);
});

test('a page jump puts the cursor on the last row; a shorter list pulls the view back', () => {
  assert.equal(viewTop(0, 35, 10, 100), 26);
  assert.equal(viewTop(80, 3, 10, 5), 0);
});
