// What still belongs to a report once its stack started: unsymbolized
// return addresses (ftrace/BPF trampolines), a frame cut by lost console
// records and the "Lost N message(s)!" note keep the report open, so the
// panic after the trace joins it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeOopsText } from '../../src/parsers/index.js';
import { isReportLine } from '../../src/parsers/oops-lines.js';

test('bare addresses, cut frames and the lost-records note are report lines; prose is not', () => {
  for (const l of ['  0xffffffffc02a106a', '  ? 0xffffffffc02a106a', '  ? intel_pmu_ha', ' Lost 135 message(s)!', '   ...', '[...]']) assert.ok(isReportLine(l), l);
  for (const l of ['What kind of console is that?', '0x1', 'Lost carrier on eth0']) assert.equal(isReportLine(l), false, l);
});

test('a double fault whose NMI trace holds trampoline addresses and lost records is one report with its panic', () => {
  const text = readFileSync(join(process.cwd(), 'fixtures', 'oops', 'double-fault-rb-reserve-next-nmi-stack-perf.txt'), 'utf8');
  const a = analyzeOopsText(text).value;
  assert.equal(a.oopses.length, 1, a.oopses.map((o) => o.title).join(' | '));
  assert.equal(a.oopses[0]?.title, 'PANIC: double fault in __rb_reserve_next');
  assert.equal(a.oopses[0]?.panic, 'Fatal exception in interrupt');
  assert.equal(a.trigger?.kind, 'panic-on-oops');
});
