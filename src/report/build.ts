// Models in, report out: assembles the versioned report from the models the
// core session parsed (core/report-models.ts). Pure; no parsing here.
import type { Hang } from '../model/hang.js';
import { reportHang } from './hangs-section.js';
import type { BacktraceTask } from '../model/backtrace.js';
import type { LogRecord } from '../model/log.js';
import type { MemoryInfo } from '../model/memory.js';
import type { ModuleList } from '../model/module.js';
import type { SysInfo } from '../model/sys.js';
import type { Task, TaskAge } from '../model/task.js';
import type { Exchange } from '../model/exchange.js';
import type { Oops } from '../model/oops.js';
import { analyzeOops } from '../parsers/index.js';
import { clusterBacktraces } from './clusters.js';
import { frameNames, toReportFrames } from './frames.js';
import { logSection } from './log-section.js';
import { REPORT_FORMAT, REPORT_SCHEMA_VERSION, type Report, type ReportMode, type Step } from './model.js';
import { hungTasksSection, memorySection, modulesSection, tasksSection } from './sections.js';
import { computeSignature } from './signature.js';
import { decodeTaint } from './taint.js';

/** A step that was not run, and why. */
export interface SkippedStep {
  command: string;
  skipped: string;
}

export type StepResult = Exchange | SkippedStep;

export interface BuildInput {
  /** Triage steps in the order they ran (`bt PID` of UN tasks included). */
  steps: readonly StepResult[];
  /** `--script` steps, shown as raw sections (and listed in steps after the triage). */
  script: readonly StepResult[];
  mode: ReportMode;
  generator: { version: string; backend: 'crash' | 'drgn' | 'none'; backendVersion: string | null };
  input: { vmlinux: string | null; dump: string };
  /** The dump's kernel release from elsewhere (`crash --osrelease`), for when `sys` did not run. */
  release?: string;
  warnings?: readonly string[];
  seenBefore?: Report['seenBefore'];
  generatedAt?: string;
  /** The wait-for graph of the blocked tasks (core/analysis), when it was looked for. */
  hangs?: readonly Hang[];
}

/** Clusters kept in a report: groups of at least two tasks, biggest first. */
export const MAX_CLUSTERS = 100;

function isSkipped(s: StepResult): s is SkippedStep {
  return 'skipped' in s;
}

function toStep(s: StepResult): Step {
  if (isSkipped(s)) return { command: s.command, ms: 0, status: 'skipped', error: s.skipped };
  return { command: s.command, ms: s.ms, status: s.status, error: s.error ?? null };
}

/** The report the log analysis marked as leading to the dump, else the first. */
function primaryOops(oopses: readonly Oops[]): Oops | undefined {
  return oopses.find((o) => o.primary) ?? oopses[0];
}

/** The crashing stack as the log printed it (when bt could not run): the RIP's function, then the Call Trace. */
function logStack(o: Oops | undefined): string[] {
  if (!o) return [];
  const rip = o.rip?.split(/[+\s]/)[0];
  return rip && rip !== o.trace?.[0] ? [rip, ...(o.trace ?? [])] : [...(o.trace ?? [])];
}

/** What a report is built from, whichever backend produced it. */
export interface TriageModels {
  sys: SysInfo;
  crashing: BacktraceTask | undefined;
  records: LogRecord[];
  tasks: Task[];
  /** Where the task list came from: crash's `ps`, the walk of the kernel task list (recovery), or drgn. */
  taskSource: 'ps' | 'walk' | 'drgn' | 'none';
  ages: TaskAge[];
  /** Every task's stack (`foreach bt`), for clusters and hung tasks. */
  all: BacktraceTask[];
  hungStacks: Map<number, BacktraceTask>;
  memory: MemoryInfo | undefined;
  modules: ModuleList | undefined;
}

