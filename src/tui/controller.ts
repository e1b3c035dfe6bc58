// Effects: drives the backend client, turns its events into actions, and
// runs the commands that fill the panes. No rendering and no process spawning
// here: the client comes from a factory the CLI passes in.
import type { Frame } from '../model/backtrace.js';
import type { Exchange } from '../model/exchange.js';
import type { LogRecord } from '../model/log.js';
import type { Oops } from '../model/oops.js';
import type { Task } from '../model/task.js';
import { parsePs } from '../parsers/ps.js';
import { parseTaskWalk, TASK_WALK_COMMAND } from '../parsers/task-walk.js';
import { parseStackPointers, parseStackScan, scannedBacktrace, stackWords } from '../parsers/stack-scan.js';
import type { BackendClient } from '../protocol/backend-client.js';
import type { StartupInfo } from '../protocol/crash-client.js';
import { profileFor } from '../core/backend-profile.js';
import type { Action } from './actions.js';
import type { HistorySource } from '../core/history-source.js';
import type { HistoryHit } from '../session/history-index.js';
import type { AppState } from './state.js';

export type Dispatch = (a: Action) => void;

export interface ControllerOptions {
  /** Cross-session history search for the History pane. */
  history?: HistorySource & { invalidate?: () => void };
  /** Starts (or restarts) the backend; may throw a CliError for bad input. */
  start: () => BackendClient | Promise<BackendClient>;
  onExchange?: (ex: Exchange) => void;
  onStartup?: (info: StartupInfo) => void;
  /** `kdview log`: a saved kernel log instead of a backend. */
  savedLog?: { records: LogRecord[]; oopses: Oops[] };
}

export function mergeWalkedTasks(walked: readonly Task[], ps: readonly Task[]): Task[] {
  const byTask = new Map(ps.map((t) => [t.task, t]));
  const out = walked.map((t) => {
    const p = byTask.get(t.task);
    return p ? { ...t, ...p, ppid: p.ppid >= 0 ? p.ppid : t.ppid } : t;
  });
  const seen = new Set(out.map((t) => t.task));
  for (const p of ps) if (!seen.has(p.task)) out.push(p);
  return out.sort((a, b) => a.pid - b.pid);
}

export class Controller {
  private client: BackendClient | undefined;
  private ctrlCAt = 0;

  constructor(
    private readonly dispatch: Dispatch,
    private readonly getState: () => AppState,
    private readonly opts: ControllerOptions,
    private readonly exit: () => void,
  ) {}

  async start(): Promise<void> {
    if (this.opts.savedLog) {
      this.dispatch({ type: 'saved-log', ...this.opts.savedLog });
      return;
    }
    let client: BackendClient;
    try {
      client = await this.opts.start();
    } catch (err) {
      this.dispatch({ type: 'backend-exit', message: (err as Error).message });
      return;
    }
    this.client = client;
    client.on('progress', (message) => this.dispatch({ type: 'progress', message }));
    client.on('state', (st) => this.dispatch({ type: 'status', status: st === 'starting' ? 'loading' : st }));
    client.on('running', (r) => this.dispatch({ type: 'status', status: 'busy', running: r.command }));
    client.on('exchange', (ex) => {
      if (ex.command === 'set scroll off') return;
      this.opts.onExchange?.(ex);
      this.dispatch({ type: 'exchange', exchange: ex });
    });
    client.on('exit', (info) => this.dispatch({ type: 'backend-exit', message: info.message }));
    let info: StartupInfo;
    try {
      info = await client.ready();
    } catch {
      return; // the exit event has said why
    }
    this.opts.onStartup?.(info);
    this.dispatch({ type: 'ready', ms: info.ms, warnings: info.warnings, startupText: info.text });
    const profile = this.profile();
    for (const c of profile.initial) void this.run(c);
    for (const c of profile.background) void this.run(c);
    if (this.getState().taskTableIncomplete) void this.walkTasks();
  }

  /** crash's table is incomplete: walk init_task.tasks and merge with what ps saw. */
  async walkTasks(): Promise<void> {
    const ex = await this.run(TASK_WALK_COMMAND);
    if (ex.status !== 'ok') return;
    const walked = parseTaskWalk(ex.output).value;
    const psEx = [...this.getState().exchanges].reverse().find((e) => e.command === 'ps' && e.status === 'ok');
    const ps = psEx ? parsePs(psEx.output).value.tasks : [];
    if (walked.length > 0) this.dispatch({ type: 'walked-tasks', tasks: mergeWalkedTasks(walked, ps) });
  }

