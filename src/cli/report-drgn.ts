// Drives drgn through a report's triage (`kdview report --backend drgn`):
// kdview:* requests instead of crash commands; --script lines are Python.
import { awaitReady, prepareBackend, recordPrepared, type PreparedBackend } from '../core/open-backend.js';
import { decodeDrgnTasks } from '../parsers/drgn-json.js';
import type { StepResult } from '../report/build.js';
import { allStacksCommand, DRGN_TRIAGE } from '../report/drgn-models.js';
import { kdviewVersion } from './version.js';

export interface DrgnTriageOptions {
  script: readonly string[];
  timeoutMs?: number;
  record: boolean;
  sessionsDir?: string;
  warn: (message: string) => void;
}

export interface DrgnTriageRun {
  prepared: PreparedBackend;
  steps: StepResult[];
  script: StepResult[];
  warnings: string[];
  sessionPath: string | undefined;
}

export async function runDrgnTriage(vmlinux: string, dump: string, o: DrgnTriageOptions): Promise<DrgnTriageRun> {
  const prepared = await prepareBackend('drgn', vmlinux, dump);
  const client = prepared.spawn();
  try {
    const startup = await awaitReady(client);
    const recorder = await recordPrepared(prepared, { ...o, kdview: kdviewVersion() }, 'report', o.warn);
    recorder.startup(startup);
    const run = async (command: string) => {
      const ex = await client.run(command, { timeoutMs: o.timeoutMs });
      recorder.exchange(ex);
      return ex;
    };
    const steps: StepResult[] = [];
    for (const command of Object.values(DRGN_TRIAGE)) steps.push(await run(command));
    const tasks = steps.find((s) => s.command === DRGN_TRIAGE.tasks);
    const pids = tasks && 'output' in tasks && tasks.status === 'ok' ? decodeDrgnTasks(tasks.output).value.tasks.map((t) => t.pid) : [];
    if (pids.length > 0) steps.push(await run(allStacksCommand(pids)));
    const script: StepResult[] = [];
    for (const command of o.script) script.push(await run(command));
    await recorder.close();
    const warnings = [...startup.warnings, 'drgn has no kmem -i or mod equivalent here: memory and modules are left out'];
    return { prepared, steps, script, warnings, sessionPath: recorder.path };
  } finally {
    await client.quit();
  }
}
