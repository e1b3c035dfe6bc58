// The fleet index: grouping by signature, failures apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildIndex, FAILURE_FORMAT, IndexSchema, renderIndexMarkdown } from '../../src/report/index-doc.js';
import { fixtureReport } from './fixture-report.js';

test('dumps with the same signature share a group; failures are listed apart', () => {
  const a = fixtureReport('bug', { input: { vmlinux: null, dump: '/crash/a/vmcore' } });
  const b = fixtureReport('bug', { input: { vmlinux: null, dump: '/crash/b/vmcore' }, mode: 'zero_excluded' });
  const c = fixtureReport('sysrq');
  const failure = { format: FAILURE_FORMAT, schemaVersion: 1, dump: '/crash/c/vmcore', vmlinux: null, error: "dump '/crash/c/vmcore': is empty", at: '2026-11-26T05:00:00.000Z' } as const;
  const idx = buildIndex([{ file: 'a.json', report: a }, { file: 'c.json', report: c }, { file: 'b.json', report: b }, { file: 'f.json', failure }]);
  assert.ok(IndexSchema.safeParse(idx).success);
  assert.deepEqual(idx.counts, { dumps: 4, complete: 2, partial: 1, failed: 1, signatures: 2 });
  assert.equal(idx.groups[0]?.signature.hash, a.signature.hash);
  assert.deepEqual(idx.groups[0]?.dumps.map((d) => [d.dump, d.status, d.mode]), [['/crash/a/vmcore', 'complete', 'normal'], ['/crash/b/vmcore', 'partial', 'zero_excluded']]);
  assert.equal(idx.failed[0]?.error, "dump '/crash/c/vmcore': is empty");
  const md = renderIndexMarkdown(idx);
  assert.match(md, /4 dumps: 2 complete, 1 partial, 1 failed; 2 distinct signatures/);
  assert.match(md, /## kernel BUG in lkdtm\\_BUG|## kernel BUG in lkdtm_BUG/);
  assert.match(md, /## Failed/);
});
