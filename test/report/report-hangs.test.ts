// `kdview report` on lockchain with both backends: the `hangs` field, the
// Markdown section and the HTML section with its SVG name the i_rwsem of
// /data/db.log, its owner compactor and what compactor does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { ReportSchema } from '../../src/report/model.js';
import { runCli } from '../helpers/cli.js';
import { needDump } from '../helpers/dumps.js';

for (const backend of ['drgn', 'crash'] as const) {
  test(`lockchain report (${backend}): hangs in JSON, Markdown and HTML`, async (t) => {
    const d = needDump(t, 'lockchain');
    if (!d) return;
    // one report per backend (crash 8.0.2 walks the task list: slow on a loaded machine); the other formats render its JSON
    const json = await runCli(['report', '--no-record', '--backend', backend, '--format', 'json', d.vmlinux, d.vmcore], { timeoutMs: 900_000 });
    assert.ok(json.code === 0 || json.code === 3, `exit ${json.code}: ${json.stderr}`);
    const r = ReportSchema.parse(JSON.parse(json.stdout));
    const [h, ...rest] = r.hangs;
    assert.ok(h, 'one hang');
    assert.equal(rest.length, 0, JSON.stringify(rest.map((x) => x.summary)));
    assert.deepEqual(h.lock, { kind: 'rwsem', address: 'ffff8a0301457500', name: 'i_rwsem of /data/db.log on vdb' });
    assert.deepEqual(h.owner, { pid: 145, comm: 'compactor' });
    assert.deepEqual(h.waiters.map((w) => [w.pid, w.comm, w.state]), [[125, 'dbwriter', 'UN'], [147, 'ingest-1', 'UN'], [148, 'ingest-2', 'UN'], [149, 'ingest-3', 'UN']]);
    assert.equal(h.root?.pid, 145);
    assert.equal(h.root?.waitsIn, 'handle_userfault');
    assert.equal(h.cycle, false);
    const md = { stdout: renderMarkdown(r) };
    assert.match(md.stdout, /## Hangs \(what the blocked tasks wait on, and who holds it\)\n\n1\. 4 tasks \(dbwriter, ingest-1, ingest-2, ingest-3\) wait for the i_rwsem of \/data\/db\.log on vdb .* held by compactor \(PID 145\), which sleeps in handle_userfault/);
    const html = { stdout: renderHtml(r) };
    assert.match(html.stdout, /<h2>Hangs<\/h2>\s*<div class="hang"><p>4 tasks .*compactor \(PID 145\).*<\/p><svg [^>]*role="img"/);
    assert.match(html.stdout, /<text [^>]*>i_rwsem of \/data\/db\.log on vdb<\/text>/);
  });
}
