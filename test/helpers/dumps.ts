// Locates the shared real dumps and their unpacked vmlinux files.
// Without them a test skips loudly; under CI=true a missing dump is a failure.
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestContext } from 'node:test';

export type DumpName = 'bug' | 'sysrq' | 'lockchain';

export interface SharedDump {
  name: DumpName;
  vmlinux: string;
  vmcore: string;
  dir: string;
}

export function dumpsDir(): string {
  return process.env.KDVIEW_DUMPS_DIR ?? resolve(process.cwd(), '..', 'shared', 'dumps');
}

/** The dump, or undefined when it is missing (then the caller skips). */
export function findDump(name: DumpName): SharedDump | undefined {
  const dir = join(dumpsDir(), name);
  const vmcore = join(dir, 'vmcore');
  const vmlinux = name === 'bug' ? process.env.KDVIEW_VMLINUX_BUG : process.env.KDVIEW_VMLINUX_SYSRQ;
  if (!existsSync(vmcore) || vmlinux === undefined || !existsSync(vmlinux)) return undefined;
  return { name, vmlinux, vmcore, dir };
}

/**
 * Returns the dump, or skips the test with a loud message. Under CI=true a
 * missing dump throws, so CI can never pass by skipping.
 */
export function needDump(t: TestContext, name: DumpName): SharedDump | undefined {
  const d = findDump(name);
  if (d) return d;
  const msg = `shared dump '${name}' or its vmlinux is missing under ${dumpsDir()} (run npm test, which unpacks it)`;
  if (process.env.CI === 'true') throw new Error(`CI=true: ${msg}`);
  console.error(`\n*** SKIP: ${msg} ***\n`);
  t.skip(msg);
  return undefined;
}

/**
 * A private link to the dump in a fresh temp folder, so a leftover-process check
 * (which matches the dump path on crash's command line) sees only this test's crash.
 */
export function privateDump(vmcore: string): string {
  const link = join(mkdtempSync(join(tmpdir(), 'kdview-e2e-')), 'vmcore');
  symlinkSync(vmcore, link);
  return link;
}
