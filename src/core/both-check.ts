// The cross-check when both engines run in one session: once crash is ready,
// kdview asks crash for its own view of the facts drgn already gave (sys, the
// crashing stack, the log, ps) without showing those answers in the panes,
// and compares. UI-free.
import type { BothClient } from '../protocol/both-client.js';
import type { CrossCheck } from '../report/model.js';
import { applyExchange } from './apply-exchange.js';
import { crossCheck } from './analysis/cross-check.js';
import { CRASH_PROFILE } from './backend-profile.js';
import { emptyModels, type Models } from './models.js';
import { tableIncomplete } from './task-recovery.js';

export async function checkBoth(client: BothClient, drgn: () => Models, versions: { crash?: string; drgn?: string }, warnings: readonly string[]): Promise<CrossCheck | undefined> {
  let crash = emptyModels();
  for (const command of CRASH_PROFILE.initial) {
    const ex = await client.runQuiet(command);
    if (ex.status !== 'ok') return undefined;
    crash = applyExchange(crash, ex);
  }
  return crossCheck({ crash, drgn: drgn(), crashVersion: versions.crash, drgnVersion: versions.drgn, crashTableIncomplete: tableIncomplete(warnings) });
}
