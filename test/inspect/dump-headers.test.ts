// The header readers on the real dumps and on damaged copies of them:
// truncation is found in the headers, the bitmap, the page data or the
// flattened stream's end; foreign files are named as such; nothing throws.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { inspectDump } from '../../src/inspect/dump-info.js';
import { buildIdFromNotes, parseNotes, vmcoreinfoFromNotes } from '../../src/inspect/elf-notes.js';
import { parseVmcoreinfo } from '../../src/inspect/vmcoreinfo.js';
import { needDump } from '../helpers/dumps.js';
import { kdumpNotes } from './fake-crash-dir.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdview-headers-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function cut(src: string, bytes: number, name: string): string {
  const fd = openSync(src, 'r');
  const buf = Buffer.alloc(bytes);
  const got = readSync(fd, buf, 0, bytes, 0);
  closeSync(fd);
  const p = join(tmp, name);
  writeFileSync(p, buf.subarray(0, got));
  return p;
}

test('parseVmcoreinfo reads the keys kdview uses', () => {
  const v = parseVmcoreinfo('OSRELEASE=6.1.192-kdview\nBUILD-ID=8D8BBF41\nPAGESIZE=4096\nCRASHTIME=1795666589\nSYMBOL(init_uts_ns)=ffffffff\nnot a line\n');
  assert.equal(v.osrelease, '6.1.192-kdview');
  assert.equal(v.buildId, '8d8bbf41');
  assert.equal(v.pageSize, 4096);
  assert.equal(v.crashTime, 1795666589);
  assert.equal(v.entries.get('SYMBOL(init_uts_ns)'), 'ffffffff');
  assert.deepEqual(parseVmcoreinfo('BUILD-ID=zz\nCRASHTIME=soon\n'), { entries: new Map([['BUILD-ID', 'zz'], ['CRASHTIME', 'soon']]) });
});

test('parseNotes stops quietly at a malformed note', () => {
  const h = Buffer.alloc(12);
  h.writeUInt32LE(4, 0);
  h.writeUInt32LE(2, 4);
  h.writeUInt32LE(3, 8);
  const good = Buffer.concat([h, Buffer.from('GNU\0'), Buffer.from([0xab, 0xcd, 0, 0])]);
  const bad = Buffer.alloc(12);
  bad.writeUInt32LE(4000, 0);
  const notes = parseNotes(Buffer.concat([good, bad]), true);
  assert.equal(notes.length, 1);
  assert.equal(buildIdFromNotes(notes), 'abcd');
  assert.equal(vmcoreinfoFromNotes(notes), undefined);
});

describe('real dumps and damaged copies', () => {
  test('the real ELF notes of the bug dump: 2 CPUs\' NT_PRSTATUS and VMCOREINFO', (t) => {
    const bug = needDump(t, 'bug');
    if (!bug) return;
    const notes = parseNotes(kdumpNotes(bug.vmcore), true);
    assert.deepEqual(notes.map((n) => `${n.name}/${n.type}`), ['CORE/1', 'CORE/1', 'VMCOREINFO/0']);
    assert.match(vmcoreinfoFromNotes(notes) ?? '', /^OSRELEASE=6\.1\.192-kdview\n/);
  });

  test('sysrq dump whole, then cut inside the page data, at the bitmap, and just before its end', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    const whole = await inspectDump(d.vmcore);
    assert.equal(whole.problem, undefined);
    assert.equal(whole.format, 'kdump-compressed');
    const size = statSync(d.vmcore).size;
    const nearEnd = await inspectDump(cut(d.vmcore, size - 100, 'near-end'));
    assert.equal(nearEnd.problem, `truncated: ${size - 100} bytes, the last page's data ends at ${size}`);
    assert.equal(nearEnd.buildId, '3b43fad5034874490492495d552c0af6a5fab235', 'the headers are still read');
    const mid = await inspectDump(cut(d.vmcore, 3_000_000, 'mid'));
    assert.equal(mid.problem, `truncated: 3000000 bytes, the last page's data ends at ${size}`);
    const bitmap = await inspectDump(cut(d.vmcore, 40_000, 'bitmap'));
    assert.match(bitmap.problem ?? '', /^truncated: 40000 bytes, the headers and bitmaps alone need \d+$/);
    const header = await inspectDump(cut(d.vmcore, 300, 'header'));
    assert.equal(header.problem, 'truncated: the kdump header is cut short (300 of 464 bytes)');
    assert.equal(header.release, undefined);
  });

  test('flattened stream cut short: no end marker', async (t) => {
    const d = needDump(t, 'bug');
    if (!d) return;
    const flat = join(tmp, 'bug.flat');
    const fd = openSync(flat, 'w');
    const r = spawnSync('makedumpfile', ['-F', '-c', '-d', '31', d.vmcore], { stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    if (r.error || r.status !== 0) {
      const msg = 'makedumpfile is not installed (apt-get install makedumpfile)';
      if (process.env.CI === 'true') throw new Error(`CI=true: ${msg}`);
      console.error(`\n*** SKIP: ${msg} ***\n`);
      return t.skip(msg);
    }
    const whole = await inspectDump(flat);
    assert.equal(whole.problem, undefined);
    assert.equal(whole.inner, 'kdump-compressed');
    const half = await inspectDump(cut(flat, Math.floor(statSync(flat).size / 2), 'half.flat'));
    assert.equal(half.format, 'flattened');
    assert.equal(half.release, '6.1.192-kdview');
    assert.equal(half.problem, 'truncated: the flattened stream has no end marker');
  });

  test('foreign and odd files: named, never thrown', async (t) => {
    const empty = join(tmp, 'empty');
    writeFileSync(empty, '');
    assert.equal((await inspectDump(empty)).problem, 'empty file');
    const dir = join(tmp, 'a-dir');
    mkdirSync(dir);
    assert.equal((await inspectDump(dir)).problem, 'not a regular file');
    assert.match((await inspectDump(join(tmp, 'missing'))).problem ?? '', /^cannot read: ENOENT/);
    const fakeKdump = join(tmp, 'bad-block');
    const h = Buffer.alloc(512);
    h.write('KDUMP   ', 0, 'latin1');
    h.writeInt32LE(6, 8);
    h.writeInt32LE(12345, 428);
    writeFileSync(fakeKdump, h);
    assert.match((await inspectDump(fakeKdump)).problem ?? '', /^corrupt kdump header \(block size 12345/);
    const bug = needDump(t, 'bug');
    if (!bug) return;
    const vm = await inspectDump(bug.vmlinux);
    assert.equal(vm.format, 'unknown');
    assert.equal(vm.problem, 'not a kernel dump: an ELF file but not a core dump (e_type 2)');
    const text = await inspectDump(join(bug.dir, 'dmesg.txt'));
    assert.equal(text.problem, 'not a kernel dump (no KDUMP, ELF or makedumpfile signature)');
    assert.ok(readFileSync(join(bug.dir, 'dmesg.txt')).length > 0);
  });
});
