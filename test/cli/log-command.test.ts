// `kdview log` (runLog / loadSavedLog): the log-only Summary from the saved
// dmesg files of the shared dumps must name the same crash report as the
// crash-based Summary (the recorded crash `log` of the bundled sessions run
// through the app's own applyExchange), for every kind of target.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { zipSync } from 'fflate';
import { applyExchange } from '../../src/core/apply-exchange.js';
import { loadSavedLog } from '../../src/core/saved-log.js';
import { initialState } from '../../src/tui/state.js';
import { runLog, type LogSummary } from '../../src/cli/log-command.js';
import { CliError } from '../../src/model/user-error.js';
import { readSession } from '../../src/session/reader.js';
import { dumpsDir } from '../helpers/dumps.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdview-log-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const shared = dumpsDir();
const BUG_DMESG = join(shared, 'bug', 'dmesg.txt');
const SYSRQ_DMESG = join(shared, 'sysrq', 'dmesg');

function sink(): { stream: Writable; text: () => string } {
  let buf = '';
  return { stream: new Writable({ write: (c, _e, cb) => ((buf += String(c)), cb()) }), text: () => buf };
}

async function run(target: string, json: boolean): Promise<{ code: number; out: string }> {
  const o = sink();
  const code = await runLog(target, { json }, { stdout: o.stream, stderr: sink().stream });
  return { code, out: o.text() };
}

/** The oops the TUI's Summary shows for a recorded crash session. */
async function crashSummaryOops(session: string) {
  const s = await readSession(resolve('sessions', session));
  const log = s.exchanges.find((e) => e.command === 'log');
  assert.ok(log, `${session} recorded crash's log`);
  const state = applyExchange(initialState({ mode: 'replay', backendName: 'crash', dump: 'vmcore' }), log);
  assert.ok(state.oopses[0], 'the crash-based Summary has an oops');
  return state.oopses[0];
}

function need(t: { skip: (m: string) => void }, path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    const msg = `shared dump log ${path} is missing`;
    if (process.env.CI === 'true') throw new Error(`CI=true: ${msg}`);
    console.error(`\n*** SKIP: ${msg} ***\n`);
    t.skip(msg);
    return false;
  }
}

describe('kdview log on the shared dumps\' saved logs', () => {
  test('bug/dmesg.txt: kernel BUG in lkdtm_BUG, the same report as the crash-based Summary', async (t) => {
    if (!need(t, BUG_DMESG)) return;
    const r = await run(BUG_DMESG, true);
    assert.equal(r.code, 0);
    const s = JSON.parse(r.out) as LogSummary;
    assert.equal(s.source, BUG_DMESG);
    assert.equal(s.records, 311);
    assert.equal(s.release, '6.1.192-kdview');
    assert.equal(s.oops?.title, 'kernel BUG in lkdtm_BUG');
    assert.equal(s.oops?.function, 'lkdtm_BUG');
    assert.equal(s.oops?.module, 'lkdtm');
    assert.equal(s.oops?.rip, 'lkdtm_BUG+0x0/0x10 [lkdtm]');
    assert.equal(s.oops?.pid, 140);
    assert.equal(s.oops?.comm, 'lkdtm-trigger');
    assert.equal(s.oops?.cpu, 0);
    assert.equal(s.oops?.tainted, '');
    assert.equal(s.hardware, 'QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014');
    const crash = await crashSummaryOops('bug-demo.kdview.jsonl');
    for (const k of ['kind', 'title', 'message', 'function', 'module', 'rip', 'pid', 'comm', 'cpu', 'tainted', 'hardware'] as const)
      assert.deepEqual(s.oops?.[k], crash[k], `${k} as in the crash-based Summary`);
  });

  test('sysrq/dmesg: culprit sysrq_handle_crash, the same report as the crash-based Summary', async (t) => {
    if (!need(t, SYSRQ_DMESG)) return;
    const r = await run(SYSRQ_DMESG, false);
    assert.equal(r.code, 0);
    const lines = r.out.split('\n');
    assert.equal(lines[0], `${SYSRQ_DMESG}: 407 records, 0.000000 .. 7.940596 s`);
    assert.ok(lines.includes('       PANIC  Kernel panic - not syncing: sysrq triggered crash'), r.out);
    assert.ok(lines.includes('        OOPS  kernel panic: sysrq triggered crash'));
    assert.ok(lines.includes('         WHY  sysrq: Kernel panic - not syncing: sysrq triggered crash'), r.out);
    assert.ok(lines.includes('     CULPRIT  sysrq_handle_crash'));
    assert.ok(lines.includes('        TASK  PID 142  sh  on CPU 1'));
    assert.ok(lines.includes('       TAINT  not tainted'));
    assert.ok(lines.includes('     RELEASE  6.1.0-56-cloud-amd64'));
    assert.ok(lines.includes('    HARDWARE  QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014'));
    const log = await loadSavedLog(SYSRQ_DMESG);
    const crash = await crashSummaryOops('sysrq-demo.kdview.jsonl');
    for (const k of ['kind', 'title', 'function', 'pid', 'comm', 'cpu', 'tainted', 'hardware'] as const)
      assert.deepEqual(log.oopses[0]?.[k], crash[k], `${k} as in the crash-based Summary`);
  });
});

