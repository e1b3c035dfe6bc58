// The TUI rendered with ink-testing-library on the bundled real session.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyFromDir } from '../../src/core/history-source.js';
import { renderReplay } from './replay-app.js';

const PANIC = 'kernel BUG at drivers/misc/lkdtm/bugs.c:78!';

test('the Summary shows the panic, the oops title, the task and the hung task', async () => {
  const app = await renderReplay();
  try {
    const f = await app.waitFor((f) => f.includes(PANIC) && /TASKS\s+82/.test(f) && f.includes('OOPS'), 'the summary');
    assert.match(f, /OOPS\s+kernel BUG in lkdtm_BUG/);
    assert.match(f, /TASK\s+PID 140\s+lkdtm-trigger\s+on CPU 0/);
    assert.match(f, /HUNG \(UN\)\s+106 flusher/);
    assert.match(f, /REPLAY/);
  } finally {
    app.unmount();
  }
});

test('Tasks: u keeps only the UN task; Enter opens its backtrace', async () => {
  const app = await renderReplay();
  try {
    await app.waitFor((f) => /TASKS\s+82/.test(f), 'tasks loaded');
    await app.press('4');
    await app.waitFor((f) => f.includes('PPID  CPU  ST'), 'the Tasks pane');
    await app.press('u');
    let f = await app.waitFor((f) => f.includes('state: UN'), 'the UN filter');
    assert.match(f, /1\/82 tasks/);
    assert.match(f, /›\s+106\s+1\s+1\s+UN\s+\d+\s+flusher/);
    await app.press('\r');
    f = await app.waitFor((f) => f.includes('COMMAND: "flusher"'), 'the flusher backtrace');
    assert.match(f, /#0 __schedule/);
  } finally {
    app.unmount();
  }
});

test('Log: p lands on the first crash report; / filters fuzzily; Esc clears', async () => {
  const app = await renderReplay();
  try {
    await app.waitFor((f) => f.includes('OOPS'), 'log loaded');
    await app.press('3', 'p');
    let f = await app.waitFor((f) => /›▌\[\s*[\d.]+\] (------------\[ cut here|kernel BUG)/.test(f), 'the jump to the oops');
    await app.press('/', 'l', 'k', 'd', 't', 'm', '\r');
    f = await app.waitFor((f) => f.includes('filter: lkdtm'), 'the filter');
    const rows = f.split('\n').filter((l) => /\[\s*\d+\.\d+\]/.test(l));
    assert.ok(rows.length > 0);
    for (const r of rows) assert.match(r.toLowerCase(), /lkdtm/);
    await app.press('\u001b');
    f = await app.waitFor((f) => !f.includes('filter: lkdtm'), 'the filter cleared');
  } finally {
    app.unmount();
  }
});

test('Backtrace: exception frames expand to their registers; a toggles bt -a', async () => {
  const app = await renderReplay();
  try {
    await app.waitFor((f) => f.includes('OOPS'), 'loaded');
    await app.press('2');
    await app.waitFor((f) => f.includes('COMMAND: "lkdtm-trigger"'), 'the crashing task');
    // Move to the asm_exc_invalid_op frame (#7): header row + 8 frames.
    await app.press('j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', '\r');
    let f = await app.waitFor((f) => /RIP: ffffffffc014b3d0/.test(f), 'the registers');
    assert.match(f, /RSP: ffff9850402cfe08/);
    await app.press('a');
    f = await app.waitFor((f) => f.includes('bt -a: every CPU'), 'bt -a view');
    assert.match(f, /COMMAND: "cruncher"|COMMAND: "lkdtm-trigger"/);
  } finally {
    app.unmount();
  }
});

test('the Console answers a command that is not in the recording; ? shows the keymap', async () => {
  const app = await renderReplay();
  try {
    await app.waitFor((f) => f.includes('OOPS'), 'loaded');
    await app.press(':', 'files\r');
    let f = await app.waitFor((f) => f.includes('not in this recording: files'), 'the answer');
    assert.match(f, /crash> files/);
    await app.press('?');
    f = await app.waitFor((f) => f.includes('Keys (Esc or ? to close)'), 'the help overlay');
    assert.match(f, /show only UN \(hung\) tasks/);
  } finally {
    app.unmount();
  }
});

test('dump text with escape sequences is defused before display', async () => {
  const { safe } = await import('../../src/ui/theme.js');
  assert.equal(safe('evil\u001b]0;pwned\u0007 name\u001b[31m'), 'evil name');
  assert.equal(safe('bell\u0007x'), 'bell\uFFFDx');
});

test('History: / searches every saved session; Enter opens the output at the hit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdview-hist-'));
  copyFileSync('sessions/bug-demo.kdview.jsonl', join(dir, 'a.kdview.jsonl'));
  copyFileSync('sessions/sysrq-demo.kdview.jsonl', join(dir, 'b.kdview.jsonl'));
  const app = await renderReplay('sessions/bug-demo.kdview.jsonl', historyFromDir(dir));
  try {
    await app.waitFor((f) => f.includes('OOPS'), 'loaded');
    await app.press('6', '/', 'sysrq_handle_crash\r');
    let f = await app.waitFor((f) => /\d+ matches in every saved session/.test(f), 'the hits');
    assert.match(f, /sysrq/);
    await app.press('\r');
    f = await app.waitFor((f) => f.includes('Esc to close'), 'the output');
    assert.match(f, /sysrq_handle_crash/);
    await app.press('\u001b');
    await app.waitFor((f) => !f.includes('Esc to close'), 'the output closed');
    await app.press('\u001b');
    await app.waitFor((f) => f.includes('exchanges in this session'), 'back to this session');
    await app.press('/', 'lkdtm_BUG\r');
    f = await app.waitFor((f) => /\d+ matches in every saved session for "lkdtm_BUG"/.test(f), 'hits in the bug session');
    assert.match(f, /vmcore/);
  } finally {
    app.unmount();
  }
});

