// One test per fixture transcript under fixtures/crash: the parser named by the
// manifest (via parserFor(command) or an explicit kind) must reproduce the
// hand-checked expected JSON exactly. Skipped cases are listed with reasons.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAs } from '../../src/parsers/index.js';
import { crashCases, plain, readJson } from './fixture-cases.js';

const cases = crashCases();

test('the fixture folder has cases for every parser kind on both dumps', () => {
  const kinds = new Set(cases.filter((c) => c.skip === undefined).map((c) => c.kind));
  for (const k of ['sys', 'bt', 'log', 'ps', 'kmem-i', 'mod', 'runq']) assert.ok(kinds.has(k as never), `no fixture for ${k}`);
  for (const dump of ['bug/', 'sysrq/', 'edge/']) assert.ok(cases.some((c) => c.name.startsWith(dump)), `no fixtures in ${dump}`);
  assert.ok(cases.length >= 60, `only ${cases.length} fixtures`);
});

test('skipped fixture cases (listed with their reasons)', () => {
  const skipped = cases.filter((c) => c.skip !== undefined);
  for (const c of skipped) {
    console.log(`  skipped ${c.name}: ${c.skip}`);
    assert.ok((c.skip ?? '').length > 10, `${c.name} is skipped without a real reason`);
  }
  assert.ok(skipped.length < cases.length / 10, 'too many skipped fixtures');
});

for (const c of cases) {
  test(`fixture ${c.name}${c.command ? ` (${c.command})` : ''}`, (t) => {
    if (c.skip !== undefined || c.kind === undefined) {
      t.skip(c.skip);
      return;
    }
    assert.ok(existsSync(c.expected), `missing ${c.expected}`);
    const got = plain(parseAs(c.kind, readFileSync(c.file, 'utf8')));
    assert.deepEqual(got, readJson(c.expected));
  });
}
