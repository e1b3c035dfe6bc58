// Cross-checks between the real transcripts of the shared dumps: what one
// command says must agree with what another says about the same dump.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame } from '../../src/model/backtrace.js';
import { parseBt, parseKmemInfo, parseLog, parseMod, parsePs, parseRunq, parseSys } from '../../src/parsers/index.js';
import { CRASH_DIR } from './fixture-cases.js';

const text = (dump: string, name: string): string => readFileSync(join(CRASH_DIR, dump, `${name}.txt`), 'utf8');
const clean = <T>(p: { value: T; diagnostics: unknown[] }, what: string): T => {
  assert.deepEqual(p.diagnostics, [], `${what} has diagnostics`);
  return p.value;
};
const shape = (f: Frame): string => `${f.index} ${f.sp} ${f.function} ${f.address} ${f.module ?? ''}`;

test('bug: ps, ps -S, foreach bt and sys agree on the 82 tasks', () => {
  const sys = clean(parseSys(text('bug', 'sys')), 'sys');
  const ps = clean(parsePs(text('bug', 'ps')), 'ps');
  const states = clean(parsePs(text('bug', 'ps-S')), 'ps -S').states ?? {};
  const fe = clean(parseBt(text('bug', 'foreach-bt')), 'foreach bt');
  assert.equal(sys.tasks, 82);
  assert.equal(ps.tasks.length, 82);
  assert.equal(fe.tasks.length, 82);
  assert.deepEqual(fe.tasks.map((t) => `${t.pid} ${t.task}`), ps.tasks.map((t) => `${t.pid} ${t.task}`));
  for (const [state, n] of Object.entries(states)) assert.equal(ps.tasks.filter((t) => t.state === state).length, n, state);
  const un = ps.tasks.filter((t) => t.state === 'UN');
  assert.deepEqual(un.map((t) => [t.pid, t.comm]), [[106, 'flusher']]);
  assert.ok(ps.tasks.filter((t) => t.kernelThread).every((t) => t.ppid === 2 || t.pid === 2 || t.pid === 0));
});

test('bug: the panic task is the same in sys (start-up), bt, ps and runq', () => {
  const start = parseSys(text('bug', 'startup')).value;
  const bt = clean(parseBt(text('bug', 'bt')), 'bt').tasks;
  const ps = parsePs(text('bug', 'ps')).value.tasks;
  const runq = clean(parseRunq(text('bug', 'runq')), 'runq').cpus;
  assert.equal(start.pid, 140);
  assert.equal(start.command, 'lkdtm-trigger');
  assert.equal(bt.length, 1);
  assert.equal(bt[0]?.pid, start.pid);
  assert.equal(bt[0]?.task, start.task);
  assert.equal(bt[0]?.cpu, start.cpu);
  const active = ps.filter((t) => t.active);
  assert.deepEqual(active.map((t) => t.pid).sort(), runq.map((c) => c.current?.pid).sort());
  assert.ok(active.some((t) => t.pid === 140 && t.cpu === start.cpu));
});

test('bt flag variants keep the same frames; -s adds offsets, -l sources, -f stack words', () => {
  for (const dump of ['bug', 'sysrq']) {
    const base = clean(parseBt(text(dump, 'bt')), 'bt').tasks[0]?.frames ?? [];
    assert.ok(base.length > 10);
    for (const v of ['bt-s', 'bt-l', 'bt-sl', 'bt-f']) {
      const frames = clean(parseBt(text(dump, v)), v).tasks[0]?.frames ?? [];
      assert.deepEqual(frames.map(shape), base.map(shape), `${dump} ${v}`);
      if (v.includes('s')) assert.ok(frames.every((f) => typeof f.offset === 'number'), `${v} offsets`);
      if (v.includes('l')) assert.ok(frames.filter((f) => f.file && f.line).length >= frames.length - 2, `${v} sources`);
      if (v === 'bt-f') assert.ok(frames.filter((f) => (f.extra?.length ?? 0) > 0).length >= frames.length - 2, 'stack words');
    }
  }
  const sx = parseBt(text('bug', 'bt-sx')).value.tasks[0]?.frames ?? [];
  const s = parseBt(text('bug', 'bt-s')).value.tasks[0]?.frames ?? [];
  assert.deepEqual(sx.map((f) => f.offset), s.map((f) => f.offset), 'hex and decimal offsets agree');
});

test('bug bt: the exception frame of lkdtm_BUG and the user-mode registers', () => {
  const frames = parseBt(text('bug', 'bt-sl-mod')).value.tasks[0]?.frames ?? [];
  const entry = frames.find((f) => f.exception?.rip !== undefined);
  assert.equal(entry?.function, 'asm_exc_invalid_op');
  assert.equal(entry?.exception?.function, 'lkdtm_BUG');
  assert.equal(entry?.exception?.registers.RIP, 'ffffffffc014b3d0');
  assert.equal(entry?.exception?.registers.CS, '0010');
  assert.equal(Object.keys(entry?.exception?.registers ?? {}).length, 21);
  assert.match(entry?.exception?.file ?? '', /drivers\/misc\/lkdtm\/bugs\.c$/);
  assert.equal(entry?.exception?.line, 78);
  const mod = frames.find((f) => f.module === 'lkdtm');
  assert.equal(mod?.function, 'direct_entry.cold');
  assert.match(mod?.file ?? '', /lkdtm\/core\.c$/, 'lkdtm frames get sources once symbols are loaded');
  const last = frames[frames.length - 1];
  assert.equal(last?.exception?.rip, undefined);
  assert.equal(last?.exception?.registers.CS, '0033');
});

