// The progress line on a terminal: a warning or the final line is printed on
// a line of its own (the progress line is cleared first and drawn again after
// while the work goes on); off a terminal nothing but the lines is written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stderrProgress } from '../../src/cli/progress.js';

function stream(isTTY: boolean) {
  const out: string[] = [];
  return { out, s: { isTTY, write: (x: string) => out.push(x) } as unknown as NodeJS.WriteStream };
}

test('on a terminal: around() clears the progress line, prints, draws it again; after done() only the line', () => {
  const { out, s } = stream(true);
  const p = stderrProgress('kdview: report on vmcore', s);
  p.update('loading');
  p.around(() => s.write('kdview: a warning\n'));
  const text = out.join('');
  assert.match(text, /^\r\x1b\[2Kkdview: report on vmcore: loading \([\d.]+ s\)\r\x1b\[2Kkdview: a warning\n\r\x1b\[2Kkdview: report on vmcore: loading/);
  p.done();
  out.length = 0;
  p.around(() => s.write('kdview: wrote r.md\n'));
  p.done();
  assert.deepEqual(out, ['kdview: wrote r.md\n'], 'nothing drawn or cleared once done');
});

test('off a terminal: only the lines', () => {
  const { out, s } = stream(false);
  const p = stderrProgress('kdview: report on vmcore', s);
  p.update('loading');
  p.around(() => s.write('kdview: a warning\n'));
  p.done();
  assert.deepEqual(out, ['kdview: a warning\n']);
});
