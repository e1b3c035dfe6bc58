// One shared-dump report in every format, through runReport and the real crash.
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runReport } from '../../src/cli/report-command.js';
import { ReportSchema } from '../../src/report/model.js';
import { listSessions } from '../../src/session/store.js';
import { needDump, type DumpName } from '../helpers/dumps.js';
import { noProcessesLeft } from '../helpers/procs.js';
import { fixtureReport } from './fixture-report.js';
import { capture, privateLink } from './live.js';

const CULPRIT = { bug: 'lkdtm_BUG', sysrq: 'sysrq_handle_crash' } as const;
const PANIC = { bug: 'kernel BUG at drivers/misc/lkdtm/bugs.c:78!', sysrq: 'Kernel panic - not syncing: sysrq triggered crash' } as const;

export function liveFormats(name: Exclude<DumpName, 'lockchain'>): void {
  test(`${name}: report in JSON, Markdown and HTML from the real crash and drgn`, async (t) => {
    const d = needDump(t, name);
    if (!d) return;
    const { tmp, link, marker } = privateLink(d.vmcore, `report-${name}`);
    const sessionsDir = join(tmp, 'state', 'sessions');
    const base = { sessionsDir };

    // JSON: matches the schema, complete, and the signature the transcripts give.
    const json = join(tmp, 'r.json');
    const io1 = capture();
    assert.equal(await runReport(d.vmlinux, link, { ...base, format: 'json', output: json }, io1), 0, io1.err());
    const parsed = ReportSchema.safeParse(JSON.parse(readFileSync(json, 'utf8')));
    assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0]));
    const r = parsed.data;
    assert.equal(r.mode, 'normal');
    assert.equal(r.complete, true);
    assert.equal(r.panic.message, PANIC[name]);
    assert.equal(r.seenBefore, null);
    assert.deepEqual(r.signature, fixtureReport(name).signature, 'same signature as the recorded transcripts');
    assert.ok(r.steps.every((s) => s.status === 'ok'));
    const sessions = (await listSessions(sessionsDir)).sessions;
    // Both engines ran (the default when both are installed): one session each.
    assert.deepEqual(sessions.map((s) => s.header.backend).sort(), ['crash', 'drgn']);
    assert.ok(sessions.every((s) => s.header.command === 'report'));
    assert.ok((sessions.find((s) => s.header.backend === 'crash')?.exchangeCount ?? 0) >= 9);

    // Markdown on stdout, with a script: a raw section, a failing step (partial, exit 3), seen before once
    // (the fleet database counts other dumps: a second path to the dump is another dump).
    const link2 = `${link}-2`;
    symlinkSync(link, link2);
    const script = join(tmp, 'extra.crash');
    writeFileSync(script, `# extra sections\nsym ${CULPRIT[name]}\nbt 99999\n`);
    const io2 = capture();
    assert.equal(await runReport(d.vmlinux, link2, { ...base, script }, io2), 3, io2.err());
    const md = io2.out();
    assert.ok(md.includes(PANIC[name]), 'panic string');
    assert.ok(md.includes(CULPRIT[name]), 'culprit');
    assert.ok(md.includes(`## crash> sym ${CULPRIT[name]}`));
    assert.match(md, /\| bt 99999 \| error \|/);
    assert.match(md, /seen before: 1 time, last \S+, dump \S+vmcore/);

    // HTML: self-contained, the same signature, seen twice before (the two other paths).
    const link3 = `${link}-3`;
    symlinkSync(link, link3);
    const html = join(tmp, 'r.html');
    const io3 = capture();
    assert.equal(await runReport(d.vmlinux, link3, { ...base, format: 'html', output: html }, io3), 0, io3.err());
    const page = readFileSync(html, 'utf8');
    assert.ok(!/<script/i.test(page));
    assert.ok(!/https?:\/\//i.test(page));
    assert.ok(page.includes(r.signature.hash));
    assert.match(page, /seen before: 2 times/);
    assert.deepEqual(await noProcessesLeft(marker), []);
  });
}