test('bug bt -a: the NMI stack switch on the other CPU', () => {
  const tasks = clean(parseBt(text('bug', 'bt-a')), 'bt -a').tasks;
  assert.deepEqual(tasks.map((t) => [t.pid, t.cpu]), [[140, 0], [98, 1]]);
  const frames = tasks[1]?.frames ?? [];
  const after = frames.findIndex((f) => f.stackSwitch !== undefined);
  assert.equal(frames[after]?.stackSwitch, 'NMI exception stack');
  assert.equal(frames[after - 1]?.exception?.rip, 'lapic_next_event+23');
  assert.equal(frames[after]?.function, 'lapic_next_event');
});

test('log flag variants: same records and texts, with stamps, wall clocks or levels', () => {
  for (const dump of ['bug', 'sysrq']) {
    const plain = clean(parseLog(text(dump, 'log')), 'log');
    for (const v of ['log-T', 'log-m', 'log-Tm', ...(dump === 'sysrq' ? ['log-t', 'log-d'] : [])]) {
      const recs = clean(parseLog(text(dump, v)), v);
      if (v === 'log-t') {
        // No prefix: a continuation line cannot be told from a record.
        assert.equal(recs.length, plain.reduce((n, r) => n + r.text.split('\n').length, 0));
        continue;
      }
      assert.deepEqual(recs.map((r) => r.text), plain.map((r) => r.text), `${dump} ${v}`);
      if (v.includes('T')) assert.ok(recs.every((r) => r.wallclock !== undefined && r.timestamp === undefined));
      if (v.includes('m')) assert.ok(recs.every((r) => r.level !== undefined && r.level >= 0 && r.level <= 7));
      if (v === 'log-d') assert.ok(recs.some((r) => r.dict?.SUBSYSTEM === 'acpi'));
    }
    assert.ok(plain.every((r) => typeof r.timestamp === 'number'));
  }
  // Stamps are read exactly (no float noise), and need not be monotonic: CPU bring-up logs out of order.
  const bug = parseLog(text('bug', 'log')).value;
  assert.equal(bug.find((r) => r.text.startsWith('kernel BUG at'))?.timestamp, 7.144839);
  assert.ok(bug.some((r, i) => i > 0 && (r.timestamp ?? 0) < (bug[i - 1]?.timestamp ?? 0)));
});

test('ps -m and ps -l list every task of ps, with ages and last-run stamps', () => {
  for (const dump of ['bug', 'sysrq']) {
    const ps = parsePs(text(dump, 'ps')).value.tasks;
    const m = clean(parsePs(text(dump, 'ps-m')), 'ps -m').ages ?? [];
    const l = clean(parsePs(text(dump, 'ps-l')), 'ps -l').ages ?? [];
    assert.equal(m.length, ps.length);
    assert.deepEqual(m.map((t) => t.task), l.map((t) => t.task), 'same order');
    assert.ok(m.every((t) => typeof t.ageMs === 'number'));
    assert.ok(l.every((t, i) => i === 0 || (t.lastRun ?? 0) <= (l[i - 1]?.lastRun ?? 0)), 'ps -l is most recent first');
  }
});

test('kmem -i: FREE + USED = TOTAL MEM; mod: lkdtm gains its object after mod -s', () => {
  for (const dump of ['bug', 'sysrq']) {
    const rows = clean(parseKmemInfo(text(dump, 'kmem-i')), 'kmem -i').rows;
    const pages = (n: string): number => rows.find((r) => r.name === n)?.pages ?? NaN;
    assert.equal(pages('FREE') + pages('USED'), pages('TOTAL MEM'));
    assert.equal(rows.length, 14);
  }
  const before = clean(parseMod(text('bug', 'mod')), 'mod').modules;
  const after = clean(parseMod(text('bug', 'mod-s')), 'mod -s').modules;
  assert.deepEqual(before.map((m) => [m.name, m.loaded]), [['lkdtm', false]]);
  assert.deepEqual(after.map((m) => [m.name, m.loaded, m.object]), [['lkdtm', true, '/work/shared/dumps/custom/lkdtm.ko']]);
  assert.equal(clean(parseMod(text('sysrq', 'mod')), 'mod').modules.length, 9);
});

test('sysrq: crash sees 4 tasks and warns about the PID hash at start-up', () => {
  const start = parseSys(text('sysrq', 'startup')).value;
  assert.equal(start.tasks, 4);
  assert.equal(start.warnings?.length, 2);
  assert.match(start.warnings?.[0] ?? '', /not found in PID hash/);
  const ps = clean(parsePs(text('sysrq', 'ps')), 'ps').tasks;
  assert.deepEqual(ps.map((t) => t.ppid), [0, 0, -1, -1]);
  assert.deepEqual(ps.filter((t) => t.active).map((t) => t.comm), ['spinner', 'sh']);
});
