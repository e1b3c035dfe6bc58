// The crash/drgn version sets the integration tests run on: the machine's own
// (Debian 12: crash 8.0.2, drgn 0.0.22) and the newer ones from the Debian 13
// root that scripts/trixie-root.sh builds (crash 8.0.6, drgn 0.0.31), whose
// wrappers come in $KDVIEW_TEST_CRASH_NEW / $KDVIEW_TEST_DRGN_NEW.
// Without the wrappers the newer set skips loudly; under CI=true it fails.
import { basename } from 'node:path';
import type { TestContext } from 'node:test';
import { spawnCrash } from '../../src/backend/crash.js';
import { spawnDrgn } from '../../src/backend/drgn.js';
import { drgnVersion, findDrgn } from '../../src/backend/drgn-probe.js';
import { crashVersion, findExecutable } from '../../src/backend/probe.js';
import { CrashClient } from '../../src/protocol/crash-client.js';
import { DrgnClient } from '../../src/protocol/drgn-client.js';
import { randomNonce } from '../../src/protocol/sentinel.js';

export interface EngineSet {
  label: 'stock' | 'new';
  crash: string;
  drgn: string;
  crashVersion: string;
  drgnVersion: string;
}

async function makeSet(label: EngineSet['label'], crash: string | undefined, drgn: string | undefined): Promise<EngineSet | string> {
  if (!crash || !findExecutable(crash)) return `crash for the ${label} set is missing (${crash ?? 'unset'})`;
  if (!drgn || !findExecutable(drgn)) return `drgn for the ${label} set is missing (${drgn ?? 'unset'})`;
  const [cv, dv] = await Promise.all([crashVersion(crash), drgnVersion(drgn)]);
  if (!cv || !dv) return `the ${label} set does not run: crash ${cv ?? '?'} (${crash}), drgn ${dv ?? '?'} (${drgn})`;
  return { label, crash, drgn, crashVersion: cv, drgnVersion: dv };
}

const cache = new Map<string, Promise<EngineSet | string>>();

function setFor(label: EngineSet['label']): Promise<EngineSet | string> {
  let p = cache.get(label);
  if (!p) {
    p =
      label === 'stock'
        ? makeSet('stock', findExecutable('crash'), findDrgn())
        : makeSet('new', process.env.KDVIEW_TEST_CRASH_NEW, process.env.KDVIEW_TEST_DRGN_NEW);
    cache.set(label, p);
  }
  return p;
}

/** The set, or undefined after skipping loudly; under CI=true a missing set fails. */
export async function needEngines(t: TestContext, label: EngineSet['label']): Promise<EngineSet | undefined> {
  const s = await setFor(label);
  if (typeof s !== 'string') return s;
  const hint = label === 'new' ? ' (run scripts/trixie-root.sh as root and export the two variables it prints)' : '';
  const msg = `${s}${hint}`;
  if (process.env.CI === 'true') throw new Error(`CI=true: ${msg}`);
  console.error(`\n*** SKIP: ${msg} ***\n`);
  t.skip(msg);
  return undefined;
}

/** The set without a test context (for before() hooks): undefined when missing. */
export async function engineSet(label: EngineSet['label']): Promise<EngineSet | undefined> {
  const s = await setFor(label);
  return typeof s === 'string' ? undefined : s;
}

export function startCrash(set: EngineSet, vmlinux: string, dump: string): CrashClient {
  return new CrashClient(spawnCrash({ crashPath: set.crash, vmlinux, dump }), { prompt: `${basename(set.crash)}> ` });
}

export function startDrgn(set: EngineSet, vmlinux: string, dump: string, extraSymbols: string[] = []): DrgnClient {
  const nonce = randomNonce();
  return new DrgnClient(spawnDrgn({ drgnPath: set.drgn, vmlinux, dump, nonce, extraSymbols }), { nonce });
}
