// Runs a list of independent commands queued all at once, so the backend goes
// from one to the next without waiting for kdview: the client answers a
// finished command after sending the next one, and the session parses that
// answer while the backend works (on a 10,000-task dump, parsing `ps` and
// `foreach bt` overlaps `ps -m` and `kmem -i`). The results are the same, in
// the same order, as running the commands one at a time.
import type { Exchange } from '../model/exchange.js';
import type { RunOptions } from '../protocol/backend-client.js';
import type { StepResult } from '../report/build.js';
import type { DumpSession } from './dump-session.js';

/**
 * `blocked` says why a command cannot run (checked when it is queued, and
 * again for commands the backend never started: it died or got stuck before
 * their turn). Those are reported skipped, as a one-at-a-time run would.
 */
export async function runQueued(
  session: DumpSession,
  commands: readonly string[],
  blocked: (command: string) => string | undefined,
  opts: RunOptions = {},
): Promise<StepResult[]> {
  const { client } = session;
  // Every command the backend started is answered through the client's `exchange` event.
  const started = new WeakSet<Exchange>();
  const off = client.on('exchange', (ex) => started.add(ex));
  try {
    const runs = commands.map((command): StepResult | Promise<Exchange> => {
      const why = blocked(command);
      return why ? { command, skipped: why } : session.run(command, opts);
    });
    const out: StepResult[] = [];
    for (const run of runs) {
      const r = await run;
      // A stuck backend never takes the next command: answer the rest now.
      if (client.state === 'stuck') client.clearQueue();
      if ('skipped' in r || started.has(r)) out.push(r);
      else out.push({ command: r.command, skipped: blocked(r.command) ?? `not run: ${r.error ?? 'the backend did not start it'}` });
    }
    return out;
  } finally {
    off();
  }
}