  run(command: string): Promise<Exchange> {
    if (!this.client) {
      const ex: Exchange = { command, output: '', startedAt: new Date().toISOString(), ms: 0, status: 'error', error: 'no backend' };
      return Promise.resolve(ex);
    }
    return this.client.run(command);
  }

  async showTaskBacktrace(task: Task): Promise<void> {
    const s = this.getState();
    if (s.taskBts[task.pid]) {
      this.dispatch({ type: 'show-bt', pid: task.pid });
      return;
    }
    const ex = await this.run(this.profile().taskBt(task));
    if (ex.status === 'ok') this.dispatch({ type: 'show-bt', pid: task.pid });
    else if (s.tasksFromWalk && /invalid task or pid value/.test(ex.error ?? '')) await this.scanStack(task);
  }

  /** For a task crash cannot unwind: scan its kernel stack for return addresses. */
  async scanStack(task: Task): Promise<void> {
    const ptrs = await this.run(`struct task_struct.stack,thread -x ${task.task}`);
    const p = ptrs.status === 'ok' ? parseStackPointers(ptrs.output) : undefined;
    const words = p ? stackWords(p) : 0;
    if (!p || words === 0) {
      this.dispatch({ type: 'banner', banner: { level: 'warn', text: `no saved stack pointer for PID ${task.pid}` } });
      return;
    }
    const rd = await this.run(`rd -s 0x${p.sp.toString(16)} ${words}`);
    if (rd.status !== 'ok') return;
    this.dispatch({ type: 'task-bt', bt: scannedBacktrace(task, parseStackScan(rd.output)) });
    this.dispatch({ type: 'show-bt', pid: task.pid });
    this.dispatch({
      type: 'banner',
      banner: { level: 'warn', text: `crash cannot unwind PID ${task.pid} (not in its PID hash): kdview scanned its stack instead` },
    });
  }

  profile() {
    return profileFor(this.getState().backendName === 'drgn' ? 'drgn' : 'crash');
  }

  async disassemble(frame: Frame): Promise<void> {
    const command = this.profile().disassemble(frame);
    if (!command) {
      const where = frame.file ? `${frame.file}:${frame.line ?? ''}` : 'no source location';
      this.dispatch({ type: 'detail', detail: { title: frame.function, text: `${frame.function}${frame.offset !== undefined ? `+${frame.offset}` : ''}\n${where}` } });
      return;
    }
    const ex = await this.run(command);
    this.dispatch({ type: 'detail', detail: { title: `dis -l ${frame.function}`, text: ex.output || ex.error || '' } });
  }

  /** `/` in the History pane: every saved session, not just this one. */
  async searchHistory(query: string | undefined): Promise<void> {
    const h = this.opts.history;
    if (!h || !query) {
      this.dispatch({ type: 'history-hits', hits: undefined });
      return;
    }
    this.dispatch({ type: 'history-hits', hits: [], searching: true });
    h.invalidate?.();
    try {
      this.dispatch({ type: 'history-hits', hits: await h.search(query) });
    } catch (err) {
      this.dispatch({ type: 'history-hits', hits: [] });
      this.dispatch({ type: 'banner', banner: { level: 'error', text: `history search: ${(err as Error).message}` } });
    }
  }

  async openHistoryHit(hit: HistoryHit): Promise<void> {
    const text = (await this.opts.history?.output(hit)) ?? '';
    this.dispatch({
      type: 'detail',
      detail: { title: `${hit.startedAt.slice(0, 19)} ${hit.dump} #${hit.seq} ${this.getState().backendName}> ${hit.command}`, text, line: hit.line || undefined },
    });
  }

  cancel(): void {
    const now = Date.now();
    if (now - this.ctrlCAt < 1500) {
      void this.quit();
      return;
    }
    this.ctrlCAt = now;
    if (!this.client?.cancel()) this.dispatch({ type: 'banner', banner: { level: 'info', text: 'nothing to cancel; press Ctrl-C again to quit' } });
  }

  async restart(): Promise<void> {
    if (this.getState().status !== 'dead') return;
    this.dispatch({ type: 'restarting' });
    await this.start();
  }

  async quit(): Promise<void> {
    await this.client?.quit();
    this.exit();
  }
}