export function buildReportFrom(m: TriageModels, inp: BuildInput): Report {
  const { sys, crashing, records, all } = m;
  const analysis = analyzeOops(records, { dump: inp.mode !== 'log-only' });
  const oopses = analysis.oopses;
  const ps = { tasks: m.tasks };
  const ages = m.ages;
  const primary = primaryOops(oopses);
  const panicMessage = sys.panic ?? primary?.panic ?? primary?.message ?? null;
  const title = primary?.title ?? (panicMessage ? `Kernel panic: ${panicMessage}` : 'no crash report found');
  // The kernel's own Call Trace is the same whichever backend reads the dump
  // (drgn 0.0.22 cannot unwind module frames without the .ko); the unwound
  // stack is the fall-back when the log has no trace.
  const fromLog = logStack(primary);
  const stack = fromLog.length > 0 ? fromLog : crashing ? frameNames(crashing.frames) : [];
  const states = new Map(ps.tasks.map((t) => [t.pid, t.state]));
  const scanned = new Set(all.filter((t) => t.recovered).map((t) => t.task));
  const clusters = clusterBacktraces(all, states)
    .filter((c) => c.count >= 2)
    .slice(0, MAX_CLUSTERS);
  const steps = [...inp.steps, ...inp.script].map(toStep);
  const taintLetters = primary?.tainted ?? oopses.find((o) => o.tainted !== undefined)?.tainted;
  return {
    format: REPORT_FORMAT,
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { tool: 'kdview', ...inp.generator },
    generatedAt: inp.generatedAt ?? new Date().toISOString(),
    input: inp.input,
    mode: inp.mode,
    complete: inp.mode === 'normal' && steps.every((s) => s.status === 'ok'),
    kernel: {
      release: sys.release ?? inp.release ?? null,
      version: sys.version ?? null,
      machine: sys.machine ?? null,
      nodename: sys.nodename ?? null,
      cpus: sys.cpus ?? null,
      memory: sys.memory ?? null,
      date: sys.date ?? null,
      uptime: sys.uptime ?? null,
    },
    panic: { message: panicMessage },
    trigger: analysis.trigger,
    oopses: oopses.map((o) => ({
      kind: o.kind,
      type: o.type,
      title: o.title,
      altTitles: o.altTitles ?? [],
      corrupted: o.corrupted,
      primary: o.primary === true,
      function: o.function ?? null,
      module: o.module ?? null,
      message: o.message,
      timestamp: o.timestamp ?? null,
    })),
    signature: computeSignature(title, stack, primary?.function ?? primary?.panicFrom),
    known: [],
    seenBefore: inp.seenBefore ?? null,
    crashingTask: crashing
      ? { pid: crashing.pid, comm: crashing.command, cpu: crashing.cpu ?? null }
      : primary?.pid !== undefined
        ? { pid: primary.pid, comm: primary.comm ?? '', cpu: primary.cpu ?? null }
        : null,
    backtrace: toReportFrames(crashing?.frames ?? []),
    tasks: tasksSection(ps.tasks, m.taskSource),
    hungTasks: hungTasksSection(ps.tasks, ages, m.hungStacks),
    clusters: clusters.map((c) => ({
      count: c.count,
      states: c.states,
      members: c.members.map((m) => ({ pid: m.pid, comm: m.comm, recovered: scanned.has(m.task) })),
      recovered: c.members.filter((m) => scanned.has(m.task)).length,
      stack: toReportFrames(c.frames),
    })),
    hangs: (inp.hangs ?? []).map(reportHang),
    memory: memorySection(m.memory),
    taint: { letters: taintLetters ?? null, flags: decodeTaint(taintLetters ?? '') },
    modules: modulesSection(m.modules),
    log: logSection(records, oopses),
    steps,
    raw: inp.script.map((s) => {
      const { command, status, error } = toStep(s);
      return { command, status, error, output: isSkipped(s) ? '' : s.output };
    }),
    warnings: [...(inp.warnings ?? [])],
  };
}
