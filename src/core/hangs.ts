// Hang facts into the models: the graph is rebuilt from the facts (drgn's
// kdview:hangs, or crash's stack scan), naming owners from the task list.
import type { WaitFacts } from '../model/hang.js';
import { buildHangs } from './analysis/hangs-graph.js';
import type { Models } from './models.js';

export function setHangFacts(next: Models, facts: WaitFacts[]): void {
  const names = new Map((next.tasks ?? []).map((t) => [t.task.toLowerCase().replace(/^0x/, ''), { pid: t.pid, comm: t.comm, state: t.state }]));
  next.hangFacts = facts;
  next.hangs = buildHangs(facts, { taskNames: names });
}
