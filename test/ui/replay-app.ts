// Renders the App with ink-testing-library on a bundled real session, through
// the real ReplayTransport and CrashClient.
import { render } from 'ink-testing-library';
import React from 'react';
import type { HistorySource } from '../../src/core/history-source.js';
import { ReplayTransport } from '../../src/backend/replay-transport.js';
import { CrashClient } from '../../src/protocol/crash-client.js';
import { readSession } from '../../src/session/reader.js';
import { App } from '../../src/ui/App.js';

export async function renderReplay(file = 'sessions/bug-demo.kdview.jsonl', history?: HistorySource) {
  const session = await readSession(file);
  let exited = false;
  const inst = render(
    React.createElement(App, {
      init: { mode: 'replay', backendName: 'crash', dump: session.header.dump.path },
      controller: { start: () => new CrashClient(new ReplayTransport(session)), history },
      onExit: () => {
        exited = true;
      },
    }),
  );
  const waitFor = async (pred: (frame: string) => boolean, what: string, deadlineMs = 10_000): Promise<string> => {
    const end = Date.now() + deadlineMs;
    for (;;) {
      const f = inst.lastFrame() ?? '';
      if (pred(f)) return f;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; frame:\n${f}`);
      await new Promise((r) => setTimeout(r, 10)); // poll interval, bounded by the deadline
    }
  };
  /** Types keys one input event at a time (the tests then wait for the state they expect). */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      inst.stdin.write(k);
      await new Promise((r) => setImmediate(r));
    }
  };
  return { ...inst, waitFor, press, exited: () => exited };
}
