// One open dump, UI-free: a backend client and the models its exchanges
// give. Every exchange (the session's own commands, and any other command
// the client runs) goes through applyExchange exactly once; each update is
// emitted as a `models` event. The TUI's controller and the report's triage
// both drive a DumpSession, so they share the models step, the detection of
// an incomplete task table and its recovery (the walk and the stack scans).
import type { BacktraceTask } from '../model/backtrace.js';
import type { Exchange } from '../model/exchange.js';
import type { Task } from '../model/task.js';
import type { BackendClient } from '../protocol/backend-client.js';
import type { RunOptions, StartupInfo } from '../protocol/crash-client.js';
import { Emitter } from '../protocol/emitter.js';
import { applyExchange } from './apply-exchange.js';
import { crashHangPatch } from './hangs.js';
import { emptyModels, type Models } from './models.js';
import type { BackendProfile } from './profiles/profile.js';
import { scanCommand, tableIncomplete, tasksToScan } from './task-recovery.js';

export interface DumpSessionEvents extends Record<string, unknown> {
  /** The models after an update; `exchange` is the exchange that caused it, if one did. */
  models: { models: Models; exchange?: Exchange; tentative?: boolean };
}

export interface DumpSessionOptions {
  /** Sees every exchange once, before it is applied (the session recorder). */
  record?: (ex: Exchange) => void;
  /** Sees the start-up text once (the session recorder). */
  recordStartup?: (info: StartupInfo) => void;
  /** Models to start from (a restarted backend keeps what the last one found). */
  initial?: Models;
}

/** Commands the client runs for itself, not for the models (crash's pager switch). */
const PLUMBING = new Set(['set scroll off']);

/** How many stacks a recovery scans at most (each is one `rd -s`, a few ms). */
export const MAX_SCANS = 512;

export class DumpSession extends Emitter<DumpSessionEvents> {
  private m: Models;
  private readonly applied = new WeakSet<Exchange>();
  /** Commands whose failure has a fall-back (the walk's first form): not worth a banner. */
  private readonly tentative = new Set<string>();
  /** The same for one run each (the hang scan's unwind of a task crash may not see). */
  private readonly tentativeOnce = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(
    readonly client: BackendClient,
    readonly profile: BackendProfile,
    private readonly opts: DumpSessionOptions = {},
  ) {
    super();
    this.m = opts.initial ?? emptyModels();
    this.unsubscribe = client.on('exchange', (ex) => this.accept(ex));
  }

  get models(): Models {
    return this.m;
  }

  /** Waits for the backend to load the dump; notes whether crash's task table is incomplete. */
  async open(): Promise<StartupInfo> {
    const info = await this.client.ready();
    this.opts.recordStartup?.(info);
    if (tableIncomplete(info.warnings)) this.update({ taskTableIncomplete: true });
    return info;
  }

  /** Runs a command; the returned exchange has been applied to the models. */
  async run(command: string, opts?: RunOptions): Promise<Exchange> {
    const ex = await this.client.run(command, opts);
    this.accept(ex); // exchanges the client does not emit (the queue of a backend that died)
    return ex;
  }

  /** Runs a command whose failure has a fall-back: a failure is emitted as tentative (no banner). */
  tryRun(command: string, opts?: RunOptions): Promise<Exchange> {
    this.tentativeOnce.set(command, (this.tentativeOnce.get(command) ?? 0) + 1);
    return this.run(command, opts);
  }

  /** Fills the models as the profile says (start-up, then background commands) and recovers the task table when needed. */
  async fill(): Promise<void> {
    const runs: Promise<unknown>[] = [...this.profile.initial, ...this.profile.background].map((c) => this.run(c));
    if (this.m.taskTableIncomplete) runs.push(this.recoverTasks());
    await Promise.all(runs);
    await this.findHangs();
  }

  /** crash: what the D-state tasks wait on, read from their stacks (drgn's profile runs kdview:hangs instead). */
  async findHangs(all = false): Promise<void> {
    if (this.client.state === 'dead') return;
    const request = this.profile.hangsRequest;
    if (request !== undefined) {
      if (all) await this.run(`${request} all`);
      return;
    }
    // A failure with a fall-back (crash cannot unwind a task it does not see: its stack is read word by word) raises no banner.
    const patch = await crashHangPatch((c, o) => (o?.fallback ? this.tryRun(c) : this.run(c)), this.m, all);
    if (patch) this.update(patch);
  }

  /** crash's table is incomplete: walk the kernel task list. True when the walk gave the task list. */
  async recoverTasks(run: (command: string) => Promise<Exchange> = (c) => this.run(c)): Promise<boolean> {
    const forms = this.profile.walk ?? [];
    for (const [i, command] of forms.entries()) {
      if (i < forms.length - 1) this.tentative.add(command);
      const ex = await run(command);
      if (ex.status === 'ok' || this.client.state === 'dead' || this.client.state === 'stuck') break;
    }
    return this.m.tasksFromWalk;
  }

  /** A task crash cannot unwind: its stack, reconstructed by scanning it. Undefined when there is no saved stack pointer. */
  async scanStack(task: Task): Promise<BacktraceTask | undefined> {
    if (!scanCommand(this.m, task) && this.profile.stackPointers) await this.run(this.profile.stackPointers(task));
    const command = scanCommand(this.m, task);
    if (!command) return undefined;
    const ex = await this.run(command);
    return ex.status === 'ok' ? this.m.taskBts[task.pid] : undefined;
  }

  /** Scans the stacks of the recovered tasks (UN first), at most `limit`; the exchanges that ran. */
  async scanStacks(limit = MAX_SCANS, run: (command: string) => Promise<Exchange> = (c) => this.run(c)): Promise<Exchange[]> {
    const out: Exchange[] = [];
    for (const t of tasksToScan(this.m, limit)) {
      const command = scanCommand(this.m, t);
      if (command) out.push(await run(command));
    }
    return out;
  }

  /** Changes the models without an exchange (start-up facts). */
  update(patch: Partial<Models>): void {
    this.m = { ...this.m, ...patch };
    this.emit('models', { models: this.m });
  }

  /** Stops listening to the client (the client itself is the caller's). */
  close(): void {
    this.unsubscribe();
  }

  private accept(ex: Exchange): void {
    if (this.applied.has(ex)) return;
    this.applied.add(ex);
    if (PLUMBING.has(ex.command)) return;
    this.opts.record?.(ex);
    const before = this.m;
    this.m = applyExchange(this.m, ex);
    if (ex.status === 'ok') this.profile.settle?.(this.m, before, ex);
    const once = this.tentativeOnce.get(ex.command);
    if (once !== undefined) {
      if (once <= 1) this.tentativeOnce.delete(ex.command);
      else this.tentativeOnce.set(ex.command, once - 1);
    }
    const tentative = ex.status !== 'ok' && (once !== undefined || this.tentative.has(ex.command));
    this.emit('models', { models: this.m, exchange: ex, ...(tentative ? { tentative } : {}) });
  }
}
