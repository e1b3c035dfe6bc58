// Hang facts into the models: the graph is rebuilt from the facts (drgn's
// kdview:hangs, or crash's stack scan), naming owners from the task list.
import type { WaitFacts } from '../model/hang.js';
import { buildHangs } from './analysis/hangs-graph.js';
import type { Models } from './models.js';
import { collectCrashHangs } from './hangs-crash.js';
import type { Run } from './hangs-crash-name.js';

export function hangPatch(m: Models, facts: WaitFacts[]): Pick<Models, 'hangFacts' | 'hangs'> {
  const names = new Map((m.tasks ?? []).map((t) => [t.task.toLowerCase().replace(/^0x/, ''), { pid: t.pid, comm: t.comm, state: t.state }]));
  return { hangFacts: facts, hangs: buildHangs(facts, { taskNames: names }) };
}

export function setHangFacts(next: Models, facts: WaitFacts[]): void {
  Object.assign(next, hangPatch(next, facts));
}

/** crash: the facts read from the D-state tasks' stacks (drgn answers kdview:hangs itself). */
export async function crashHangPatch(run: Run, m: Models, all = false): Promise<Pick<Models, 'hangFacts' | 'hangs'> | undefined> {
  if (!m.tasks) return undefined;
  return hangPatch(m, await collectCrashHangs(run, m.tasks, { all }));
}