test('Backtrace: c groups tasks with identical stacks (foreach bt); Enter lists the stack and its tasks', async () => {
  const app = await renderReplay();
  try {
    await app.waitFor((f) => f.includes('OOPS'), 'loaded');
    await app.press('2', 'c');
    let f = await app.waitFor((f) => /\d+ distinct stacks over \d+ tasks \(foreach bt\)/.test(f), 'the clusters');
    const m = /(\d+) distinct stacks over (\d+) tasks/.exec(f);
    assert.ok(m && Number(m[1]) < Number(m[2]), 'fewer stacks than tasks');
    assert.match(f, /›\s+\d+×/);
    await app.press('\r');
    f = await app.waitFor((f) => f.includes('tasks share this stack'), 'the cluster detail');
    assert.match(f, /stack:/);
    assert.match(f, /#0 __schedule/);
  } finally {
    app.unmount();
  }
});

test('kdview log: a log-only Summary and the Log pane, with no backend', async () => {
  const { render } = await import('ink-testing-library');
  const React = await import('react');
  const { App } = await import('../../src/ui/App.js');
  const { loadSavedLog } = await import('../../src/core/saved-log.js');
  const saved = await loadSavedLog(join(process.env.KDVIEW_DUMPS_DIR ?? '../shared/dumps', 'sysrq', 'dmesg')).catch(() => undefined);
  if (!saved) return assert.fail('the shared sysrq dmesg is needed');
  const app = render(
    React.createElement(App, {
      init: { mode: 'log', backendName: 'crash', dump: saved.source },
      controller: { start: () => assert.fail('no backend in log mode'), savedLog: { records: saved.records, oopses: saved.oopses } },
    }),
  );
  try {
    const deadline = Date.now() + 5000;
    let f = '';
    while (!/\d+ records/.test(f = app.lastFrame() ?? '') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.match(f, /\d+ records/);
    assert.match(f, /LOG ONLY/);
    app.stdin.write('1');
    while (!(f = app.lastFrame() ?? '').includes('CULPRIT') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.match(f, /PANIC\s+Kernel panic - not syncing: sysrq triggered crash/);
    assert.match(f, /CULPRIT\s+sysrq_handle_crash/);
  } finally {
    app.unmount();
  }
});

test('lines a parser did not understand: a count in the status line, the lines on !', async () => {
  const { render } = await import('ink-testing-library');
  const React = await import('react');
  const { readFileSync } = await import('node:fs');
  const { App } = await import('../../src/ui/App.js');
  const { ReplayClient } = await import('../../src/protocol/replay-client.js');
  const { parsePs } = await import('../../src/parsers/ps/parse.js');
  const ps = readFileSync('fixtures/crash/edge/ps-odd.txt', 'utf8');
  const expected = parsePs(ps).diagnostics.length;
  assert.ok(expected > 1);
  const client = new ReplayClient({ exchanges: [{ command: 'ps', output: ps, status: 'ok' }] });
  const app = render(React.createElement(App, { init: { mode: 'replay', backendName: 'crash', dump: 'vmcore' }, controller: { start: () => client } }));
  try {
    const deadline = Date.now() + 5000;
    let f = '';
    while (!(f = app.lastFrame() ?? '').includes('not understood') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.match(f, new RegExp(`ps: ${expected} lines not understood \\(! lists them\\)`));
    app.stdin.write('!');
    while (!(f = app.lastFrame() ?? '').includes('[ps.unreadable-row]') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.match(f, /lines the parsers did not understand/);
    assert.match(f, /line \d+ \[ps\.unreadable-row\] unreadable ps row/);
  } finally {
    app.unmount();
  }
});
