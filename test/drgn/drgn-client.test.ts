// The live drgn backend against the real drgn and the shared bug dump.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { spawnDrgn } from '../../src/backend/drgn.js';
import { drgnVersion, findDrgn } from '../../src/backend/drgn-probe.js';
import { BackendExitError, type ExitInfo } from '../../src/protocol/crash-client.js';
import { DrgnClient, type DrgnStartupInfo } from '../../src/protocol/drgn-client.js';
import { randomNonce } from '../../src/protocol/sentinel.js';
import { decodeDrgnBacktrace, decodeDrgnSys } from '../../src/parsers/drgn-json.js';
import { findDump, needDump, type SharedDump } from '../helpers/dumps.js';

function startDrgn(d: SharedDump, opts: { dump?: string; cancelGraceMs?: number } = {}): DrgnClient {
  const drgnPath = findDrgn();
  if (!drgnPath) throw new Error('drgn is not installed');
  const nonce = randomNonce();
  const transport = spawnDrgn({ drgnPath, vmlinux: d.vmlinux, dump: opts.dump ?? d.vmcore, nonce });
  return new DrgnClient(transport, { nonce, cancelGraceMs: opts.cancelGraceMs ?? 5000 });
}

/** Resolves once the client has entered `state` (events, no sleeps). */
function whenState(c: DrgnClient, state: string): Promise<void> {
  return new Promise((resolve) => {
    const off = c.on('state', (s) => {
      if (s === state) {
        off();
        resolve();
      }
    });
  });
}

describe('drgn backend on the bug dump', () => {
  let client: DrgnClient | undefined;
  let startup: DrgnStartupInfo | undefined;

  before(async () => {
    const d = findDump('bug');
    if (!d) return;
    client = startDrgn(d);
    startup = await client.ready();
  });

  after(async () => {
    await client?.quit();
  });

  test('ready: the helper reports drgn’s version and no missing helpers; drgn’s warnings are surfaced', async (t) => {
    if (!needDump(t, 'bug') || !client || !startup) return;
    t.diagnostic(`drgn ready in ${startup.ms} ms`);
    assert.equal(client.state, 'ready');
    assert.equal(startup.helper.drgn, await drgnVersion(findDrgn() ?? 'drgn'));
    assert.deepEqual(startup.helper.missing, []);
    assert.ok(startup.warnings.every((w) => !w.includes('\n') && /^(warning|error|critical):/.test(w)), startup.warnings.join('\n'));
    assert.doesNotMatch(startup.text, /@@KDV/);
  });

  test('kdview:sys has the release and the panic', async (t) => {
    if (!needDump(t, 'bug') || !client) return;
    const ex = await client.run('kdview:sys');
    assert.equal(ex.status, 'ok', ex.error);
    const sys = decodeDrgnSys(ex.output);
    assert.deepEqual(sys.diagnostics, []);
    assert.equal(sys.value.release, '6.1.192-kdview');
    assert.equal(sys.value.panic, 'kernel BUG at drivers/misc/lkdtm/bugs.c:78!');
  });

  test('a Python snippet answers like drgn’s console', async (t) => {
    if (!needDump(t, 'bug') || !client) return;
    const ex = await client.run("prog['init_task'].comm");
    assert.equal(ex.status, 'ok');
    assert.equal(ex.output, '(char [16])"swapper/0"');
    assert.doesNotMatch(ex.output, />>>|@@KDV/);
  });

  test('multi-line input: blocks, several statements and expressions', async (t) => {
    if (!needDump(t, 'bug') || !client) return;
    const ex = await client.run('n = 0\nfor task in for_each_task(prog):\n    n += 1\n\nn\nprint("tasks:", n)\r\n');
    assert.equal(ex.status, 'ok', ex.output);
    assert.equal(ex.output, '80\ntasks: 80');
    const def = await client.run('def comm(pid):\n    return find_task(prog, pid).comm.string_().decode()\ncomm(140)');
    assert.equal(def.output, "'lkdtm-trigger'");
  });

  test('a Python exception gives status error with the exception line, and a traceback in the output', async (t) => {
    if (!needDump(t, 'bug') || !client) return;
    const ex = await client.run("prog['no_such_symbol']");
    assert.equal(ex.status, 'error');
    assert.equal(ex.error, "KeyError: 'no_such_symbol'");
    assert.match(ex.output, /^Traceback \(most recent call last\):/);
    assert.doesNotMatch(ex.output, /kdview_drgn\.py/);
    const syntax = await client.run('def f(:');
    assert.equal(syntax.status, 'error');
    assert.equal(syntax.error, 'SyntaxError: invalid syntax');
  });

  test('reading stdin gets EOF instead of eating the next request', async (t) => {
    if (!needDump(t, 'bug') || !client) return;
    const ex = await client.run('input()');
    assert.equal(ex.error, 'EOFError: EOF when reading a line');
    assert.equal((await client.run('6 * 7')).output, '42');
  });

  test('kdview requests that cannot be answered are errors, not tracebacks', async (t) => {
    if (!needDump(t, 'bug') || !client) return;
    const bt = await client.run('kdview:bt 99999');
    assert.equal(bt.status, 'error');
    assert.equal(bt.error, 'LookupError: no task with PID 99999');
    const unknown = await client.run('kdview:nope');
    assert.equal(unknown.status, 'error');
    assert.match(unknown.error ?? '', /unknown kdview request 'nope'/);
    assert.doesNotMatch(unknown.output, /Traceback/);
  });

  test('Ctrl-C cancels a running loop and drgn stays usable', async (t) => {
    if (!needDump(t, 'bug') || !client) return;
    const c = client;
    const off = c.on('running', () => {
      off();
      c.cancel();
    });
    const ex = await c.run('print("looping", flush=True)\nwhile True: pass');
    assert.equal(ex.status, 'cancelled');
    assert.equal(ex.output, 'looping');
    assert.equal((await c.run('1 + 1')).output, '2');
  });

  test('Ctrl-C sent before the helper has read the request still cancels that request', async (t) => {
    if (!needDump(t, 'bug') || !client) return;
    const c = client;
    const busy = whenState(c, 'busy').then(() => c.cancel());
    const ex = await c.run('while True: pass');
    await busy;
    assert.equal(ex.status, 'cancelled');
    assert.equal((await c.run('kdview:crashed')).status, 'ok');
  });

  test('a timeout cancels with Ctrl-C', async (t) => {
    if (!needDump(t, 'bug') || !client) return;
    const ex = await client.run('import time\nwhile True: time.sleep(0.01)', { timeoutMs: 300 });
    assert.equal(ex.status, 'timeout');
    assert.match(ex.error ?? '', /timed out after 0\.3 s/);
    assert.equal((await client.run('"still here"')).output, "'still here'");
  });

  test('the crashed thread’s stack', async (t) => {
    if (!needDump(t, 'bug') || !client) return;
    const ex = await client.run('kdview:crashed');
    const bt = decodeDrgnBacktrace(ex.output).value.tasks[0];
    assert.deepEqual([bt?.pid, bt?.command, bt?.cpu], [140, 'lkdtm-trigger', 0]);
    // Without lkdtm.ko drgn 0.0.22 cannot unwind the module frame; kdview names it from the module's symbol table.
    assert.deepEqual(bt?.frames[0] && [bt.frames[0].function, bt.frames[0].module, bt.frames[0].interrupted], ['lkdtm_BUG', 'lkdtm', true]);
  });
});

