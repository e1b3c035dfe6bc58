// The debuginfod path of findVmlinux against a real server: Debian's
// debuginfod, started here on a free loopback port, serving a folder that
// holds (a link to) the shared bug vmlinux.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { debuginfodCacheDir, type DownloadProgress } from '../../src/inspect/debuginfod.js';
import { inspectDump } from '../../src/inspect/dump-info.js';
import { findVmlinux } from '../../src/inspect/find-vmlinux.js';
import { readVmlinuxId } from '../../src/inspect/vmlinux-id.js';
import { findDump } from '../helpers/dumps.js';

const BUG_ID = '8d8bbf41a619ed367626155e67e5d87d6d58d78d';
const SYSRQ_ID = '3b43fad5034874490492495d552c0af6a5fab235';

test('debuginfod cache folder follows XDG_CACHE_HOME (absolute only)', () => {
  assert.equal(debuginfodCacheDir({ XDG_CACHE_HOME: '/x/cache' }, '/home/u'), '/x/cache/kdview/debuginfod');
  assert.equal(debuginfodCacheDir({ XDG_CACHE_HOME: 'rel' }, '/home/u'), '/home/u/.cache/kdview/debuginfod');
  assert.equal(debuginfodCacheDir({}, '/home/u'), '/home/u/.cache/kdview/debuginfod');
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => done(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** Polls the server's metrics until it has scanned `files` files, up to a deadline. */
async function waitScanned(url: string, files: number, deadlineMs: number, log: () => string): Promise<void> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const text = await fetch(`${url}/metrics`).then((r) => r.text(), () => '');
    const m = /scanned_files_total\{source="file"\} (\d+)/.exec(text);
    if (m && Number(m[1]) >= files) return;
    if (Date.now() > end) throw new Error(`debuginfod did not scan ${files} file(s) in ${deadlineMs} ms; its log:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50)); // poll interval, bounded by the deadline
  }
}

describe('findVmlinux through a real local debuginfod', () => {
  const bug = findDump('bug');
  const sysrq = findDump('sysrq');
  const have = spawnSync('debuginfod', ['--version']).status === 0;
  const tmp = mkdtempSync(join(tmpdir(), 'kdview-debuginfod-'));
  const root = join(tmp, 'root');
  const cacheDir = join(tmp, 'cache');
  let server: ChildProcess | undefined;
  let url = '';
  let skip: string | undefined;

  before(async () => {
    if (!have) skip = 'debuginfod is not installed (apt-get install debuginfod)';
    else if (!bug || !sysrq) skip = 'shared dumps or their vmlinux missing (run npm test)';
    if (skip) {
      if (process.env.CI === 'true') throw new Error(`CI=true: ${skip}`);
      console.error(`\n*** SKIP: ${skip} ***\n`);
      return;
    }
    mkdirSync(join(tmp, 'srv'));
    mkdirSync(root);
    symlinkSync(bug!.vmlinux, join(tmp, 'srv', 'vmlinux-6.1.192-kdview'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    let log = '';
    server = spawn('debuginfod', ['-F', '-L', '-p', String(port), '-d', join(tmp, 'db.sqlite'), '-t', '0', '-g', '0', '--disable-source-scan', join(tmp, 'srv')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (b: Buffer) => (log += b.toString()));
    server.stderr?.on('data', (b: Buffer) => (log += b.toString()));
    await waitScanned(url, 1, 30_000, () => log);
  });

  after(async () => {
    if (server && server.exitCode === null) {
      const gone = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await gone;
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  test('downloads by build-id with progress, into the cache, checked', async (t) => {
    if (skip) return t.skip(skip);
    const progress: DownloadProgress[] = [];
    const dump = await inspectDump(bug!.vmcore);
    const r = await findVmlinux(dump, { root, cacheDir, env: { DEBUGINFOD_URLS: url }, onProgress: (p) => progress.push(p) });
    const want = join(cacheDir, BUG_ID, 'debuginfo');
    assert.equal(r.path, want);
    assert.equal(r.path !== undefined && r.match, 'build-id');
    assert.ok(r.searched.includes(`debuginfod ${url}/buildid/${BUG_ID}/debuginfo: downloaded to ${want}`), r.searched.join('\n'));
    const size = statSync(bug!.vmlinux).size;
    assert.equal(statSync(want).size, size);
    const last = progress.at(-1);
    assert.deepEqual(last, { url: `${url}/buildid/${BUG_ID}/debuginfo`, received: size, total: size, done: true });
    assert.ok(progress.length > 2, 'progress while downloading');
    assert.ok(progress.every((p, i) => i === 0 || p.received >= (progress[i - 1]?.received ?? 0)), 'progress only grows');
    const id = await readVmlinuxId(want);
    assert.ok(id.ok && id.id.buildId === BUG_ID && id.id.debugInfo);
    assert.deepEqual(readdirSync(join(cacheDir, BUG_ID)), ['debuginfo'], 'no partial file left');
  });

  test('the second time it comes from the cache, without asking the server', async (t) => {
    if (skip) return t.skip(skip);
    let calls = 0;
    const dump = await inspectDump(bug!.vmcore);
    const r = await findVmlinux(dump, { root, cacheDir, env: { DEBUGINFOD_URLS: url }, onProgress: () => calls++ });
    assert.equal(r.path, join(cacheDir, BUG_ID, 'debuginfo'));
    assert.equal(calls, 0);
    assert.equal(r.searched.at(-1), `${join(cacheDir, BUG_ID, 'debuginfo')}: build-id matches`);
  });

  test('a build-id the server does not have: 404 in what was searched, nothing cached', async (t) => {
    if (skip) return t.skip(skip);
    const dump = await inspectDump(sysrq!.vmcore);
    const r = await findVmlinux(dump, { root, cacheDir, env: { DEBUGINFOD_URLS: url } });
    assert.equal(r.path, undefined);
    assert.equal(r.searched.at(-1), `debuginfod ${url}/buildid/${SYSRQ_ID}/debuginfo: HTTP 404 (not on this server)`);
    assert.deepEqual(readdirSync(join(cacheDir, SYSRQ_ID)), []);
  });

  test('listing mode (network: false) reads the cache but asks no server', async (t) => {
    if (skip) return t.skip(skip);
    const r = await findVmlinux(await inspectDump(sysrq!.vmcore), { root, cacheDir, env: { DEBUGINFOD_URLS: url }, network: false });
    assert.equal(r.path, undefined);
    assert.equal(r.searched.at(-1), 'debuginfod: servers not asked (listing only)');
  });
});
