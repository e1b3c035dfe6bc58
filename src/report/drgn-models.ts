// The report's models from drgn's kdview:* answers (the same models crash's
// outputs give), for `kdview report --backend drgn`.
import type { BacktraceTask } from '../model/backtrace.js';
import type { Exchange } from '../model/exchange.js';
import { decodeDrgnBacktrace, decodeDrgnLog, decodeDrgnSys, decodeDrgnTasks } from '../parsers/drgn-json.js';
import type { StepResult, TriageModels } from './build.js';

export const DRGN_TRIAGE = {
  sys: 'kdview:sys',
  bt: 'kdview:crashed',
  btAll: 'kdview:bt-cpus',
  log: 'kdview:log',
  tasks: 'kdview:tasks',
  hangs: 'kdview:hangs',
} as const;

/** One request for every task's stack (drgn unwinds ~230 stacks a second). */
export function allStacksCommand(pids: readonly number[]): string {
  return `kdview:bt ${pids.join(' ')}`;
}

function output(steps: readonly StepResult[], command: string): string {
  for (const s of steps) if (!('skipped' in s) && s.command === command && s.status === 'ok') return (s as Exchange).output;
  return '';
}

export function drgnModels(steps: readonly StepResult[]): TriageModels {
  const stacksStep = steps.find((s) => s.command.startsWith('kdview:bt ') && !('skipped' in s) && s.status === 'ok') as Exchange | undefined;
  const all: BacktraceTask[] = stacksStep ? decodeDrgnBacktrace(stacksStep.output).value.tasks : [];
  const logText = output(steps, DRGN_TRIAGE.log);
  return {
    sys: output(steps, DRGN_TRIAGE.sys) ? decodeDrgnSys(output(steps, DRGN_TRIAGE.sys)).value : {},
    crashing: decodeDrgnBacktrace(output(steps, DRGN_TRIAGE.bt)).value.tasks[0],
    records: logText ? decodeDrgnLog(logText).value : [],
    tasks: output(steps, DRGN_TRIAGE.tasks) ? decodeDrgnTasks(output(steps, DRGN_TRIAGE.tasks)).value.tasks : [],
    ages: [],
    all,
    hungStacks: new Map(all.map((t) => [t.pid, t])),
    memory: undefined,
    modules: undefined,
  };
}