describe('drgn backend faults', () => {
  test('a drgn killed mid-request is reported, with the request failed and later requests refused', async (t) => {
    const d = needDump(t, 'bug');
    if (!d) return;
    const c = startDrgn(d);
    await c.ready();
    const exited = new Promise<ExitInfo>((resolve) => c.on('exit', resolve));
    const pid = c.pid;
    assert.ok(pid);
    const busy = whenState(c, 'busy').then(() => process.kill(pid, 'SIGKILL'));
    const ex = await c.run('while True: pass');
    await busy;
    assert.equal(ex.status, 'error');
    assert.match(ex.error ?? '', /^drgn exited \(exit code 137, signal 9\)/);
    const info = await exited;
    assert.equal(info.duringStartup, false);
    assert.equal(c.state, 'dead');
    assert.doesNotMatch(info.lastWords, /@@KDV/);
    const later = await c.run('1');
    assert.equal(later.status, 'error');
    assert.match(later.error ?? '', /^drgn is not running \(drgn exited/);
    assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
  });

  test('a file that is not a dump: drgn’s own error, before ready', async (t) => {
    const d = needDump(t, 'bug');
    if (!d) return;
    const c = startDrgn(d, { dump: d.vmlinux });
    await assert.rejects(c.ready(), (e: unknown) => e instanceof BackendExitError && e.info.message === 'drgn: error: not an ELF core file');
  });

  test('a vmlinux of another kernel is refused with a clear error', async (t) => {
    const d = needDump(t, 'bug');
    const other = findDump('sysrq');
    if (!d || !other) return;
    const c = startDrgn(d, { dump: other.vmcore });
    await assert.rejects(c.ready(), (e: unknown) => e instanceof BackendExitError && /^drgn: error: vmlinux and dump do not match: the dump is Linux 6\.1\.0-56-cloud-amd64/.test(e.info.message));
  });

  test('exit() in a snippet ends drgn after answering', async (t) => {
    const d = needDump(t, 'bug');
    if (!d) return;
    const c = startDrgn(d);
    await c.ready();
    const exited = new Promise<ExitInfo>((resolve) => c.on('exit', resolve));
    assert.equal((await c.run('exit()')).status, 'ok');
    assert.equal((await exited).exitCode, 0);
  });
});
