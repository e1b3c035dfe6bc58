// The three formats on reports built from real transcripts: the JSON matches
// the schema, the Markdown names the panic and the culprit, and the HTML is
// self-contained with every piece of dump text escaped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderHtml } from '../../src/report/html.js';
import { parseReportJson, renderJson, reportJsonSchema } from '../../src/report/json.js';
import { mdBlock, mdText, renderMarkdown } from '../../src/report/markdown.js';
import { ReportSchema } from '../../src/report/model.js';
import { ex, fixtureReport, fixtureSteps } from './fixture-report.js';

const PLANT = '<script>alert(1)</script>';
const CULPRIT = { bug: 'lkdtm_BUG', sysrq: 'sysrq_handle_crash' } as const;
const PANIC = { bug: 'kernel BUG at drivers/misc/lkdtm/bugs.c:78!', sysrq: 'Kernel panic - not syncing: sysrq triggered crash' } as const;

for (const dump of ['bug', 'sysrq'] as const) {
  test(`${dump}: JSON round-trips through the schema`, () => {
    const r = fixtureReport(dump);
    const back = parseReportJson(renderJson(r));
    assert.ok(back.ok, back.ok ? '' : back.error);
    assert.deepEqual(back.report, r);
    assert.equal(r.schemaVersion, 1);
    assert.equal(r.complete, true);
    assert.equal(r.panic.message, PANIC[dump]);
  });

  test(`${dump}: Markdown has the panic string and the culprit`, () => {
    const md = renderMarkdown(fixtureReport(dump));
    assert.ok(md.includes(PANIC[dump]), 'panic string');
    assert.ok(md.includes(CULPRIT[dump]), 'culprit function');
  });
}

test('bug: the sections hold the numbers the dump has', () => {
  const r = fixtureReport('bug');
  assert.deepEqual(r.crashingTask, { pid: 140, comm: 'lkdtm-trigger', cpu: 0 });
  assert.deepEqual(r.tasks, { total: 82, byState: { RU: 5, ID: 24, IN: 52, UN: 1 }, source: 'ps', recovered: 0, idle: 2 });
  assert.equal(r.hungTasks.length, 1);
  assert.deepEqual({ ...r.hungTasks[0], backtrace: undefined }, { pid: 106, comm: 'flusher', cpu: 1, ageMs: 4397, age: '0 00:00:04.397', backtrace: undefined, recovered: false, stackRecovered: false });
  assert.equal(r.backtrace[7]?.exception, 'lkdtm_BUG');
  assert.equal(r.memory.breakdown.reduce((n, b) => n + b.bytes, 0), r.memory.totalBytes);
  assert.deepEqual(r.taint, { letters: '', flags: [] });
  assert.deepEqual(r.modules, [{ name: 'lkdtm', size: 57344, symbols: false }]);
  assert.ok(r.log.excerpt.includes('kernel BUG at drivers/misc/lkdtm/bugs.c:78!'));
  assert.ok(r.log.excerptFrom > 0 && r.log.excerptFrom < 277, 'starts shortly before the first report');
  assert.equal(r.log.timeline.crashAt, 7.144725);
  const md = renderMarkdown(r);
  for (const text of ['82 tasks (2 idle): IN 52, ID 24, RU 5, UN 1', '| 1 | 17 | IN 17 |', 'FREE 450.1 MB (94%)', '| 7–7.5 s |']) assert.ok(md.includes(text), text);
});

test('taint letters are decoded', () => {
  const log = fixtureSteps('bug').map((s) =>
    'output' in s && s.command === 'log -m' ? { ...s, output: s.output.replace('Not tainted', 'Tainted: G        W  OE') } : s,
  );
  const r = fixtureReport('bug', { steps: log });
  assert.equal(r.taint.letters, 'GWOE');
  assert.deepEqual(r.taint.flags.map((f) => f.letter), ['G', 'W', 'O', 'E']);
  assert.match(r.taint.flags[2]?.meaning ?? '', /out-of-tree/);
  assert.match(r.taint.flags[3]?.meaning ?? '', /unsigned/);
});

