// Bulk outputs through crash's own `cmd > FILE` into a private folder: the
// same exchanges as through the pty, on the real crash and the shared bug dump.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { spawnCrash } from '../../src/backend/crash.js';
import { locateCrash } from '../../src/core/launch-crash.js';
import type { Exchange } from '../../src/model/exchange.js';
import { CrashClient } from '../../src/protocol/crash-client.js';
import type { Transport } from '../../src/protocol/transport.js';
import { findDump, needDump } from '../helpers/dumps.js';

async function open(bulk: boolean): Promise<{ client: CrashClient; transport: Transport } | undefined> {
  const d = findDump('bug');
  if (!d) return undefined;
  const transport = spawnCrash({ crashPath: locateCrash(), vmlinux: d.vmlinux, dump: d.vmcore, bulk });
  const client = new CrashClient(transport, { prompt: 'crash> ', cancelGraceMs: 5000 });
  await client.ready();
  return { client, transport };
}

const COMMANDS = ['sys', 'bt -a', 'log -m', 'ps', 'ps -m', 'foreach bt', 'kmem -i', 'mod', 'ps 99999', 'log -Z', 'foreach 99999 bt', 'foreach UN bt'];

describe('bulk output through private files (bug dump)', () => {
  let pty: Awaited<ReturnType<typeof open>>;
  let files: Awaited<ReturnType<typeof open>>;

  before(async () => {
    [pty, files] = await Promise.all([open(false), open(true)]);
  });

  after(async () => {
    await Promise.all([pty?.client.quit(), files?.client.quit()]);
  });

  test('every command gives the exchange the pty gives: output, status and error', async (t) => {
    if (!needDump(t, 'bug') || !pty || !files) return;
    assert.equal(pty.transport.bulk, undefined);
    assert.ok(files.transport.bulk);
    for (const command of COMMANDS) {
      const [a, b]: [Exchange, Exchange] = await Promise.all([pty.client.run(command), files.client.run(command)]);
      assert.equal(b.command, command, 'the exchange keeps the command as given');
      assert.equal(b.output, a.output, command);
      assert.equal(b.status, a.status, command);
      assert.equal(b.error, a.error, command);
    }
    const fbt = await files.client.run('foreach bt');
    assert.match(fbt.output, /^PID: 140 +TASK: \w+ +CPU: \d +COMMAND: "lkdtm-trigger"$/m);
    assert.doesNotMatch(fbt.output, /kdview-bulk|@@KDV/);
  });

  test('the folder is private (0700), holds no file between commands, and goes when crash exits', async (t) => {
    if (!needDump(t, 'bug')) return;
    const own = await open(true);
    assert.ok(own?.transport.bulk);
    const path = own.transport.bulk.path(0);
    assert.ok(path && /^\/[A-Za-z0-9/._-]+$/.test(path), String(path));
    const dir = dirname(path);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal((await own.client.run('ps')).status, 'ok');
    assert.deepEqual(readdirSync(dir), [], 'the file is removed once read');
    await own.client.quit();
    assert.equal(existsSync(dir), false, 'the folder is removed with crash');
  });

  test('a timeout cancels a bulk command and crash stays usable', async (t) => {
    if (!needDump(t, 'bug') || !files) return;
    // kmem -i walks every page (over a second on this dump): always past a 50 ms timeout, unlike foreach bt on 82 tasks.
    const ex = await files.client.run('kmem -i', { timeoutMs: 50 });
    assert.equal(ex.status, 'timeout');
    const next = await files.client.run('ps 1');
    assert.equal(next.status, 'ok');
    assert.match(next.output, /^ +1 +0 +\d +\w+ +IN /m);
  });

  test('when crash cannot write the file the command runs again on the pty, and the rest stay there', async (t) => {
    if (!needDump(t, 'bug') || !pty) return;
    const own = await open(true);
    assert.ok(own?.transport.bulk);
    const dir = dirname(own.transport.bulk.path(0) ?? '');
    rmSync(dir, { recursive: true, force: true });
    const [a, b]: [Exchange, Exchange] = await Promise.all([pty.client.run('ps'), own.client.run('ps')]);
    assert.equal(b.status, 'ok');
    assert.equal(b.output, a.output);
    const log = await own.client.run('log -m');
    assert.equal(log.status, 'ok');
    assert.match(log.output, /kernel BUG at drivers\/misc\/lkdtm\/bugs\.c:78!/);
    assert.equal(existsSync(dir), false, 'no folder was made again: the pty is used from then on');
    await own.client.quit();
  });
});
