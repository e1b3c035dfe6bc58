// `kdview` with no arguments: a dump picker, then the TUI on the chosen dump.
import { render } from 'ink';
import React from 'react';
import { delimiter } from 'node:path';
import { resolveVmlinux } from '../core/resolve-vmlinux.js';
import { findDumps, type DumpInfo } from '../inspect/find-dumps.js';
import { EXIT } from '../model/user-error.js';
import { loadFleetPanel } from '../tui/fleet-panel.js';
import { DumpPicker } from '../ui/DumpPicker.js';
import { TUI_RENDER_OPTIONS } from '../ui/render-options.js';
import { requireTerminal, runTui, type TuiOptions } from './tui.js';

/** Where the picker looks: KDVIEW_DUMP_DIRS (':'-separated) or /var/crash. */
export function pickerDirs(env = process.env): string[] {
  return (env.KDVIEW_DUMP_DIRS ?? '/var/crash').split(delimiter).filter((d) => d !== '');
}

export async function runPicker(opts: TuiOptions & { vmlinux?: string; debugDir?: string; db?: string }): Promise<number> {
  requireTerminal();
  const [listing, fleet] = await Promise.all([findDumps(pickerDirs()), loadFleetPanel({ db: opts.db, sessionsDir: opts.sessionsDir })]);
  let picked: DumpInfo | undefined;
  const app = render(React.createElement(DumpPicker, { listing, fleet, onPick: (d) => (picked = d) }), TUI_RENDER_OPTIONS);
  await app.waitUntilExit();
  if (!picked) return listing.dumps.length === 0 ? EXIT.failed : EXIT.ok;
  const vmlinux = await resolveVmlinux(picked.path, { ...opts, say: (l) => process.stderr.write(`kdview: ${l}\n`) });
  return runTui(vmlinux, picked.path, opts);
}
