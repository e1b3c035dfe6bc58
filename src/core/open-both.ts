// `--backend both` (the TUI's default when crash and drgn are both
// installed): prepares both engines; when one of them cannot be prepared
// (not installed, a vmlinux it refuses), the other runs alone and says why.
import { findDrgn } from '../backend/drgn-probe.js';
import { findExecutable } from '../backend/probe.js';
import { CliError } from '../model/user-error.js';
import type { BackendClient } from '../protocol/backend-client.js';
import { BothClient } from '../protocol/both-client.js';
import { bothProfile } from './profiles/both.js';
import type { BackendProfile } from './backend-profile.js';
import { chooseBackend, prepareBackend, type PreparedBackend } from './open-backend.js';

export type EngineChoice = 'crash' | 'drgn' | 'both';

/** `--backend crash|drgn|both`; by default both when both are installed, else the one that is. */
export function chooseEngines(flag: string | undefined): EngineChoice {
  if (flag === 'both') return 'both';
  if (flag !== undefined) {
    if (flag === 'crash' || flag === 'drgn') return flag;
    throw new CliError(`--backend '${flag}': expected crash, drgn or both`);
  }
  if (findExecutable(process.env.KDVIEW_CRASH ?? 'crash') && findDrgn()) return 'both';
  return chooseBackend(undefined);
}

export interface PreparedEngines {
  /** The prepared engine(s): both, or the one that could be prepared. */
  choice: EngineChoice;
  /** What the session is recorded as (drgn's, when both: its exchanges replay at the exchange level). */
  record: PreparedBackend;
  crash?: PreparedBackend;
  drgn?: PreparedBackend;
  /** Why one engine was left out. */
  warnings: string[];
  spawn(): BackendClient;
  profile?: (client: BackendClient) => BackendProfile | undefined;
}

export async function prepareEngines(choice: EngineChoice, vmlinux: string, dump: string): Promise<PreparedEngines> {
  if (choice !== 'both') {
    const p = await prepareBackend(choice, vmlinux, dump);
    return { choice, record: p, [choice]: p, warnings: [], spawn: () => p.spawn() };
  }
  const [d, c] = await Promise.allSettled([prepareBackend('drgn', vmlinux, dump), prepareBackend('crash', vmlinux, dump)]);
  if (d.status === 'fulfilled' && c.status === 'fulfilled') {
    const drgn = { ...d.value, version: `${d.value.version ?? '?'} + crash ${c.value.version ?? '?'}` };
    return {
      choice,
      record: drgn,
      crash: c.value,
      drgn: d.value,
      warnings: [],
      spawn: () => new BothClient(d.value.spawn(), c.value.spawn()),
      profile: (client) => (client instanceof BothClient ? bothProfile(client) : undefined),
    };
  }
  if (d.status === 'rejected' && c.status === 'rejected') throw c.reason;
  const ok = (d.status === 'fulfilled' ? d.value : (c as PromiseFulfilledResult<PreparedBackend>).value);
  const why = d.status === 'rejected' ? `drgn: ${(d.reason as Error).message}` : `crash: ${((c as PromiseRejectedResult).reason as Error).message}`;
  return { choice: ok.backend, record: ok, [ok.backend]: ok, warnings: [`${why}; ${ok.backend} runs alone`], spawn: () => ok.spawn() };
}
