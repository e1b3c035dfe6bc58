// The whole-text fast paths a 10 MB bulk output goes through (error lines,
// trailing prompts, terminal cleaning) give what the line-by-line forms give,
// on tricky cases and on random texts built from the pieces that matter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import stripAnsi from 'strip-ansi';
import { bulkOutput } from '../../src/protocol/bulk-commands.js';
import { findCommandError, GDB_ERRORS } from '../../src/protocol/errors.js';
import { trimTrailingPrompts, trimTrailingPromptsText } from '../../src/protocol/exchange-text.js';
import { cleanTerminalText } from '../../src/text/clean.js';

/** The line-by-line search findCommandError did before (the oracle; the same list of gdb errors, the old logic). */
function errorByLines(command: string, output: string): string | undefined {
  const gdb = GDB_ERRORS;
  const verb = command.trim().split(/\s+/)[0] ?? '';
  const prefixes = ['crash: '];
  if (verb !== '' && verb !== 'echo') prefixes.push(`${verb}: `);
  for (const line of output.split('\n')) {
    if (prefixes.some((p) => line.startsWith(p))) {
      if (/^crash: page excluded: /.test(line)) continue;
      return line;
    }
    if (gdb.some((re) => re.test(line))) return line;
  }
  return undefined;
}

/** A small seeded generator: the same texts on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = [
  '\n',
  '\n',
  '\r',
  '\u2028',
  ' ',
  'x',
  'crash: ',
  'crash: page excluded: ',
  'bt: ',
  'ps: ',
  'No symbol "a.b" in current context.',
  'No symbol table is loaded.',
  'Cannot access memory at address 0x1',
  'There is no member named x',
  'crash> ',
  'crash>',
  'PID: 1 TASK: ffff',
];

function randomText(next: () => number, pieces: readonly string[] = PIECES): string {
  let out = '';
  const n = Math.floor(next() * 30);
  for (let i = 0; i < n; i++) out += pieces[Math.floor(next() * pieces.length)] ?? '';
  return out;
}

test('findCommandError: one scan finds the line the line-by-line search finds', () => {
  const cases: Array<[string, string]> = [
    ['bt 99999', 'bt: invalid task or pid value: 99999'],
    ['foreach bt', 'PID: 1\ncrash: page excluded: kernel virtual address: ffff\nPID: 2\ncrash: cannot read'],
    ['ps', 'a\rcrash: after a CR is not a line start\nb'],
    ['ps', 'a\u2028ps: after U+2028 is not a line start\nps: this is'],
    ['p', 'No symbol "x" in current context.\r\nnext'],
    ['p', 'No symbol "x" in current context.'],
    ['rd', 'crash: page excluded: a'],
    ['a.b', 'a.b: dots in the verb are literal\naxb: not this'],
    ['echo', 'echo: not an error for echo'],
    ['', ''],
  ];
  for (const [command, output] of cases) assert.equal(findCommandError(command, output), errorByLines(command, output), JSON.stringify([command, output]));
  const next = rng(14);
  for (let i = 0; i < 5000; i++) {
    const output = randomText(next);
    for (const command of ['bt', 'ps -m', 'echo x']) assert.equal(findCommandError(command, output), errorByLines(command, output), JSON.stringify([command, output]));
  }
});

test('trimTrailingPromptsText trims as trimTrailingPrompts does on the lines', () => {
  const next = rng(7);
  const pieces = ['\n', 'crash> ', 'crash>', 'a', ' ', '\n\n'];
  for (let i = 0; i < 5000; i++) {
    const text = randomText(next, pieces);
    for (const prompt of ['crash> ', '>']) assert.equal(trimTrailingPromptsText(text, prompt), trimTrailingPrompts(text.split('\n'), prompt).join('\n'), JSON.stringify([text, prompt]));
  }
});

test('cleanTerminalText returns text without control bytes as it is, and cleans the rest as before', () => {
  const slow = (raw: string) =>
    stripAnsi(raw)
      .replace(/\r+\n/g, '\n')
      .split('\n')
      .map((l) => l.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ''))
      .join('\n');
  const plain = 'PID: 1  TASK: ffff  CPU: 0  COMMAND: "sh"\n\t#0 [ffff] schedule at ffff\n';
  assert.equal(cleanTerminalText(plain), plain);
  assert.equal(cleanTerminalText(plain), slow(plain));
  assert.equal(cleanTerminalText('a\x1b[31mb\x9b1mc\r\nd'), 'abc\nd');
});

test('bulkOutput: pty lines already in the file are not added, whatever their place in it', () => {
  const file = 'first\nmiddle\nlast\n';
  for (const line of ['first', 'middle', 'last']) assert.equal(bulkOutput(file, line, 'crash> '), 'first\nmiddle\nlast');
  assert.equal(bulkOutput(file, 'mid', 'crash> '), 'mid\nfirst\nmiddle\nlast');
  assert.equal(bulkOutput('only', 'only', 'crash> '), 'only');
  assert.equal(bulkOutput('a\ncrash> ', 'x', 'crash> '), 'x\na');
});
