// Node's compile cache for kdview's modules: under $XDG_CACHE_HOME/kdview,
// off with KDVIEW_NO_COMPILE_CACHE=1, and a cache folder that cannot be made
// changes nothing for the user.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { compileCacheDir } from '../../src/cli/compile-cache.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdview-compile-cache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const LOG = join(process.cwd(), 'fixtures', 'dmesg', 'bug-console.log');

test('the folder: $XDG_CACHE_HOME/kdview/compile-cache, ~/.cache when XDG_CACHE_HOME is unset or relative', () => {
  assert.equal(compileCacheDir({ XDG_CACHE_HOME: '/x/cache' }, '/home/u'), '/x/cache/kdview/compile-cache');
  assert.equal(compileCacheDir({}, '/home/u'), '/home/u/.cache/kdview/compile-cache');
  assert.equal(compileCacheDir({ XDG_CACHE_HOME: 'rel' }, '/home/u'), '/home/u/.cache/kdview/compile-cache');
});

test('a report run fills the cache; KDVIEW_NO_COMPILE_CACHE=1 leaves it alone; an unusable folder is no error', async () => {
  const on = join(tmp, 'on');
  const r1 = await runCli(['report', '--no-record', '--log', LOG, '--format', 'json'], { env: { ...process.env, XDG_CACHE_HOME: on, XDG_STATE_HOME: join(tmp, 'state') } });
  assert.equal(r1.code, 3, r1.stderr);
  assert.ok(readdirSync(join(on, 'kdview', 'compile-cache')).length > 0, 'cache entries written');

  const off = join(tmp, 'off');
  const r2 = await runCli(['report', '--no-record', '--log', LOG, '--format', 'json'], { env: { ...process.env, XDG_CACHE_HOME: off, KDVIEW_NO_COMPILE_CACHE: '1', XDG_STATE_HOME: join(tmp, 'state') } });
  assert.equal(r2.code, 3, r2.stderr);
  assert.equal(existsSync(join(off, 'kdview', 'compile-cache')), false);

  // XDG_CACHE_HOME is a file: no cache, the same report, nothing on stderr about it.
  const file = join(tmp, 'a-file');
  writeFileSync(file, '');
  const r3 = await runCli(['report', '--no-record', '--log', LOG, '--format', 'json'], { env: { ...process.env, XDG_CACHE_HOME: file, XDG_STATE_HOME: join(tmp, 'state') } });
  assert.equal(r3.code, 3, r3.stderr);
  assert.equal(r3.stderr, r2.stderr);
  const strip = (s: string) => s.replace(/"generatedAt": "[^"]*"/, '');
  assert.equal(strip(r3.stdout), strip(r2.stdout));
});
