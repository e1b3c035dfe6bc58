// The parser registry drives the CLI kinds, the help text and the README list;
// diagnostics carry stable codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { codeFor, DIAGNOSTIC_CODES } from '../../src/parsers/diagnostic-codes.js';
import { parseAs } from '../../src/parsers/by-kind.js';
import { kindsText, PARSER_KINDS, parsersMarkdown } from '../../src/parsers/registry.js';
import { runCli } from '../helpers/cli.js';

test('the README carries the parser list generated from the registry', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.ok(readme.includes(parsersMarkdown()), 'run `node scripts/parsers-table.mjs` and paste it into the README');
  assert.ok(readme.includes(`kdview parse <${kindsText('|')}> [FILE]`), 'the usage line lists the registry kinds');
  for (const k of PARSER_KINDS) assert.ok(parsersMarkdown().includes(`| \`${k}\` |`));
});

test('kdview parse --help lists the registry kinds; an unknown kind names them', async () => {
  const help = await runCli(['parse', '--help']);
  assert.ok(help.stdout.includes(kindsText()), help.stdout);
  const bad = await runCli(['parse', 'nope']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, new RegExp(`known: ${PARSER_KINDS.join(', ')}`));
});

test('every diagnostic gets a stable code: from the table, the backend’s error lines, else unrecognised', () => {
  const ps = parseAs('ps', '   PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM\n      1      0   0  ffff8a5f41208000  IN   0.1   168400    12048  systemd\nthis is not a ps row\nps: invalid task or pid value: 99\n');
  const codes = ps.diagnostics.map((d) => d.code);
  assert.ok(codes.length >= 2, JSON.stringify(ps.diagnostics));
  assert.ok(codes.every((c) => c !== undefined && /^ps\.[a-z-]+$/.test(c)), codes.join(' '));
  assert.ok(codes.includes('ps.backend-error'), codes.join(' '));
  assert.equal(codeFor('bt', { line: 1, severity: 'warning', message: 'unreadable frame line' }), 'bt.unreadable-frame');
  assert.equal(codeFor('sys', { line: 1, severity: 'warning', message: 'something new' }), 'sys.unrecognised');
  assert.equal(codeFor('bt', { line: 1, severity: 'warning', message: 'x', code: 'bt.own' }), 'bt.own');
  // Codes are unique across the table.
  const all = Object.values(DIAGNOSTIC_CODES).flatMap((rows) => rows.map(([c]) => c));
  assert.equal(new Set(all).size, all.length);
});
