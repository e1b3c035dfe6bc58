// `kdview VMLINUX DUMP`: the interactive TUI on a live crash.
import { render } from 'ink';
import React from 'react';
import { prepareCrash, spawnPrepared } from '../app/launch-crash.js';
import type { ControllerOptions } from '../app/controller.js';
import type { initialState } from '../app/state.js';
import { CliError, EXIT } from '../model/user-error.js';
import { App } from '../ui/App.js';

export function requireTerminal(): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY)
    throw new CliError('the TUI needs a terminal (stdin and stdout a TTY); for scripts use `kdview batch` or `kdview report`');
}

export async function runApp(init: Parameters<typeof initialState>[0], controller: ControllerOptions): Promise<number> {
  const instance = render(React.createElement(App, { init, controller }), { exitOnCtrlC: false });
  await instance.waitUntilExit();
  return EXIT.ok;
}

export async function runTui(vmlinux: string, dump: string): Promise<number> {
  requireTerminal();
  const prepared = await prepareCrash(vmlinux, dump);
  return runApp(
    { mode: 'live', backendName: 'crash', vmlinux: prepared.inputs.vmlinux, dump: prepared.inputs.dump },
    { start: () => spawnPrepared(prepared) },
  );
}
