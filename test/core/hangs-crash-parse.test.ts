// The crash side's readers on real crash 8.0.2 output from lockchain: the
// waiter record on dbwriter's stack, the wait-list offset, the slab cache,
// the dentry name. Pure: no crash needed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { findWaiter } from '../../src/core/hangs-crash.js';
import { fieldHex, fieldString, parseFields, parseKmemSlab, parseOffsets, parseStackWords } from '../../src/parsers/crash-fields.js';

const fx = (name: string) => readFileSync(`fixtures/hangs/${name}`, 'utf8');

describe('crash readers for the hang analysis', () => {
  test('the rwsem_waiter on dbwriter’s stack links to the i_rwsem’s wait list', () => {
    const words = parseStackWords(fx('lockchain-dbwriter-rd-s.txt'));
    assert.equal(words.length, 64);
    assert.equal(words.find((w) => w.symbol?.startsWith('rwsem_down_write_slowpath'))?.symbol, 'rwsem_down_write_slowpath+789');
    const at = words.findIndex((w) => w.symbol?.startsWith('rwsem_down_write_slowpath+'));
    const node = findWaiter(words, 0xffff8a0302db8000n, 'rwsem', at, at + 96);
    assert.ok(node);
    assert.equal(node.at, 0xffffcc7f40443b50n);
    assert.equal(node.next, 0xffffcc7f4046bd50n, 'the next waiter, on another stack');
    assert.equal(node.prev, 0xffff8a0301457518n, 'the head: i_rwsem + offsetof(wait_list)');
    const off = parseOffsets(fx('struct-rw_semaphore-o.txt')).get('wait_list');
    assert.equal(off, 24);
    assert.equal(node.prev - BigInt(off ?? 0), 0xffff8a0301457500n);
    assert.equal(findWaiter(words, 0xffff8a0302db8000n, 'completion', at, at + 96), undefined, 'no swait_queue shape in that frame');
    assert.ok(findWaiter(words, 0xffff8a0302db8000n, 'completion'), 'searching the whole stack would find a false one: hence the window');
    assert.equal(findWaiter(words, 0xffff8a0310c31800n, 'rwsem', at, at + 96), undefined, 'another task’s record is not on this stack');
  });

  test('offsets of named unions, slab cache and object, dentry name and parent', () => {
    const d = parseOffsets(fx('struct-dentry-o.txt'));
    assert.equal(d.get('d_u'), 176);
    assert.equal(d.get('d_parent'), 24);
    assert.equal(d.get('d_iname'), 56);
    assert.deepEqual(parseKmemSlab(fx('kmem-s-inode.txt')), { cache: 'ext4_inode_cache', object: 'ffff8a0301457338' });
    assert.equal(parseKmemSlab('kmem: address is not allocated in slab subsystem: ffffcc7f40443b50'), undefined);
    const f = parseFields(fx('struct-dentry-name.txt'));
    assert.equal(fieldString(f.get('d_name.name')), 'db.log');
    assert.equal(fieldHex(f.get('d_parent')), 'ffff8a030210c480');
    assert.equal(fieldString('"vdb\\000\\000\\000"'), 'vdb');
    assert.equal(fieldHex(parseFields('  owner = {\n    counter = 0xffff8a0310c31800\n  },\n').get('owner.counter')), 'ffff8a0310c31800');
  });
});
