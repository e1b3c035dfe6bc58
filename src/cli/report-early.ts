// `kdview report VMLINUX DUMP` with crash: crash is started before anything
// else loads (the parsers, the renderers, the rules, the fleet database take
// a good part of a second to import, more on a busy machine), as crash -s -i
// starts at once. Paths are absolute and go in an argument array; the report
// checks its inputs while crash loads and kills this crash if a check fails.
import { resolve } from 'node:path';
import { locateCrash, spawnPrepared } from '../core/launch-crash.js';
import type { CrashClient } from '../protocol/crash-client.js';

export function startCrashEarly(vmlinux: string, dump: string): CrashClient | undefined {
  let crashPath: string;
  try {
    crashPath = locateCrash();
  } catch {
    return undefined; // the report says crash is missing, in its own words
  }
  const inputs = { vmlinux: resolve(vmlinux), dump: resolve(dump), vmlinuxRelease: undefined };
  return spawnPrepared({ inputs, crashPath, crashVersion: undefined, dumpRelease: undefined }, []);
}
