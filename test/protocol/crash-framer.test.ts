// Replays raw pty bytes recorded from the real crash (scripts/record-protocol.mjs)
// through the framer, split at every byte position: the same exchanges must come out.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CrashFramer, type FramerEvent } from '../../src/protocol/crash-framer.js';

interface Recording {
  nonce: string;
  prompt: string;
  startup: { text: string };
  commands: string[];
  exchanges: Array<{ command: string; output: string }>;
  trace: Array<{ dir: 'in' | 'out'; data: string }>;
}

const rec = JSON.parse(readFileSync('fixtures/protocol/sysrq-session.json', 'utf8')) as Recording;

/** The input between two writes: a response cannot arrive before its command. */
function turns(): { input: string; write?: string }[] {
  const out: { input: string; write?: string }[] = [{ input: '' }];
  for (const e of rec.trace) {
    const last = out[out.length - 1]!;
    if (e.dir === 'in') last.input += e.data;
    else {
      last.write = e.data;
      out.push({ input: '' });
    }
  }
  return out;
}

interface Result {
  startup?: string;
  outputs: string[];
  progress: string[];
}

function replay(split: (turn: number, text: string) => string[]): Result {
  const framer = new CrashFramer(rec.nonce, rec.prompt);
  const result: Result = { outputs: [], progress: [] };
  let next = 0;
  const handle = (events: FramerEvent[]) => {
    for (const ev of events) {
      if (ev.type === 'ready') result.startup = ev.startup;
      else if (ev.type === 'progress') result.progress.push(ev.message);
      else if (ev.type === 'done') result.outputs.push(ev.output);
    }
  };
  turns().forEach((turn, i) => {
    for (const piece of split(i, turn.input)) handle(framer.feed(piece));
    if (turn.write === undefined) return;
    if (turn.write === 'quit\n') return;
    assert.ok(framer.isIdle, `turn ${i}: framer should be idle before writing ${JSON.stringify(turn.write)}`);
    const command = rec.commands[next];
    assert.ok(command !== undefined);
    assert.equal(framer.send(++next, command), turn.write);
  });
  return result;
}

const whole = replay((_, text) => [text]);
const expected = ['scroll: off (/usr/bin/less)', ...rec.exchanges.map((e) => e.output)];

test('the recorded session frames into the recorded exchanges', () => {
  assert.equal(whole.startup, rec.startup.text);
  assert.deepEqual(whole.outputs, expected);
  assert.match(whole.outputs[1] ?? '', /PANIC: "Kernel panic - not syncing: sysrq triggered crash"/);
  assert.equal(whole.outputs[4], 'crash> fake prompt');
});

test('byte-by-byte delivery gives the same exchanges', () => {
  const r = replay((_, text) => Array.from(text));
  assert.equal(r.startup, rec.startup.text);
  assert.deepEqual(r.outputs, expected);
});

test('a split at every byte position of every turn gives the same exchanges', () => {
  const ts = turns();
  const longest = Math.max(...ts.map((t) => t.input.length));
  let runs = 0;
  for (let p = 0; p < longest; p += p < 3000 ? 1 : 97) {
    const r = replay((_, text) => {
      const at = p % (text.length + 1);
      return [text.slice(0, at), text.slice(at)];
    });
    assert.equal(r.startup, rec.startup.text, `split at ${p}`);
    assert.deepEqual(r.outputs, expected, `split at ${p}`);
    runs++;
  }
  assert.ok(runs > 3000);
});
