// `/` filters as you type in Tasks, Log and History, with the match count live.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReplay } from './replay-app.js';

test('Tasks: each typed key narrows the list before Enter, the count follows, Esc restores every task', async () => {
  const app = await renderReplay();
  try {
    await app.waitFor((f) => /TASKS\s+82/.test(f), 'tasks loaded');
    await app.press('4');
    await app.waitFor((f) => /82\/82 tasks/.test(f), 'the Tasks pane');
    await app.press('/', 'h', 't');
    let f = await app.waitFor((f) => /filter: ht/.test(f), 'the live filter after two keys');
    const afterTwo = Number(/(\d+)\/82 tasks/.exec(f)?.[1]);
    assert.ok(afterTwo > 0 && afterTwo < 82, `two keys keep some tasks: ${afterTwo}`);
    assert.match(f, new RegExp(`/ht.*\\s${afterTwo} matches`));
    await app.press('t', 'p', 'd');
    f = await app.waitFor((f) => /filter: httpd/.test(f), 'the live filter after five keys');
    const rows = f.split('\n').filter((l) => /^\s*[› ]\s*\d+\s+\d+\s+\d+\s+[A-Z]{2}\s/.test(l));
    assert.equal(rows.length, Number(/(\d+)\/82 tasks/.exec(f)?.[1]));
    assert.ok(rows.length >= 4, `the four httpd-worker tasks at least: ${rows.length}`);
    for (const r of rows) assert.match(r, /httpd/);
    await app.press('\u007f', '\u007f', '\u007f');
    f = await app.waitFor((f) => /filter: ht(?!t)/.test(f), 'backspace widens the filter again');
    assert.equal(Number(/(\d+)\/82 tasks/.exec(f)?.[1]), afterTwo);
    await app.press('\u001b');
    await app.waitFor((f) => /82\/82 tasks/.test(f) && !f.includes('filter:'), 'Esc clears the filter');
  } finally {
    app.unmount();
  }
});

test('Log: the filter applies while typing, and Enter keeps it', async () => {
  const app = await renderReplay();
  try {
    await app.waitFor((f) => f.includes('OOPS'), 'log loaded');
    await app.press('3', '/', 'l', 'k', 'd');
    let f = await app.waitFor((f) => /filter: lkd \(\d+\)/.test(f), 'the live log filter');
    const n = Number(/filter: lkd \((\d+)\)/.exec(f)?.[1]);
    assert.ok(n > 0);
    for (const r of f.split('\n').filter((l) => /\[\s*\d+\.\d+\]/.test(l))) assert.match(r.toLowerCase(), /lkd/);
    await app.press('\r');
    f = await app.waitFor((f) => /filter: lkd \(\d+\)/.test(f) && !/\s\d+ matches/.test(f), 'the prompt closed, the filter kept');
    assert.equal(Number(/filter: lkd \((\d+)\)/.exec(f)?.[1]), n);
  } finally {
    app.unmount();
  }
});

test('History: typing filters this session’s commands live', async () => {
  const app = await renderReplay();
  try {
    await app.waitFor((f) => /TASKS\s+82/.test(f), 'loaded');
    await app.press('6');
    await app.waitFor((f) => /\d+ exchanges in this session/.test(f), 'the History pane');
    await app.press('/', 'k', 'm', 'e');
    let f = await app.waitFor((f) => /\d+\/\d+ exchanges match "kme"/.test(f), 'the live history filter');
    const [, shown, of] = /(\d+)\/(\d+) exchanges match/.exec(f) ?? [];
    assert.ok(Number(shown) >= 1 && Number(shown) < Number(of), `${shown} of ${of}`);
    assert.match(f, /kmem -i/);
    assert.doesNotMatch(f, /\s(sys|bt|ps|log -m)\s+\d+ lines/);
    await app.press('\u001b');
    f = await app.waitFor((f) => /\d+ exchanges in this session/.test(f), 'Esc shows them all');
    assert.ok(Number(/(\d+) exchanges in this session/.exec(f)?.[1]) >= Number(of));
  } finally {
    app.unmount();
  }
});