describe('kdview log targets', () => {
  test('a dump folder (its dmesg), a dump file (its sibling dmesg), a kdumpst zip', async (t) => {
    if (!need(t, BUG_DMESG) || !need(t, SYSRQ_DMESG)) return;
    assert.equal((await loadSavedLog(join(shared, 'bug'))).source, BUG_DMESG);
    assert.equal((await loadSavedLog(join(shared, 'sysrq', 'vmcore'))).source, SYSRQ_DMESG);
    const zip = join(tmp, 'kdump-202611260410.zip');
    writeFileSync(zip, zipSync({ 'dmidecode.202611260410': Buffer.from('x'), 'dmesg-kdump.202611260406': readFileSync(SYSRQ_DMESG) }));
    const z = await loadSavedLog(zip);
    assert.equal(z.source, `${zip} : dmesg-kdump.202611260406`);
    assert.equal(z.records.length, 407);
    assert.equal(z.oopses[0]?.panicFrom, 'sysrq_handle_crash');
    const kdumpst = join(tmp, 'kdumpst');
    mkdirSync(join(kdumpst, 'logs'), { recursive: true });
    writeFileSync(join(kdumpst, 'logs', 'kdump-202611250900.zip'), zipSync({ 'dmesg-pstore.202611250900-0': readFileSync(BUG_DMESG) }));
    const k = await loadSavedLog(kdumpst);
    assert.equal(k.source, `${join(kdumpst, 'logs', 'kdump-202611250900.zip')} : dmesg-pstore.202611250900-0`);
    assert.equal(k.oopses[0]?.title, 'kernel BUG in lkdtm_BUG');
  });

  test('a log with no crash report: exit 1, said so', async (t) => {
    if (!need(t, BUG_DMESG)) return;
    const clean = join(tmp, 'clean-dmesg');
    writeFileSync(clean, readFileSync(BUG_DMESG, 'utf8').split('\n').slice(0, 200).join('\n'));
    const r = await run(clean, false);
    assert.equal(r.code, 1);
    assert.ok(r.out.split('\n').includes('        OOPS  no crash report in this log'));
  });

  test('bad input: CliError, exit 2, one line', async (t) => {
    const cases: [string, RegExp][] = [];
    cases.push([join(tmp, 'missing'), /: no such file or folder$/]);
    const empty = join(tmp, 'empty');
    writeFileSync(empty, '');
    cases.push([empty, / is empty$/]);
    const prose = join(tmp, 'prose.txt');
    writeFileSync(prose, 'hello\nworld\n');
    cases.push([prose, /does not look like a kernel log/]);
    const binary = join(tmp, 'binary');
    writeFileSync(binary, Buffer.from([0x41, 0, 0x42, 0, 0x43]));
    cases.push([binary, /is not a text log/]);
    const emptyDir = join(tmp, 'nothing-here');
    mkdirSync(emptyDir);
    cases.push([emptyDir, /no saved kernel log in .*nothing-here \(looked for/]);
    const badZip = join(tmp, 'bad.zip');
    writeFileSync(badZip, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40)]));
    cases.push([badZip, /bad\.zip: not a readable zip/]);
    const noDmesgZip = join(tmp, 'other.zip');
    writeFileSync(noDmesgZip, zipSync({ 'dmidecode.1': Buffer.from('x') }));
    cases.push([noDmesgZip, /holds no dmesg\* file \(it has: dmidecode\.1\)$/]);
    if (need(t, join(shared, 'bug', 'vmcore'))) {
      const lone = join(tmp, 'lone');
      mkdirSync(lone);
      symlinkSync(join(shared, 'bug', 'vmcore'), join(lone, 'vmcore'));
      cases.push([join(lone, 'vmcore'), /is a dump with no saved dmesg next to it; read its log through crash/]);
    }
    for (const [target, re] of cases) {
      await assert.rejects(run(target, false), (e: unknown) => {
        assert.ok(e instanceof CliError, `${target}: ${String(e)}`);
        assert.equal(e.exitCode, 2);
        assert.match(e.message, re);
        assert.ok(!e.message.includes('\n'));
        return true;
      });
    }
  });
});
