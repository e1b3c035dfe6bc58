// Opens one dump in crash and drgn of one version set, runs the commands that
// fill the panes in each, and folds the answers into two Models through the
// same step the TUI uses (applyExchange).
import assert from 'node:assert/strict';
import { applyExchange } from '../../src/core/apply-exchange.js';
import { CRASH_PROFILE, DRGN_PROFILE } from '../../src/core/backend-profile.js';
import { emptyModels, type Models } from '../../src/core/models.js';
import type { CrashClient, StartupInfo } from '../../src/protocol/crash-client.js';
import type { DrgnClient } from '../../src/protocol/drgn-client.js';
import type { SharedDump } from '../helpers/dumps.js';
import { startCrash, startDrgn, type EngineSet } from '../helpers/engines.js';

export interface BothRun {
  crash: Models;
  drgn: Models;
  crashStartup: StartupInfo;
  drgnStartup: StartupInfo;
  crashClient: CrashClient;
  drgnClient: DrgnClient;
  close(): Promise<void>;
}

async function fill(client: CrashClient | DrgnClient, commands: readonly string[]): Promise<Models> {
  let m = emptyModels();
  for (const c of commands) {
    const ex = await client.run(c);
    assert.equal(ex.status, 'ok', `${c}: ${ex.error ?? ''}`);
    m = applyExchange(m, ex);
  }
  return m;
}

export async function runBoth(set: EngineSet, d: SharedDump, extraDrgn: readonly string[] = []): Promise<BothRun> {
  const crashClient = startCrash(set, d.vmlinux, d.vmcore);
  const drgnClient = startDrgn(set, d.vmlinux, d.vmcore);
  const close = async () => {
    await Promise.all([crashClient.quit(), drgnClient.quit()]);
  };
  try {
    const [crashStartup, drgnStartup] = await Promise.all([crashClient.ready(), drgnClient.ready()]);
    const [crash, drgn] = await Promise.all([
      fill(crashClient, CRASH_PROFILE.initial),
      fill(drgnClient, [...DRGN_PROFILE.initial, ...DRGN_PROFILE.background, ...extraDrgn]),
    ]);
    return { crash, drgn, crashStartup, drgnStartup, crashClient, drgnClient, close };
  } catch (err) {
    await close();
    throw err;
  }
}
