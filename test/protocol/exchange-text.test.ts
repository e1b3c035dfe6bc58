import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanTerminalText } from '../../src/text/clean.js';
import { cleanExchangeOutput } from '../../src/protocol/exchange-text.js';
import { findCommandError, fatalMessage } from '../../src/protocol/errors.js';
import { makeSentinel } from '../../src/protocol/sentinel.js';

test('a bare CR overwrites the line like a terminal', () => {
  const raw = '\rplease wait... (gathering task table data)\r                                           \r      KERNEL: vmlinux\r\n';
  assert.equal(cleanTerminalText(raw), '      KERNEL: vmlinux\n');
});

test('ANSI sequences and control bytes are removed', () => {
  assert.equal(cleanTerminalText('\x1b[1mGNU gdb\x1b[m\x07 ok\x00\r\n'), 'GNU gdb ok\n');
});

test('typed-ahead sentinel echoes are removed wherever the tty put them', () => {
  const s = makeSentinel('n0nce', 'E3');
  const raw = `crash> foreach bt\r\nPID: 0 TASK: 1\r\n${s.typed}\r\n #0 [a] b at c\r\ncrash> ${s.typed}\r\n`;
  assert.equal(cleanExchangeOutput(raw, 'foreach bt', [s.typed], 'crash> ', false), 'PID: 0 TASK: 1\n #0 [a] b at c');
});

test('the printed sentinel differs from the typed one', () => {
  const s = makeSentinel('abc', 'E1');
  assert.ok(!s.typed.includes(s.printed));
});

test('command errors are found by the command name or crash: prefix', () => {
  assert.equal(findCommandError('bt 99999', 'bt: invalid task or pid value: 99999'), 'bt: invalid task or pid value: 99999');
  assert.equal(findCommandError('foo', 'crash: command not found: foo'), 'crash: command not found: foo');
  assert.equal(findCommandError('sys', '      KERNEL: vmlinux'), undefined);
});

test('the fatal start-up message is crash’s own line before Usage', () => {
  const text = 'crash: page excluded: kernel virtual address: ffff\nWARNING: x\ncrash: a and b do not match!\n\nUsage:\n  crash [OPTION]...';
  assert.equal(fatalMessage(text), 'crash: a and b do not match!');
});

test('a silent exit after the banners names no banner line as the reason', () => {
  const text = 'crash 8.0.2\nCopyright (C) 2002-2022  Red Hat, Inc.\nGNU gdb (GDB) 10.2\nType "apropos word" to search for commands related to "word"...\n';
  assert.equal(fatalMessage(text), undefined);
  assert.equal(fatalMessage(`${text}crash: vmcore: not a supported file format\n\nUsage:\n`), 'crash: vmcore: not a supported file format');
});
