import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PARSER_KINDS, parseAs, parserFor } from '../../src/parsers/index.js';

test('parserFor maps crash command lines to parser kinds', () => {
  const cases: [string, string | undefined][] = [
    ['sys', 'sys'], ['  sys  ', 'sys'], ['sys -c', undefined], ['sys config', undefined],
    ['bt', 'bt'], ['bt 140', 'bt'], ['bt -a', 'bt'], ['bt -sl', 'bt'], ['bt -f 106', 'bt'], ['bt -sx', 'bt'],
    ['bt -c 1', 'bt'], ['bt -r', undefined], ['bt -t', undefined], ['bt -T', undefined],
    ['foreach bt', 'bt'], ['foreach UN bt', 'bt'], ['foreach bt -s', 'bt'], ['foreach files', undefined],
    ['foreach bt > /tmp/all.txt', 'bt'], ['foreach bt | grep schedule', undefined],
    ['log', 'log'], ['log -T', 'log'], ['log -m', 'log'], ['log -c', 'log'], ['log -Tm', 'log'], ['log -t', 'log'], ['log -d', 'log'],
    ['log -a', undefined], ['log -s', undefined],
    ['ps', 'ps'], ['ps -S', 'ps'], ['ps -m', 'ps'], ['ps -l', 'ps'], ['ps -k', 'ps'], ['ps -u', 'ps'], ['ps 140', 'ps'],
    ['ps -y FIFO', 'ps'], ['ps -p', undefined], ['ps -t', undefined], ['ps -s', undefined], ['ps -a', undefined],
    ['kmem -i', 'kmem-i'], ['kmem -s', undefined], ['kmem', undefined],
    ['mod', 'mod'], ['mod -s lkdtm /tmp/lkdtm.ko', 'mod'], ['mod -S', 'mod'], ['mod -t', undefined],
    ['runq', 'runq'], ['runq -t', 'runq'], ['runq -c 1', 'runq'], ['runq -g', undefined],
    ['dis -l schedule', undefined], ['', undefined], ['struct task_struct', undefined],
  ];
  for (const [cmd, kind] of cases) assert.equal(parserFor(cmd), kind, JSON.stringify(cmd));
});

test('every parser returns a value and diagnostics for odd input, and never throws', () => {
  const odd = ['', '\n', '\n\n\n', '\r', '\r\n', '   ', '\u0000\u0001\u0002', '\u001b[31m', 'PID:', ' #', '[', '<', '[ 1.', '---', '==='.repeat(30),
    'x'.repeat(100000), '\ud800', 'PID: 1 TASK: ffff CPU: 0 COMMAND: "', '    RIP: ', '[0 00:00:00.000] [RU]  PID:'];
  for (const kind of PARSER_KINDS) {
    for (const text of odd) {
      const r = parseAs(kind, text);
      assert.ok(r.value !== undefined && Array.isArray(r.diagnostics), `${kind} ${JSON.stringify(text.slice(0, 20))}`);
      for (const d of r.diagnostics) assert.ok(d.line >= 1 && typeof d.message === 'string');
    }
  }
});
