// The live crash backend against the real crash and the shared sysrq dump.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { awaitReady, prepareCrash, spawnPrepared } from '../../src/core/launch-crash.js';
import type { CrashClient, StartupInfo } from '../../src/protocol/crash-client.js';
import { findDump, needDump } from '../helpers/dumps.js';

describe('crash backend on the sysrq dump', () => {
  let client: CrashClient | undefined;
  let startup: StartupInfo | undefined;
  const progress: string[] = [];

  before(async () => {
    const d = findDump('sysrq');
    if (!d) return;
    const p = await prepareCrash(d.vmlinux, d.vmcore);
    client = spawnPrepared(p, [], { cancelGraceMs: 1500 });
    client.on('progress', (m) => progress.push(m));
    startup = await awaitReady(client);
  });

  after(async () => {
    await client?.quit();
  });

  test('start-up progress and the PID-hash warnings are surfaced', (t) => {
    if (!needDump(t, 'sysrq') || !startup) return;
    assert.ok(progress.includes('gathering task table data'), `progress: ${progress.join(' | ')}`);
    assert.ok(
      startup.warnings.some((w) => /WARNING: active task \w+ on cpu \d not found in PID hash/.test(w)),
      startup.warnings.join('\n'),
    );
    assert.match(startup.text, /PANIC: "Kernel panic - not syncing: sysrq triggered crash"/);
  });

  test('sys shows the panic string', async (t) => {
    if (!needDump(t, 'sysrq') || !client) return;
    const ex = await client.run('sys');
    assert.equal(ex.status, 'ok');
    assert.match(ex.output, /^ {7}PANIC: "Kernel panic - not syncing: sysrq triggered crash"$/m);
    assert.match(ex.output, /^ {6}KERNEL: /);
    assert.doesNotMatch(ex.output, /crash>|@@KDV/);
  });

  test('bt shows sysrq_handle_crash', async (t) => {
    if (!needDump(t, 'sysrq') || !client) return;
    const ex = await client.run('bt');
    assert.equal(ex.status, 'ok');
    assert.match(ex.output, /^PID: 142 +TASK: \w+ +CPU: 1 +COMMAND: "sh"$/m);
    assert.match(ex.output, / #\d+ \[\w+\] sysrq_handle_crash at \w+/);
  });

  test('an error is reported with crash’s own message', async (t) => {
    if (!needDump(t, 'sysrq') || !client) return;
    const ex = await client.run('bt 99999');
    assert.equal(ex.status, 'error');
    assert.equal(ex.error, 'bt: invalid task or pid value: 99999');
  });

  test('output that contains a prompt cannot end the frame early', async (t) => {
    if (!needDump(t, 'sysrq') || !client) return;
    const ex = await client.run('echo "crash> one"');
    assert.equal(ex.output, 'crash> one');
    const next = await client.run('echo two');
    assert.equal(next.output, 'two');
  });

  test('a cancelled long command leaves crash usable', async (t) => {
    if (!needDump(t, 'sysrq') || !client) return;
    const c = client;
    // With excluded pages read as zeros, this rd prints gigabytes: it only ends by Ctrl-C.
    assert.equal((await c.run('set zero_excluded on')).status, 'ok');
    const off = c.on('running', () => {
      off();
      c.cancel();
    });
    const ex = await c.run('rd -64 -p 0x100000 50000000');
    assert.equal(ex.status, 'cancelled');
    const after = await c.run('sys');
    assert.equal(after.status, 'ok');
    assert.match(after.output, /RELEASE: 6\.1\.0-56-cloud-amd64/);
  });

  test('a timeout cancels the command instead of killing crash', async (t) => {
    if (!needDump(t, 'sysrq') || !client) return;
    const pid = client.pid;
    const ex = await client.run('rd -64 -p 0x100000 50000000', { timeoutMs: 500 });
    assert.equal(ex.status, 'timeout');
    assert.match(ex.error ?? '', /timed out after 0\.5 s/);
    assert.equal(client.pid, pid);
    const again = await client.run('bt');
    assert.equal(again.status, 'ok');
    assert.match(again.output, /sysrq_handle_crash/);
  });

  test('a command that ignores Ctrl-C marks crash stuck, and it recovers when the command ends', async (t) => {
    if (!needDump(t, 'sysrq') || !client) return;
    // crash 8.0.2 does not abort gdb-driven `list -s` on SIGINT: the walk takes ~12 s.
    const ex = await client.run('list task_struct.tasks -s task_struct.pid,comm -h init_task', { timeoutMs: 300 });
    assert.equal(ex.status, 'timeout');
    assert.match(ex.error ?? '', /still busy/);
    assert.equal(client.state, 'stuck');
    const next = await client.run('sys');
    assert.equal(next.status, 'ok');
    assert.match(next.output, /TASKS: 4/);
  });
});

describe('crash dying', () => {
  test('a killed crash is reported with its exit and the pending command fails', async (t) => {
    const d = needDump(t, 'bug');
    if (!d) return;
    const client = spawnPrepared(await prepareCrash(d.vmlinux, d.vmcore));
    await awaitReady(client);
    const pid = client.pid;
    assert.ok(pid);
    const off = client.on('running', () => {
      off();
      process.kill(pid, 'SIGKILL');
    });
    const ex = await client.run('list task_struct.tasks -s task_struct.pid,comm -h init_task');
    assert.equal(ex.status, 'error');
    assert.match(ex.error ?? '', /crash exited .*signal 9/);
    assert.equal(client.state, 'dead');
    const later = await client.run('sys');
    assert.equal(later.status, 'error');
    assert.match(later.error ?? '', /crash is not running/);
  });
});
