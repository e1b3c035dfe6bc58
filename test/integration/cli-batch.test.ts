// `kdview batch` end to end: the built CLI, the real crash, the shared dumps,
// and every kind of bad input.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli, type CliResult } from '../helpers/cli.js';
import { needDump } from '../helpers/dumps.js';
import { noProcessesLeft } from '../helpers/procs.js';
import { portableCli } from '../helpers/world-readable.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdview-cli-'));
after(() => undefined);

function oneLineError(r: CliResult, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0] ?? '', /^kdview: /);
  assert.match(lines[0] ?? '', pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

describe('bad input: one line, exit 2, no crash left behind', () => {
  const files = {
    missing: join(tmp, 'no-such-vmcore'),
    dir: join(tmp, 'a-directory'),
    empty: join(tmp, 'empty'),
    random: join(tmp, 'random.bin'),
    noRead: join(tmp, 'unreadable'),
  };
  mkdirSync(files.dir);
  writeFileSync(files.empty, '');
  writeFileSync(files.random, randomBytes(1 << 16));
  writeFileSync(files.noRead, randomBytes(4096));
  chmodSync(files.noRead, 0o600);

  test('a missing vmlinux or dump', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    oneLineError(await runCli(['batch', '-c', 'sys', files.missing, d.vmcore]), /vmlinux '.*no-such-vmcore': no such file/);
    oneLineError(await runCli(['batch', '-c', 'sys', d.vmlinux, files.missing]), /dump '.*no-such-vmcore': no such file/);
  });

  test('a directory', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    oneLineError(await runCli(['batch', '-c', 'sys', d.vmlinux, files.dir]), /dump '.*a-directory': is a directory/);
  });

  test('an empty file', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    oneLineError(await runCli(['batch', '-c', 'sys', d.vmlinux, files.empty]), /dump '.*empty': is empty/);
  });

  test('random bytes as the dump: crash’s own message', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    const r = await runCli(['batch', '-c', 'sys', d.vmlinux, files.random]);
    oneLineError(r, /random\.bin: not a supported file format/);
    assert.deepEqual(await noProcessesLeft(files.random), []);
  });

  test('a non-ELF vmlinux', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    oneLineError(await runCli(['batch', '-c', 'sys', files.random, d.vmcore]), /vmlinux '.*random\.bin': not an ELF file/);
  });

  test('an ELF file without kernel debug info (/bin/ls)', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    oneLineError(await runCli(['batch', '-c', 'sys', '/bin/ls', d.vmcore]), /vmlinux '\/bin\/ls': is an ELF file but not a Linux kernel image/);
  });

  test('an unreadable file (as an unprivileged user)', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    if (process.getuid?.() !== 0) {
      oneLineError(await runCli(['batch', '-c', 'sys', d.vmlinux, '/etc/shadow']), /permission denied/);
      return;
    }
    // As root every file is readable: drop to nobody with setpriv (util-linux) for this one run.
    // nobody may not reach this checkout (a private folder): it runs a world-readable copy of the CLI.
    chmodSync(tmp, 0o755);
    const cli = portableCli();
    t.after(() => cli.remove());
    const r = await runCli(['--reuid=65534', '--regid=65534', '--clear-groups', cli.node, cli.cli, 'batch', '-c', 'sys', files.noRead, files.random], {
      file: 'setpriv',
      cwd: cli.dir,
    });
    oneLineError(r, /vmlinux '.*unreadable': permission denied/);
  });

  test('crash not installed: says how to install it', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    const env = { ...process.env, PATH: dirname(process.execPath) };
    const r = await runCli(['batch', '--backend', 'crash', '-c', 'sys', d.vmlinux, d.vmcore], { env });
    oneLineError(r, /crash is not installed.*apt install crash.*dnf install crash.*pacman -S crash/);
    // Without --backend, kdview falls back to drgn; with neither installed it names both.
    const both = await runCli(['batch', '-c', 'sys', d.vmlinux, d.vmcore], { env });
    oneLineError(both, /neither crash nor drgn is installed.*apt install crash.*apt install python3-drgn/);
  });

  test('a vmlinux of another kernel is named before the slow load', async (t) => {
    const sysrq = needDump(t, 'sysrq');
    const bug = needDump(t, 'bug');
    if (!sysrq || !bug) return;
    const r = await runCli(['batch', '-c', 'sys', sysrq.vmlinux, bug.vmcore]);
    oneLineError(r, /is Linux 6\.1\.0-56-cloud-amd64 but dump .* is Linux 6\.1\.192-kdview/);
  });
});

describe('batch on the real dump', () => {
  test('--json prints one exchange per line with real crash output; exit 0', async (t) => {
    const d = needDump(t, 'sysrq');
    if (!d) return;
    const r = await runCli(['batch', d.vmlinux, d.vmcore, '-c', 'sys', '-c', 'bt', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 2);
    assert.equal(lines[0]?.command, 'sys');
    assert.match(String(lines[0]?.output), /PANIC: "Kernel panic - not syncing: sysrq triggered crash"/);
    assert.equal(lines[1]?.command, 'bt');
    assert.match(String(lines[1]?.output), /sysrq_handle_crash/);
    for (const l of lines) {
      assert.equal(l.status, 'ok');
      assert.equal(typeof l.ms, 'number');
      assert.ok(!Number.isNaN(Date.parse(String(l.startedAt))));
    }
    assert.match(r.stderr, /not found in PID hash/, 'start-up warnings are surfaced');
  });

  test('odd paths work, and a failing command makes the exit 1', async (t) => {
    const d = needDump(t, 'bug');
    if (!d) return;
    const dir = join(tmp, `odd dir ü "q" 'x'`);
    mkdirSync(dir);
    symlinkSync(d.vmlinux, join(dir, '-vmlinux'));
    symlinkSync(d.vmcore, join(dir, `dump ü 'q' "x"`));
    const r = await runCli(['batch', '-c', 'sys', '-c', 'bt 99999', '--', '-vmlinux', `dump ü 'q' "x"`], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /=== crash> sys/);
    assert.match(r.stdout, /PANIC: "kernel BUG at drivers\/misc\/lkdtm\/bugs\.c:78!"/);
    assert.match(r.stdout, /=== crash> bt 99999 .*ERROR: bt: invalid task or pid value: 99999/);
    assert.deepEqual(await noProcessesLeft(dir), []);
  });
});
