// Builds reports from the recorded crash transcripts in fixtures/crash, as
// if the triage had run them (no crash needed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange } from '../../src/model/exchange.js';
import { reportFromSteps } from '../../src/core/report-models.js';
import type { BuildInput, StepResult } from '../../src/report/build.js';
import type { Report } from '../../src/report/model.js';

export const FIXTURES = join(process.cwd(), 'fixtures', 'crash');

export function fixture(dump: 'bug' | 'sysrq', name: string): string {
  return readFileSync(join(FIXTURES, dump, `${name}.txt`), 'utf8');
}

export function ex(command: string, output: string, status: Exchange['status'] = 'ok', error?: string): Exchange {
  return { command, output, startedAt: '2026-11-26T04:57:28.244Z', ms: 12, status, ...(error ? { error } : {}) };
}

/** The triage steps of a dump from its fixtures (bt PID of its UN task on bug). */
export function fixtureSteps(dump: 'bug' | 'sysrq'): StepResult[] {
  const f = (n: string) => fixture(dump, n);
  const steps: StepResult[] = [
    ex('sys', f('sys')),
    ex('bt', f('bt')),
    ex('bt -a', f('bt-a')),
    ex('log -m', f('log-m')),
    ex('ps', f('ps')),
    ex('ps -m', f('ps-m')),
    ex('foreach bt', f('foreach-bt')),
    ex('kmem -i', f('kmem-i')),
    ex('mod', f('mod')),
  ];
  if (dump === 'bug') steps.push(ex('bt 106', f('bt-106')));
  return steps;
}

export function fixtureReport(dump: 'bug' | 'sysrq', over: Partial<BuildInput> = {}): Report {
  return reportFromSteps({
    steps: fixtureSteps(dump),
    script: [],
    mode: 'normal',
    generator: { version: '0.1.0', backend: 'crash', backendVersion: '8.0.2' },
    input: { vmlinux: `/x/vmlinux-${dump}`, dump: `/x/${dump}/vmcore` },
    generatedAt: '2026-11-26T05:00:00.000Z',
    ...over,
  });
}
