// `--backend both`: where the Backtrace pane's stack came from. The header
// names the engine that unwound it, and a label says why drgn's stack is
// shown where crash's stopped short; the controller asks drgn for its unwind
// of a task whose shown stack is crash's and ends at the scheduler.
import { wantsDrgnStack } from '../core/both-stacks.js';
import { allStacksCommand } from '../core/profiles/drgn.js';
import type { BacktraceTask } from '../model/backtrace.js';
import type { BackendClient } from '../protocol/backend-client.js';
import { BothClient } from '../protocol/both-client.js';
import { btTasks } from './selectors.js';
import type { AppState } from './state.js';

export interface BtSource {
  /** "drgn's unwind" or "crash's unwind". */
  engine?: string;
  /** Why drgn's stack is shown instead of crash's. */
  label?: string;
}

function shown(s: AppState): BacktraceTask | undefined {
  return s.btView === 'task' ? btTasks(s)[0] : undefined;
}

export function btSource(s: AppState): BtSource {
  const t = shown(s);
  if (!t?.engine) return {};
  const engine = `${t.engine}'s unwind`;
  return t.insteadOfCrash ? { engine, label: `drgn's unwind: ${t.insteadOfCrash}` } : { engine };
}

/** The PID whose drgn stack to ask for, once: the shown stack is crash's and stops at the scheduler. */
export function drgnStackWanted(s: AppState, asked: ReadonlySet<number>): number | undefined {
  const t = shown(s);
  return t && wantsDrgnStack(t) && !asked.has(t.pid) ? t.pid : undefined;
}

/** Asks drgn (once a task; `run` raises no banner) when the shown stack is crash's and ends at the scheduler. */
export function askDrgnForStack(client: BackendClient | undefined, s: AppState, asked: Set<number>, run: (command: string) => void): void {
  if (!(client instanceof BothClient) || !client.isUp('drgn')) return;
  const pid = drgnStackWanted(s, asked);
  if (pid === undefined) return;
  asked.add(pid);
  run(allStacksCommand([pid]));
}

/** Who read every task's stack for the cluster view: crash's `foreach bt`, or drgn's unwind of every task. */
export function clusterSource(s: AppState): string {
  for (let i = s.exchanges.length - 1; i >= 0; i--) {
    const ex = s.exchanges[i];
    if (!ex || ex.status !== 'ok') continue;
    if (ex.command === 'foreach bt') return 'foreach bt';
    if (/^kdview:bt \S+ \S/.test(ex.command)) return "drgn's unwind of every task";
  }
  return 'foreach bt';
}
