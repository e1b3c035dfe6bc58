// The live crash backend: the real crash under a pty, started with an
// argument array (never a shell).
import { PtyTransport } from './pty-transport.js';
import type { Transport } from '../protocol/transport.js';

export interface CrashSpawnOptions {
  crashPath: string;
  /** Absolute paths: they can never be read as options. */
  vmlinux: string;
  dump: string;
  extraArgs?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Large outputs through private files (default); false (or KDVIEW_BULK=pty) keeps everything on the pty. */
  bulk?: boolean;
}

export function crashArgs(o: Pick<CrashSpawnOptions, 'vmlinux' | 'dump' | 'extraArgs'>): string[] {
  return ['--no_crashrc', '--no_scroll', ...(o.extraArgs ?? []), o.vmlinux, o.dump];
}

export function spawnCrash(o: CrashSpawnOptions): Transport {
  return new PtyTransport({ file: o.crashPath, args: crashArgs(o), env: o.env, bulk: o.bulk ?? process.env.KDVIEW_BULK !== 'pty' });
}
