// The triage report: one zod schema gives the validator, the TypeScript type
// and (through the README) the documentation. Field names are a public
// contract; a breaking change bumps REPORT_SCHEMA_VERSION.
import { z } from 'zod';
import { HangSchema } from './hangs-schema.js';

export const REPORT_FORMAT = 'kdview-report';
export const REPORT_SCHEMA_VERSION = 1;

/** How crash opened the dump: plain, `--zero_excluded`, or `--minimal` (log, dis, rd, sym, eval only). */
/** log-only: `kdview report --log FILE`, from a saved kernel log without a dump. */
export const ReportModeSchema = z.enum(['normal', 'zero_excluded', 'minimal', 'log-only']);
export type ReportMode = z.infer<typeof ReportModeSchema>;

const isoTime = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();

export const ReportFrameSchema = z.object({
  function: z.string(),
  /** Return address, hex without 0x, as the backend printed it. */
  address: z.string().nullable(),
  module: z.string().nullable(),
  /** The interrupted function of an exception frame (`[exception RIP: lkdtm_BUG]`). */
  exception: z.string().nullable(),
});
export type ReportFrame = z.infer<typeof ReportFrameSchema>;

export const StepSchema = z.object({
  command: z.string(),
  ms: z.number().nonnegative(),
  /** `skipped`: not run (not available in this mode, or the backend was gone or stuck). */
  status: z.enum(['ok', 'error', 'timeout', 'cancelled', 'skipped']),
  error: z.string().nullable(),
});
export type Step = z.infer<typeof StepSchema>;

export const SignatureSchema = z.object({
  /** Short title, like the oops title: "kernel BUG in lkdtm_BUG". */
  title: z.string(),
  /** 16 hex digits: sha256 of the normalised top frames (function names only). */
  hash: z.string().regex(/^[0-9a-f]{16}$/),
  /** The normalised frames that were hashed, innermost first. */
  frames: z.array(z.string()),
});
export type Signature = z.infer<typeof SignatureSchema>;

export const ClusterSchema = z.object({
  count: count,
  /** Tasks per state (RU, IN, UN, ...); "??" when the state is unknown. */
  states: z.record(z.string(), count),
  members: z.array(
    z.object({
      pid: z.number().int(),
      comm: z.string(),
      /** This member's stack was reconstructed by a stack scan (crash could not unwind it). */
      recovered: z.boolean().default(false),
    }),
  ),
  /** Members whose stacks come from stack scans. */
  recovered: count.default(0),
  /** The shared stack, once (addresses of the first member). */
  stack: z.array(ReportFrameSchema),
});
export type Cluster = z.infer<typeof ClusterSchema>;

export const HungTaskSchema = z.object({
  pid: z.number().int(),
  comm: z.string(),
  cpu: z.number().int().nullable(),
  /** Time since the task last ran, from `ps -m`, in ms; null when not known. */
  ageMs: z.number().nonnegative().nullable(),
  /** The same, as crash printed it ("0 00:00:04.397"). */
  age: z.string().nullable(),
  backtrace: z.array(ReportFrameSchema),
  /** Only the walk of the kernel task list found this task (crash's own table missed it). */
  recovered: z.boolean().default(false),
  /** The backtrace was reconstructed by scanning the task's stack (stale return addresses may appear). */
  stackRecovered: z.boolean().default(false),
  /** `--backend both`: where crash's unwind stopped short, the stack is drgn's, and this says why. */
  backtraceFrom: z.object({ engine: z.enum(['crash', 'drgn']), why: z.string() }).optional(),
});
export type HungTask = z.infer<typeof HungTaskSchema>;

export const MemorySchema = z.object({
  /** `kmem -i` rows as printed. */
  rows: z.array(
    z.object({
      name: z.string(),
      pages: count.nullable(),
      bytes: count.nullable(),
      percent: z.number().nullable(),
      of: z.string().nullable(),
    }),
  ),
  totalBytes: count.nullable(),
  /** TOTAL MEM split into disjoint parts that add up to it (the bar in HTML). */
  breakdown: z.array(z.object({ name: z.string(), bytes: count })),
});
export type Memory = z.infer<typeof MemorySchema>;

export const TaintSchema = z.object({
  /** Taint letters from the crash report header ("" = "Not tainted"); null when no report said. */
  letters: z.string().nullable(),
  flags: z.array(z.object({ letter: z.string(), meaning: z.string() })),
});

export const LevelNames = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug', 'none'] as const;

export const LogSchema = z.object({
  /** Records in the whole log. */
  records: count,
  /** Index of the first record in the excerpt. */
  excerptFrom: count,
  /** From shortly before the first crash report to the end, one line per record: "[ 7.144839] text". */
  excerpt: z.string(),
  /** Records per time bucket and level, from boot up to the first crash report. */
  timeline: z.object({
    crashAt: z.number().nullable(),
    bucketSeconds: z.number().nonnegative(),
    buckets: z.array(z.object({ start: z.number(), byLevel: z.record(z.string(), count) })),
  }),
});

