// The `?` overlay's key column never runs into the description.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import React from 'react';
import { HelpOverlay, keyCell } from '../../src/ui/HelpOverlay.js';
import { KEYMAP } from '../../src/tui/keymap.js';

test('every binding shows its keys, then a space, then its description', () => {
  for (const width of [100, 160]) {
    const inst = render(React.createElement(HelpOverlay, { width, height: 60 }));
    const frame = inst.lastFrame() ?? '';
    inst.unmount();
    for (const b of KEYMAP) {
      const keys = b.keys.join(', ');
      const line = frame.split('\n').find((l) => l.includes(b.description) && l.includes(keys.slice(0, 6)));
      assert.ok(line, `a line for ${b.command} at width ${width}:\n${frame}`);
      assert.ok(!line.includes(`${keys}${b.description}`), `keys run into the description: ${line}`);
    }
    assert.doesNotMatch(frame, /spacepage down/);
  }
});

test('a key list longer than its column is cut with an ellipsis and still ends in a space', () => {
  assert.equal(keyCell(['pagedown', 'space'], 10), 'pagedown…'.padEnd(10));
  assert.equal(keyCell(['q'], 4), 'q   ');
  assert.ok(keyCell(['a-very-long-key-name'], 8).endsWith(' '));
});
