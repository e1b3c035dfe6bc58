import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareKernelRelease, inReleaseRange, sortReleases } from '../../src/store/kernel-version.js';

test('kernel releases sort by version, release candidates before their release', () => {
  const shuffled = ['6.10.1', '6.1.0-56-cloud-amd64', '6.8.0', '5.15.0-91-generic', '6.1.192-kdview', '6.8.0-rc3', '6.1.0-13-amd64', '6.2'];
  assert.deepEqual(sortReleases(shuffled), ['5.15.0-91-generic', '6.1.0-13-amd64', '6.1.0-56-cloud-amd64', '6.1.192-kdview', '6.2', '6.8.0-rc3', '6.8.0', '6.10.1']);
  assert.ok(compareKernelRelease('6.1.9', '6.1.10') < 0);
  assert.ok(compareKernelRelease('6.6.0-rc7', '6.6') < 0);
  assert.equal(compareKernelRelease('6.1.9', '6.1.9'), 0);
});

test('release ranges: from is inclusive, before is exclusive', () => {
  assert.equal(inReleaseRange('6.1.0-13-amd64', { from: '6.1', before: '6.2' }), true);
  assert.equal(inReleaseRange('6.2.1', { from: '6.1', before: '6.2' }), false);
  assert.equal(inReleaseRange('5.10.200', { from: '6.1' }), false);
  assert.equal(inReleaseRange('5.10.200', {}), true);
});