/** A known-issue rule the report matched (`kdview rules`, `known-issues/`). */
export const KnownSchema = z.object({
  id: z.string(),
  summary: z.string(),
  link: z.string(),
  fixedIn: z.string().nullable(),
  advice: z.string().nullable(),
  /** The conditions that held, one line each. */
  because: z.array(z.string()),
  /** The rule file and line. */
  source: z.string(),
});
export type Known = z.infer<typeof KnownSchema>;

/** Where crash and drgn disagree on the same dump (`--backend both`), and which one kdview believes. */
export const CrossCheckSchema = z.object({
  crashVersion: z.string().nullable(),
  drgnVersion: z.string().nullable(),
  /** The facts both engines gave, e.g. "panic", "tasks". */
  compared: z.array(z.string()),
  disagreements: z.array(
    z.object({ fact: z.string(), crash: z.string(), drgn: z.string(), believe: z.enum(['crash', 'drgn']), why: z.string() }),
  ),
  /** Known benign differences, folded: one line each. */
  benign: z.array(z.string()),
});
export type CrossCheck = z.infer<typeof CrossCheckSchema>;

export const ReportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generator: z.object({
    tool: z.literal('kdview'),
    version: z.string(),
    backend: z.enum(['crash', 'drgn', 'none']),
    backendVersion: z.string().nullable(),
  }),
  generatedAt: isoTime,
  input: z.object({ vmlinux: z.string().nullable(), dump: z.string() }),
  mode: ReportModeSchema,
  /** Every step ran and succeeded, in normal mode. */
  complete: z.boolean(),
  kernel: z.object({
    release: z.string().nullable(),
    version: z.string().nullable(),
    machine: z.string().nullable(),
    nodename: z.string().nullable(),
    cpus: count.nullable(),
    memory: z.string().nullable(),
    date: z.string().nullable(),
    uptime: z.string().nullable(),
  }),
  panic: z.object({ message: z.string().nullable() }),
  /** Why the dump happened (sysrq, panic-on-oops, hung-task-panic, ...), from the log; null when it does not say. */
  trigger: z.object({ kind: z.string(), detail: z.string() }).nullable(),
  oopses: z.array(
    z.object({
      kind: z.string(),
      /** Fine-grained report type (kasan, lockdep-circular, refcount, ...). */
      type: z.string(),
      title: z.string(),
      altTitles: z.array(z.string()),
      corrupted: z.boolean(),
      /** The report that led to the dump. */
      primary: z.boolean(),
      function: z.string().nullable(),
      module: z.string().nullable(),
      message: z.string(),
      timestamp: z.number().nullable(),
    }),
  ),
  signature: SignatureSchema,
  /** Known issues this crash matches (empty when none; absent in reports of older kdview versions). */
  known: z.array(KnownSchema).default([]),
  /** Other dumps with the same signature hash in the fleet database. */
  seenBefore: z.object({ count: count, lastAt: isoTime, lastDump: z.string() }).nullable(),
  crashingTask: z.object({ pid: z.number().int(), comm: z.string(), cpu: z.number().int().nullable() }).nullable(),
  backtrace: z.array(ReportFrameSchema),
  /** Both engines: the crashing task's stack came from drgn, where crash's unwind skipped frames (why). */
  backtraceFrom: z.object({ engine: z.enum(['crash', 'drgn']), why: z.string() }).optional(),
  tasks: z.object({
    total: count,
    byState: z.record(z.string(), count),
    /** ps: crash's task table; walk: recovered by walking init_task.tasks (crash's table was incomplete); drgn; none. */
    source: z.enum(['ps', 'walk', 'drgn', 'none']).default('ps'),
    /** Tasks only the walk found. */
    recovered: count.default(0),
    /** Per-CPU idle tasks (PID 0), counted in total as crash counts them; drgn lists none. total - idle = drgn's for_each_task count. */
    idle: count.default(0),
  }),
  /** UN tasks, longest-blocked first. */
  hungTasks: z.array(HungTaskSchema),
  /** Tasks with identical `foreach bt` stacks, biggest first. */
  clusters: z.array(ClusterSchema),
  /** Blocked tasks grouped by the lock they wait on, each followed to the task holding everything up, biggest first. */
  hangs: z.array(HangSchema).default([]),
  memory: MemorySchema,
  taint: TaintSchema,
  modules: z.array(z.object({ name: z.string(), size: count, symbols: z.boolean() })),
  log: LogSchema,
  steps: z.array(StepSchema),
  /** Outputs of `--script` commands, as printed. */
  raw: z.array(z.object({ command: z.string(), status: StepSchema.shape.status, error: z.string().nullable(), output: z.string() })),
  /** crash's start-up warnings and anything the report could not read. */
  warnings: z.array(z.string()),
  /** crash and drgn compared (`--backend both`); absent when one engine made the report. */
  crossCheck: CrossCheckSchema.optional(),
});
export type Report = z.infer<typeof ReportSchema>;
