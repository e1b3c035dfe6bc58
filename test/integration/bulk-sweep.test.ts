// A kdview killed with SIGKILL in the middle of a bulk command leaves its
// private folder (kdview-bulk-PID-XXXXXX) behind: the next kdview to make a
// bulk folder removes it, and removes nothing that is alive or not its own.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sweepStale, TempBulkFiles } from '../../src/backend/bulk-files.js';

const module = pathToFileURL(fileURLToPath(new URL('../../src/backend/bulk-files.js', import.meta.url))).href;

/** The pid of a process that has exited (and was reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

test('a kdview killed with SIGKILL during a bulk command leaves its folder, and the next one removes it', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'kdview-sweep-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  // A kdview-like process: makes its bulk folder, has "crash" half-write an output, then hangs until killed.
  const host = [
    `import { TempBulkFiles } from ${JSON.stringify(module)};`,
    'import { writeFileSync } from "node:fs";',
    `const b = new TempBulkFiles([${JSON.stringify(root)}]);`,
    'const p = b.path(7);',
    'writeFileSync(p, "PID: 1  TASK: ffff\\n");',
    'console.log(p);',
    'setInterval(() => {}, 1000);',
  ].join('\n');
  const child = spawn(process.execPath, ['--input-type=module', '-e', host], { stdio: ['ignore', 'pipe', 'inherit'] });
  const path = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the host exited early (${code})`)));
    child.stdout.once('data', (b: Buffer) => resolve(String(b).trim()));
  });
  child.removeAllListeners('exit');
  const folder = join(path, '..');
  assert.match(folder, new RegExp(`/kdview-bulk-${child.pid}-[A-Za-z0-9]{6}$`));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  assert.ok(existsSync(path), 'SIGKILL runs no exit handler: the folder is left behind');

  const next = new TempBulkFiles([root]);
  t.after(() => next.dispose());
  const mine = next.path(1);
  assert.ok(mine?.includes(`/kdview-bulk-${process.pid}-`), mine);
  assert.deepEqual(await next.swept, [folder]);
  assert.equal(existsSync(folder), false);
  assert.ok(existsSync(join(mine!, '..')), 'its own folder stays');
});

test('the sweep leaves live pids, other names, files and links alone', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'kdview-sweep-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const dead = deadPid();
  const target = mkdtempSync(join(tmpdir(), 'kdview-sweep-target-'));
  t.after(() => rmSync(target, { recursive: true, force: true }));
  const keep = [
    `kdview-bulk-${process.pid}-Aaaaaa`, // alive (this process)
    `kdview-bulk-1-Bbbbbb`, // alive (init; EPERM or not, it runs)
    'kdview-bulk-Cccccc', // the old name without a pid: cannot tell whose
    `kdview-bulk-${dead}-toolong7`, // not a name mkdtemp makes
  ];
  for (const name of keep) mkdirSync(join(root, name));
  writeFileSync(join(root, `kdview-bulk-${dead}-Ffffff`), 'a file, not a folder');
  symlinkSync(target, join(root, `kdview-bulk-${dead}-Llllll`));
  mkdirSync(join(root, `kdview-bulk-${dead}-Dddddd`));
  writeFileSync(join(root, `kdview-bulk-${dead}-Dddddd`, 'out-3.txt'), 'x');

  assert.deepEqual(await sweepStale(root), [join(root, `kdview-bulk-${dead}-Dddddd`)]);
  assert.deepEqual(readdirSync(root).sort(), [...keep, `kdview-bulk-${dead}-Ffffff`, `kdview-bulk-${dead}-Llllll`].sort());
  assert.ok(existsSync(target), 'a link is never followed');
  assert.deepEqual(await sweepStale(join(root, 'missing')), [], 'a missing root is no error');
});
