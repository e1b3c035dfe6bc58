// `kdview VMLINUX DUMP`: the interactive TUI on a live crash.
import { render } from 'ink';
import React from 'react';
import { recordPrepared } from '../core/open-backend.js';
import { chooseEngines, prepareEngines } from '../core/open-both.js';
import { ReplayClient } from '../protocol/replay-client.js';
import type { ControllerOptions } from '../tui/controller.js';
import type { initialState } from '../tui/state.js';
import { CliError, EXIT } from '../model/user-error.js';
import { App } from '../ui/App.js';
import { TUI_RENDER_OPTIONS } from '../ui/render-options.js';
import { fileURLToPath } from 'node:url';
import { historyFromDir } from '../core/history-source.js';
import { ReplayTransport } from '../backend/replay-transport.js';
import { CrashClient } from '../protocol/crash-client.js';
import { sessionsDir } from '../session/paths.js';
import { readSession } from '../session/reader.js';
import { resolveSession } from '../session/store.js';
import { kdviewVersion } from './version.js';
import { knownMatcher } from '../tui/known.js';
import { KnownContext } from '../ui/known-context.js';
import { loadRunRules } from './known-rules.js';

export function requireTerminal(): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY)
    throw new CliError('the TUI needs a terminal (stdin and stdout a TTY); for scripts use `kdview batch` or `kdview report`');
}

export async function runApp(init: Parameters<typeof initialState>[0], controller: ControllerOptions, rulesDirs: readonly string[] = []): Promise<number> {
  const problems: string[] = [];
  const matcher = knownMatcher(await loadRunRules(rulesDirs, (m) => problems.push(m)));
  const app = React.createElement(App, { init, controller });
  const instance = render(React.createElement(KnownContext.Provider, { value: matcher }, app), TUI_RENDER_OPTIONS);
  await instance.waitUntilExit();
  for (const p of problems) process.stderr.write(`kdview: ${p}\n`);
  return EXIT.ok;
}

export interface TuiOptions {
  sessionsDir?: string;
  record?: boolean;
  backend?: string;
}

export async function runTui(vmlinux: string, dump: string, opts: TuiOptions = {}): Promise<number> {
  requireTerminal();
  const engines = await prepareEngines(chooseEngines(opts.backend), vmlinux, dump);
  const prepared = engines.record;
  const warnings: string[] = [...engines.warnings];
  const recorder = await recordPrepared(prepared, { ...opts, kdview: kdviewVersion() }, 'tui', (m) => warnings.push(m));
  const both = engines.choice === 'both';
  const code = await runApp(
    {
      mode: 'live',
      backendName: both ? 'both' : prepared.backend,
      backendVersion: both ? `drgn ${engines.drgn?.version ?? '?'} + crash ${engines.crash?.version ?? '?'}` : prepared.version,
      vmlinux: prepared.inputs.vmlinux,
      dump: prepared.inputs.dump,
    },
    {
      start: () => engines.spawn(),
      profile: engines.profile,
      versions: { crash: engines.crash?.version, drgn: engines.drgn?.version },
      onExchange: recorder.exchange,
      onStartup: recorder.startup,
      history: historyFromDir(sessionsDir(opts.sessionsDir)),
    },
  );
  await recorder.close();
  for (const w of warnings) process.stderr.write(`kdview: ${w}\n`);
  if (recorder.path) process.stderr.write(`kdview: session recorded to ${recorder.path}\n`);
  return code;
}

/** `kdview replay SESSION` and `kdview --demo`: the TUI fed from a recording. */
export async function runReplay(arg: string, opts: TuiOptions = {}): Promise<number> {
  requireTerminal();
  const path = await resolveSession(arg, sessionsDir(opts.sessionsDir));
  const session = await readSession(path);
  for (const w of session.warnings) process.stderr.write(`kdview: ${path}: ${w}\n`);
  return runApp(
    {
      mode: 'replay',
      backendName: session.header.backend,
      backendVersion: session.header.backendVersion ?? undefined,
      vmlinux: session.header.vmlinux?.path,
      dump: session.header.dump.path,
    },
    {
      // crash sessions replay through the whole crash protocol; drgn ones at the exchange level.
      start: () => (session.header.backend === 'drgn' ? new ReplayClient(session) : new CrashClient(new ReplayTransport(session))),
      history: historyFromDir(sessionsDir(opts.sessionsDir)),
    },
  );
}

/** The real session bundled in sessions/, recorded with kdview on the shared bug dump. */
export function demoSessionPath(): string {
  return fileURLToPath(new URL('../../../sessions/bug-demo.kdview.jsonl', import.meta.url));
}

/** `kdview log FILE|DIR` on a terminal: the Log pane and a log-only Summary, no backend. */
export async function runLogTui(target: string): Promise<number> {
  requireTerminal();
  const { loadSavedLog } = await import('../core/saved-log.js');
  const saved = await loadSavedLog(target);
  return runApp(
    { mode: 'log', backendName: 'crash', dump: saved.source },
    {
      start: () => {
        throw new CliError('kdview log has no backend: open the dump with `kdview DUMP` to run commands');
      },
      savedLog: { records: saved.records, oopses: saved.oopses },
    },
  );
}
