// `kdview dumps` recognises a dump by its header whatever its name: copies of
// the real shared dump under names no kdump set-up uses (kdump-compressed, a
// makedumpfile -F flattened stream, an ELF core around the dump's own notes)
// are listed; an ELF core without VMCOREINFO, an ELF program and text are not.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { runDumps } from '../../src/cli/dumps-command.js';
import { hasDumpHeader } from '../../src/inspect/dump-sniff.js';
import { findDumps } from '../../src/inspect/find-dumps.js';
import { needDump } from '../helpers/dumps.js';
import { elfCore, kdumpNotes } from './fake-crash-dir.js';

const BUG = { release: '6.1.192-kdview', buildId: '8d8bbf41a619ed367626155e67e5d87d6d58d78d' };
const tmp = mkdtempSync(join(tmpdir(), 'kdview-by-content-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function put(rel: string, make: (p: string) => void): string {
  const p = join(tmp, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  make(p);
  return p;
}

test('dumps under any name are found by their header; names are hints', async (t) => {
  const bug = needDump(t, 'bug');
  if (!bug) return;
  const copied = put('host-a/memory-2026-11-26.img', (p) => copyFileSync(bug.vmcore, p));
  put('host-a/dmesg.txt', (p) => copyFileSync(join(bug.dir, 'dmesg.txt'), p));
  const elf = put('host-b/core.20261126', (p) => writeFileSync(p, elfCore(kdumpNotes(bug.vmcore), 4096)));
  const stamped = put('202611260416/saved.bin', (p) => copyFileSync(bug.vmcore, p));
  const userCore = put('host-b/core.1234', (p) => writeFileSync(p, elfCore(Buffer.alloc(0), 4096)));
  const program = put('host-b/tool', (p) => copyFileSync('/bin/ls', p));
  const text = put('host-b/notes', (p) => writeFileSync(p, 'KDUMP? no: just a note about the crash\n'));
  let flat: string | undefined = put('host-c/stream.part', (p) => {
    const fd = openSync(p, 'w');
    try {
      const r = spawnSync('makedumpfile', ['-F', '-c', '-d', '31', bug.vmcore], { stdio: ['ignore', fd, 'pipe'] });
      if (r.status !== 0) flat = undefined;
    } finally {
      closeSync(fd);
    }
  });
  if (flat === undefined && process.env.CI === 'true') throw new Error('CI=true: makedumpfile is missing (apt-get install makedumpfile)');

  const listing = await findDumps([tmp]);
  const paths = listing.dumps.map((d) => d.path).sort();
  assert.deepEqual(paths, [copied, elf, stamped, ...(flat ? [flat] : [])].sort());
  for (const p of [userCore, program, text]) assert.equal(await hasDumpHeader(p), false, p);

  const byPath = (p: string) => listing.dumps.find((d) => d.path === p);
  const c = byPath(copied);
  assert.equal(c?.format, 'kdump-compressed');
  assert.equal(c?.layout, 'plain');
  assert.equal(c?.release, BUG.release);
  assert.equal(c?.buildId, BUG.buildId);
  assert.equal(c?.problem, undefined);
  assert.equal(c?.dmesg?.path, join(tmp, 'host-a', 'dmesg.txt'), 'the only dump in its folder gets its dmesg.txt');
  const e = byPath(elf);
  assert.equal(e?.format, 'elf');
  assert.equal(e?.release, BUG.release);
  assert.equal(e?.machine, 'x86_64');
  assert.equal(byPath(stamped)?.layout, 'kdump-tools', 'a dump in a <YYYYMMDDHHMM> folder takes that layout');
  if (flat) {
    const f = byPath(flat);
    assert.equal(f?.format, 'flattened');
    assert.equal(f?.inner, 'kdump-compressed');
    assert.equal(f?.release, BUG.release);
  }

  // The command itself lists them.
  let out = '';
  const stdout = new Writable({ write: (chunk, _e, cb) => ((out += String(chunk)), cb()) });
  const code = await runDumps([tmp], { json: true }, { stdout, stderr: new Writable({ write: (_c, _e, cb) => cb() }) });
  assert.equal(code, 0);
  const json = JSON.parse(out) as { dumps: { path: string }[] };
  assert.deepEqual(json.dumps.map((d) => d.path).sort(), paths);
});
