// Decoding the drgn helper's JSON into kdview's models, without drgn.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decodeDrgnBacktrace,
  decodeDrgnLog,
  decodeDrgnSys,
  decodeDrgnTasks,
  drgnDecoderFor,
  readDrgnDocument,
} from '../../src/parsers/drgn-json.js';

const doc = (request: string, items: object[], tail = ',"ok":true}') =>
  [`{"kdview":1,"request":"${request}","items":[`, ...items.map((i, n) => JSON.stringify(i) + (n < items.length - 1 ? ',' : '')), `]${tail}`].join('\n');

describe('drgn JSON decoding', () => {
  test('the document is valid JSON as a whole and read line by line', () => {
    const text = doc('tasks', [{ type: 'task', pid: 1 }, { type: 'task', pid: 2 }]);
    assert.equal((JSON.parse(text) as { items: unknown[] }).items.length, 2);
    const r = readDrgnDocument(text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.value.items.map((i) => i.line), [2, 3]);
    assert.equal(r.value.request, 'tasks');
    assert.equal(r.value.ok, true);
  });

  test('bad lines, a cut-off tail and a failed request become diagnostics, never exceptions', () => {
    const cut = readDrgnDocument('{"kdview":1,"request":"log","items":[\n{"type":"log","text":"a"},\n{"type":"lo');
    assert.equal(cut.value.items.length, 1);
    assert.deepEqual(cut.diagnostics.map((d) => d.message), ['unreadable JSON line', 'document ends early (cancelled or cut off)']);
    const failed = readDrgnDocument(doc('tasks', [], ',"ok":false,"error":"NotImplementedError: this drgn has no for_each_task helper"}'));
    assert.equal(failed.value.ok, false);
    assert.equal(failed.diagnostics[0]?.severity, 'error');
    assert.match(failed.diagnostics[0]?.message ?? '', /no for_each_task helper/);
    assert.equal(readDrgnDocument('Traceback (most recent call last):').diagnostics[0]?.severity, 'error');
    for (const junk of ['', '{', '],', '{"kdview":1}\n],"ok":tru', '\u0000\u001b[2J']) assert.doesNotThrow(() => decodeDrgnBacktrace(junk));
  });

  test('tasks: crash state codes, kernel threads, unreadable fields reported', () => {
    const r = decodeDrgnTasks(
      doc('tasks', [
        { type: 'task', pid: 106, task: 'ffff1', comm: 'flusher', cpu: 1, state: 'D', ppid: 1, kthread: false, active: false, rss: 64, vsz: 2260, mem: 0 },
        { type: 'task', pid: 3, task: 'ffff2', comm: 'rcu_gp', cpu: 0, state: 'I', ppid: 2, kthread: true, active: false, rss: 0, vsz: 0, mem: 0 },
        { type: 'task', pid: 7, task: 'ffff3', comm: 'evil\u001b[2Jname', state: '?', errors: { cpu: 'FaultError: x' } },
      ]),
    );
    assert.deepEqual(r.value.tasks.map((t) => [t.pid, t.state, t.kernelThread, t.comm, t.cpu]), [
      [106, 'UN', false, 'flusher', 1],
      [3, 'ID', true, 'rcu_gp', 0],
      [7, '??', false, 'evilname', -1],
    ]);
    assert.deepEqual(r.diagnostics.map((d) => [d.line, d.message]), [[4, 'task 7: cpu: FaultError: x']]);
  });

  test('backtrace: symbol names like crash, inline frames flagged, a failed unwind becomes a note', () => {
    const r = decodeDrgnBacktrace(
      doc('crashed', [
        { type: 'stack', pid: 140, task: 'ffff966481dc6e00', comm: 'lkdtm-trigger', cpu: 0, state: 'R' },
        { type: 'frame', index: 0, pc: 'ffffffffc014b3d0', sp: 'ffff9850402cfe08', interrupted: true, module: 'lkdtm', symbol: 'lkdtm_BUG', offset: 0 },
        { type: 'frame', index: 1, pc: '0', sp: 'ffff966481e90010' },
        { type: 'stack', pid: 106, task: 'ffff1', comm: 'flusher', cpu: 1 },
        { type: 'frame', index: 0, pc: 'ffffffff8fc3363a', sp: 'a', name: 'context_switch', inline: true, symbol: '__schedule', offset: 650 },
        { type: 'frame', index: 1, pc: 'ffffffffc014c2e6', sp: 'b', name: 'direct_entry', symbol: 'direct_entry.cold', file: 'drivers/misc/lkdtm/core.c', line: 329, column: 2 },
        { type: 'frame', index: 2, pc: '47b7a0', sp: 'c', interrupted: true },
      ]),
    );
    const [a, b] = r.value.tasks;
    assert.equal(a?.line, 2);
    assert.deepEqual(a?.frames, [{ index: 0, sp: 'ffff9850402cfe08', function: 'lkdtm_BUG', address: 'ffffffffc014b3d0', offset: 0, module: 'lkdtm', interrupted: true }]);
    assert.deepEqual(a?.notes, ['drgn could not unwind past #0 lkdtm_BUG (no debug info for module lkdtm: give its .ko to drgn)']);
    assert.deepEqual(b?.frames.map((f) => [f.function, f.inline, f.sourceFunction, f.file, f.column]), [
      ['context_switch', true, undefined, undefined, undefined],
      ['direct_entry.cold', undefined, 'direct_entry', 'drivers/misc/lkdtm/core.c', 2],
      ['0x47b7a0', undefined, undefined, undefined, undefined],
    ]);
  });

  test('sys and log map onto the crash models', () => {
    const sys = decodeDrgnSys(
      doc('sys', [{ type: 'sys', release: '6.1.192-kdview', cpus: 4, cpusOnline: 3, loadAverage: [0.24, 0.05, 0.02], hz: 1000, panicTask: { pid: 140, comm: 'lkdtm-trigger', cpu: 0, state: 'R', task: 'ffff' }, errors: { memoryBytes: 'KeyError: x' } }]),
    );
    assert.equal(sys.value.release, '6.1.192-kdview');
    assert.equal(sys.value.cpusOffline, 1);
    assert.deepEqual([sys.value.pid, sys.value.command, sys.value.state], [140, 'lkdtm-trigger', 'TASK_RUNNING']);
    assert.deepEqual(sys.value.extra, { HZ: '1000' });
    assert.deepEqual(sys.diagnostics.map((d) => d.message), ['sys: memoryBytes: KeyError: x']);
    const log = decodeDrgnLog(doc('log', [{ type: 'log', ts: 7.139084, text: 'line one\nline two\u0007', level: 4, seq: 309, caller: 'T140', dict: { SUBSYSTEM: 'virtio' } }]));
    assert.deepEqual(log.value, [{ text: 'line one\nline two', line: 2, timestamp: 7.139084, level: 4, caller: 'T140', seq: 309, dict: { SUBSYSTEM: 'virtio' } }]);
  });

  test('which decoder reads which kdview request', () => {
    assert.deepEqual(
      ['kdview:sys', 'kdview:tasks', 'kdview:log', 'kdview:crashed', 'kdview:bt 140', ' kdview:bt-cpus', 'kdview:nope', 'sys', 'prog["jiffies"]'].map(drgnDecoderFor),
      ['sys', 'ps', 'log', 'bt', 'bt', 'bt', undefined, undefined, undefined],
    );
  });
});
