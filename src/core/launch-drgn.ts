// Starts a live drgn session: find drgn, check the inputs, spawn it with
// kdview's helper, and wait for it to be ready.
import { spawnDrgn } from '../backend/drgn.js';
import { drgnVersion, findDrgn, INSTALL_DRGN_HINT } from '../backend/drgn-probe.js';
import { CliError } from '../model/user-error.js';
import type { BackendClient } from '../protocol/backend-client.js';
import { DrgnClient } from '../protocol/drgn-client.js';
import { randomNonce } from '../protocol/sentinel.js';
import { checkInputs, type Inputs } from './inputs.js';

export interface PreparedDrgn {
  inputs: Inputs;
  drgnPath: string;
  drgnVersion: string | undefined;
}

export async function prepareDrgn(vmlinux: string, dump: string): Promise<PreparedDrgn> {
  const drgnPath = findDrgn();
  const name = process.env.KDVIEW_DRGN ?? 'drgn';
  if (!drgnPath && name.includes('/')) throw new CliError(`drgn '${name}' (--drgn or KDVIEW_DRGN) is not an executable file`);
  if (!drgnPath) throw new CliError(`drgn is not installed (no '${name}' on PATH); ${INSTALL_DRGN_HINT}`);
  const inputs = await checkInputs(vmlinux, dump);
  return { inputs, drgnPath, drgnVersion: await drgnVersion(drgnPath) };
}

export function spawnPreparedDrgn(p: PreparedDrgn, extraSymbols: readonly string[] = []): BackendClient {
  const nonce = randomNonce();
  const transport = spawnDrgn({ drgnPath: p.drgnPath, vmlinux: p.inputs.vmlinux, dump: p.inputs.dump, nonce, extraSymbols: [...extraSymbols] });
  return new DrgnClient(transport, { nonce });
}