test('failed, timed-out and skipped steps make a partial report that still has the rest', () => {
  const steps = fixtureSteps('bug').map((s) => (s.command === 'kmem -i' ? ex('kmem -i', '', 'timeout', 'timed out after 1.0 s; cancelled with Ctrl-C') : s));
  steps.push({ command: 'bt 999', skipped: 'not run: crash exited' });
  const r = fixtureReport('bug', { steps });
  assert.equal(r.complete, false);
  assert.deepEqual(r.steps.find((s) => s.command === 'kmem -i'), { command: 'kmem -i', ms: 12, status: 'timeout', error: 'timed out after 1.0 s; cancelled with Ctrl-C' });
  assert.equal(r.steps.at(-1)?.status, 'skipped');
  assert.equal(r.memory.rows.length, 0);
  assert.equal(r.tasks.total, 82);
  assert.ok(ReportSchema.safeParse(r).success);
  assert.match(renderMarkdown(r), /partial: 2 of 11 steps did not succeed/);
});

test('HTML: self-contained, no scripts, no network references, planted markup escaped', () => {
  const steps = fixtureSteps('bug').map((s) =>
    'output' in s && s.command === 'log -m' ? { ...s, output: `${s.output}\n[    7.200000] <4>evil ${PLANT} <img src=x onerror=alert(2)>` } : s,
  );
  const r = fixtureReport('bug', { steps, script: [ex(`echo ${PLANT}`, PLANT)] });
  r.crashingTask = { pid: 140, comm: `"><svg onload=alert(3)>`, cpu: 0 };
  const html = renderHtml(r);
  assert.ok(!/<script/i.test(html), 'no <script> element');
  assert.ok(!/https?:\/\//i.test(html), 'no http(s):// reference');
  assert.ok(!/<img|<svg onload/i.test(html), 'no planted element survives');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the planted text is shown, escaped');
  assert.ok(html.includes(`Content-Security-Policy" content="default-src 'none'`));
  assert.equal((html.match(/<svg /g) ?? []).length, 4, 'four inline charts');
  for (const [tag] of html.matchAll(/<[a-zA-Z][^>]*>/g)) assert.doesNotMatch(tag, /\s(?:src|href|on\w+)=/i, 'no tag loads or runs anything');
});

test('Markdown: dump text cannot close a fence or inject markup', () => {
  assert.equal(mdText('a|b <i>x</i> `c`'), 'a\\|b &lt;i&gt;x&lt;/i&gt; \\`c\\`');
  assert.equal(mdText('sysrq_handle_crash'), 'sysrq_handle_crash');
  const block = mdBlock('```\n<b>');
  assert.ok(block.startsWith('````text\n') && block.endsWith('\n````'));
  const r = fixtureReport('bug', { script: [ex(`echo ${PLANT}`, `\`\`\`\n${PLANT}`)] });
  const md = renderMarkdown(r);
  assert.ok(md.includes('## crash> echo &lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(md.includes(`\`\`\`\`text\n\`\`\`\n${PLANT}\n\`\`\`\``), 'raw output fenced by a longer fence');
});

test('the JSON Schema can be generated from the zod schema', () => {
  const s = reportJsonSchema() as { properties?: Record<string, unknown>; required?: string[] };
  for (const k of ['kernel', 'panic', 'oopses', 'signature', 'crashingTask', 'backtrace', 'tasks', 'hungTasks', 'clusters', 'memory', 'taint', 'log', 'steps', 'mode'])
    assert.ok(s.required?.includes(k), k);
});

test('a stack taken from drgn says so under its heading, in Markdown and HTML (the crashing task and a hung task)', () => {
  const r = fixtureReport('bug');
  r.backtraceFrom = { engine: 'drgn', why: "crash's unwind skips <x> between panic and kthread" };
  const h = r.hungTasks[0];
  assert.ok(h);
  h.backtraceFrom = { engine: 'drgn', why: "crash's unwind stops at schedule after 2 frames; drgn unwinds 9" };
  const md = renderMarkdown(r);
  assert.match(md, /## Backtrace of the crashing task \(PID \d+ [^)]+\)\n\n_stack from drgn: crash's unwind skips &lt;x&gt; between panic and kthread_\n\n```/);
  assert.match(md, /\*\*PID 106 flusher\*\*[^\n]*\n\n_stack from drgn: crash's unwind stops at schedule after 2 frames; drgn unwinds 9_\n\n```/);
  const html = renderHtml(r);
  assert.match(html, /<\/h2>\n<p><i>stack from drgn: crash&#39;s unwind skips &lt;x&gt; between panic and kthread<\/i><\/p>\n<pre>/);
  assert.match(html, /<p><i>stack from drgn: crash&#39;s unwind stops at schedule after 2 frames; drgn unwinds 9<\/i><\/p><pre>/);
});
