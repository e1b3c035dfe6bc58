import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Oops } from '../../src/model/oops.js';
import { extractOops, extractOopsFromText, parseDmesg, parseLog } from '../../src/parsers/index.js';
import { isGeneric } from '../../src/parsers/oops-culprit.js';
import { CRASH_DIR, dmesgCases, OOPS_KEYS, readJson } from './fixture-cases.js';

const read = (p: string): string => readFileSync(p, 'utf8');

for (const c of dmesgCases()) {
  test(`oops in ${c.name}`, () => {
    const want = readJson(c.expected) as { oops: Partial<Oops>[]; diagnostics: number } | undefined;
    assert.ok(want, `missing ${c.expected}`);
    const got = extractOopsFromText(read(c.file));
    assert.equal(got.diagnostics.length, want.diagnostics);
    assert.equal(got.value.length, want.oops.length, got.value.map((o) => o.title).join(' | '));
    got.value.forEach((o, i) => {
      const picked = Object.fromEntries(OOPS_KEYS.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
      assert.deepEqual(picked, want.oops[i]);
    });
  });
}

test('crash log of the bug dump: one kernel BUG in lkdtm_BUG, from every log flag variant', () => {
  for (const name of ['log', 'log-T', 'log-m', 'log-Tm']) {
    const records = parseLog(read(join(CRASH_DIR, 'bug', `${name}.txt`))).value;
    const oops = extractOops(records);
    assert.equal(oops.length, 1, name);
    const o = oops[0] as Oops;
    assert.equal(o.kind, 'bug');
    assert.equal(o.function, 'lkdtm_BUG');
    assert.equal(o.title, 'kernel BUG in lkdtm_BUG');
    assert.equal(o.module, 'lkdtm');
    assert.equal(o.pid, 140);
    assert.equal(o.comm, 'lkdtm-trigger');
    assert.equal(o.cpu, 0);
    assert.equal(o.tainted, '');
    // The range covers "cut here" through "Modules linked in", the last record.
    assert.match(records[o.records.first]?.text ?? '', /cut here/);
    assert.equal(o.records.last, records.length - 1);
    assert.match(records[o.records.last]?.text ?? '', /^Modules linked in: lkdtm/);
  }
});

test('crash log of the sysrq dump: a panic whose culprit is the caller of panic()', () => {
  const records = parseLog(read(join(CRASH_DIR, 'sysrq', 'log.txt'))).value;
  const [o, ...rest] = extractOops(records);
  assert.equal(rest.length, 0);
  assert.ok(o);
  assert.equal(o.kind, 'panic');
  assert.equal(o.function, undefined);
  assert.equal(o.panicFrom, 'sysrq_handle_crash');
  assert.equal(o.message, 'Kernel panic - not syncing: sysrq triggered crash');
  assert.equal(o.pid, 142);
  assert.equal(o.comm, 'sh');
  // The trace keeps panic() and dump_stack_lvl(), but skips the unreliable "? _printk".
  assert.deepEqual(o.trace?.slice(0, 3), ['dump_stack_lvl', 'panic', 'sysrq_handle_crash']);
});

test('the sys PANIC string is the headline of the extracted report', () => {
  for (const dump of ['bug', 'sysrq']) {
    const panic = /PANIC: "(.*)"/.exec(read(join(CRASH_DIR, dump, 'sys.txt')))?.[1];
    const [o] = extractOops(parseLog(read(join(CRASH_DIR, dump, 'log.txt'))).value);
    assert.equal(o?.message, panic, dump);
  }
});

test('dmesg text and crash log give the same records for the same log', () => {
  const a = parseDmesg(read(join(CRASH_DIR, 'bug', 'log.txt'))).value;
  const b = parseLog(read(join(CRASH_DIR, 'bug', 'log.txt'))).value;
  assert.deepEqual(a, b);
});

test('generic frames are skipped, real culprits are not', () => {
  for (const f of ['panic', 'dump_stack_lvl', '__warn', 'warn_slowpath_fmt', '_raw_spin_lock_irqsave', 'native_queued_spin_lock_slowpath',
    'kasan_report', '__asan_load8', 'lock_acquire', 'mutex_lock',
    'asm_exc_page_fault', '__ubsan_handle_out_of_bounds.cold', 'rwsem_down_write_slowpath']) assert.ok(isGeneric(f), f);
  for (const f of ['lkdtm_BUG', 'sysrq_handle_crash', 'direct_entry.cold', 'ext4_writepages', 'vfs_write', 'mydrv_probe']) {
    assert.ok(!isGeneric(f), f);
  }
});

test('a report with only machinery frames names no culprit rather than a reporting frame', () => {
  const text = read(join(process.cwd(), 'fixtures', 'dmesg', 'multi-oom.txt'));
  const [kill] = extractOopsFromText(text).value;
  assert.equal(kill?.kind, 'oom-kill');
  assert.equal(kill?.function, undefined);
  assert.equal(kill?.title, 'Out of memory: Killed process');
});

test('a "Fatal exception" panic joins the report before it instead of starting one', () => {
  const text = read(join(process.cwd(), 'fixtures', 'dmesg', 'multi-oops-warning-gpf.txt'));
  const oops = extractOopsFromText(text).value;
  assert.deepEqual(oops.map((o) => o.kind), ['null-deref', 'warning', 'gpf']);
  assert.equal(oops[2]?.panic, 'Fatal exception');
  assert.equal(oops.filter((o) => o.kind === 'panic').length, 0);
});
