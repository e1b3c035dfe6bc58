// Walks fixtures/oops: every real report must get the type, title, culprit
// function, corrupted flag and (where the case gives one) trigger that the
// hand-checked JSON says. The only exceptions are the documented ones in
// oops-corpus-known.json, and an exception that no longer disagrees fails too,
// so the list stays true.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { type CaseResult, corpusIds, OOPS_CORPUS, runCase } from '../../bench/oops-agreement.js';

const KNOWN = JSON.parse(readFileSync(join(process.cwd(), 'test', 'parsers', 'oops-corpus-known.json'), 'utf8')) as Record<string, { fields: string[]; reason: string }>;
const FIELDS = ['type', 'title', 'function', 'corrupted', 'trigger'] as const;

type Field = (typeof FIELDS)[number];

function disagreements(r: CaseResult): Field[] {
  return FIELDS.filter((f) => r[f] === false);
}

const ids = corpusIds();

test('the corpus is there and large', () => {
  assert.ok(ids.length >= 150, `${ids.length} cases in ${OOPS_CORPUS}`);
});

for (const id of ids) {
  test(`fixtures/oops/${id}`, () => {
    const r = runCase(id);
    const bad = disagreements(r);
    const known = KNOWN[id];
    const detail = bad.map((f: Field) => `${f}: want ${JSON.stringify(f === 'trigger' ? r.want.trigger?.kind : r.want[f])} got ${JSON.stringify(r.got[f])}`).join('; ');
    if (known) {
      assert.deepEqual([...bad], known.fields, `${id} is a known disagreement on ${known.fields.join(', ')} (${known.reason}); now: ${detail || 'agrees, drop it from oops-corpus-known.json'}`);
    } else {
      assert.deepEqual(bad, [], `${id}: ${detail}`);
    }
  });
}

test('every known disagreement names a case that exists', () => {
  for (const id of Object.keys(KNOWN)) assert.ok(ids.includes(id), id);
});
