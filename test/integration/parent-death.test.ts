// Fault injection: a backend that will not leave when kdview dies must still
// go when kdview is killed with SIGKILL (src/backend/guard.ts). The fake does
// what crash 8.0.2 does: it sets its own parent-death signal (SIGUSR2) and
// catches SIGHUP, and here its handlers hang, as crash's were seen to. The
// real crash is in session-roundtrip.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findExecutable } from '../../src/backend/probe.js';

const FAKE = `#!${findExecutable('python3') ?? '/usr/bin/python3'}
import ctypes, signal, time
ctypes.CDLL(None).prctl(1, signal.SIGUSR2)  # PR_SET_PDEATHSIG, as crash sets it
hang = lambda *_: time.sleep(3600)
signal.signal(signal.SIGUSR2, hang)
signal.signal(signal.SIGHUP, hang)
print('ready', flush=True)
time.sleep(3600)
`;

const transport = fileURLToPath(new URL('../../src/backend/pty-transport.js', import.meta.url));

function alive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
  } catch {
    return false;
  }
}

test('a backend that hangs in its hang-up and parent-death handlers still goes when kdview is killed with SIGKILL', async (t) => {
  if (process.platform !== 'linux' || findExecutable('python3') === undefined) {
    if (process.env.CI === 'true') assert.fail('python3 is missing: .ci/run installs it with python3-drgn');
    t.skip('needs Linux and python3 for the fake backend');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kdview-pdeath-'));
  const fake = join(dir, 'crash');
  writeFileSync(fake, FAKE, { mode: 0o755 });
  const host = join(dir, 'host.mjs');
  writeFileSync(host, [
    `import { PtyTransport } from ${JSON.stringify(pathToFileURL(transport).href)};`,
    `const t = new PtyTransport({ file: ${JSON.stringify(fake)}, args: [] });`,
    `t.onData((d) => { if (d.includes('ready')) console.log(t.pid); });`,
    'setInterval(() => {}, 1000);',
  ].join('\n'));
  const child = spawn(process.execPath, [host], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fake backend never said ready')), 20_000);
    child.stdout.on('data', (b: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(b).trim()));
    });
  });
  t.after(() => {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  });
  assert.ok(alive(pid), `fake backend ${pid} runs`);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const end = Date.now() + 10_000;
  while (alive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 25)); // poll, bounded by the deadline
  assert.equal(alive(pid), false, `fake backend ${pid} outlived kdview`);
});
