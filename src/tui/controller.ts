// Effects: drives the core session (core/dump-session.ts) and turns its models
// and the client's status events into actions. No parsing, no rendering and
// no process spawning here: the client comes from a factory the CLI passes in.
import type { Frame } from '../model/backtrace.js';
import type { Exchange } from '../model/exchange.js';
import type { LogRecord } from '../model/log.js';
import type { Oops } from '../model/oops.js';
import type { Task } from '../model/task.js';
import type { BackendClient } from '../protocol/backend-client.js';
import type { StartupInfo } from '../protocol/crash-client.js';
import { profileFor } from '../core/backend-profile.js';
import { DumpSession } from '../core/dump-session.js';
import type { BackendProfile } from '../core/backend-profile.js';
import { BothClient } from '../protocol/both-client.js';
import { watchEngines, type BothVersions } from './both-engines.js';
import { askDrgnForStack } from './bt-source.js';
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
  /** The profile for a client (`--backend both`: crash and drgn together); default: by the backend's name. */
  profile?: (client: BackendClient) => BackendProfile | undefined;
  /** `--backend both`: the engines' versions, for the cross-check. */
  versions?: BothVersions;
  /** `kdview log`: a saved kernel log instead of a backend. */
  savedLog?: { records: LogRecord[]; oopses: Oops[] };
}

export class Controller {
  private session: DumpSession | undefined;
  private ctrlCAt = 0;
  private readonly askedDrgn = new Set<number>();

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
    // The core session parses every exchange once; the TUI only takes its models.
    const session = new DumpSession(client, this.opts.profile?.(client) ?? this.profile(), {
      record: this.opts.onExchange,
      recordStartup: this.opts.onStartup,
      initial: this.session?.models,
    });
    this.session?.close();
    this.session = session;
    // A tentative failure (a walk form with a fall-back) updates the History but raises no banner.
    session.on('models', ({ models, exchange, tentative }) => {
      this.dispatch({ type: 'models', models, exchange: tentative ? undefined : exchange });
      this.askDrgnForStack();
    });
    client.on('progress', (message) => this.dispatch({ type: 'progress', message }));
    if (client instanceof BothClient) watchEngines(client, this.dispatch, () => session.models, this.opts.versions);
    client.on('state', (st) => this.dispatch({ type: 'status', status: st === 'starting' ? 'loading' : st }));
    client.on('running', (r) => this.dispatch({ type: 'status', status: 'busy', running: r.command }));
    client.on('exit', (info) => this.dispatch({ type: 'backend-exit', message: info.message }));
    let info: StartupInfo;
    try {
      info = await session.open();
    } catch {
      return; // the exit event has said why
    }
    this.dispatch({ type: 'ready', ms: info.ms, warnings: info.warnings, startupText: info.text });
    void session.fill();
  }

  /** The Hangs pane's `a`: what every sleeping task waits on, not only the D-state ones. */
  async findAllHangs(): Promise<void> {
    this.dispatch({ type: 'banner', banner: { level: 'info', text: 'reading the stacks of every sleeping task…' } });
    await this.session?.findHangs(true);
    this.dispatch({ type: 'banner', banner: { level: 'info', text: 'Hangs: every sleeping task examined' } });
  }

  /** crash's table is incomplete: walk init_task.tasks (the core session merges it with ps). */
  async walkTasks(): Promise<void> {
    await this.session?.recoverTasks();
  }

  run(command: string): Promise<Exchange> {
    if (!this.session) {
      const ex: Exchange = { command, output: '', startedAt: new Date().toISOString(), ms: 0, status: 'error', error: 'no backend' };
      return Promise.resolve(ex);
    }
    return this.session.run(command);
  }

  async showTaskBacktrace(task: Task): Promise<void> {
    const s = this.getState();
    if (s.taskBts[task.pid]) {
      this.dispatch({ type: 'show-bt', pid: task.pid });
      this.askDrgnForStack();
      return;
    }
    // Only the walk found this task: crash cannot unwind it (`bt PID` says "invalid task or pid value").
    if (task.recovered) return this.scanStack(task);
    const ex = await this.run(this.profile().taskBt(task));
    if (ex.status === 'ok') this.dispatch({ type: 'show-bt', pid: task.pid });
    else if (s.tasksFromWalk && /invalid task or pid value/.test(ex.error ?? '')) await this.scanStack(task);
  }

  /** For a task crash cannot unwind: the core session scans its kernel stack for return addresses. */
  async scanStack(task: Task): Promise<void> {
    const bt = await this.session?.scanStack(task);
    if (!bt) {
      this.dispatch({ type: 'banner', banner: { level: 'warn', text: `no saved stack pointer for PID ${task.pid}` } });
      return;
    }
    this.dispatch({ type: 'show-bt', pid: task.pid });
    this.dispatch({
      type: 'banner',
      banner: { level: 'warn', text: `crash cannot unwind PID ${task.pid} (not in its PID hash): kdview scanned its stack instead` },
    });
  }

  /** `--backend both`: drgn's unwind of a task whose shown stack is crash's and stops at the scheduler. */
  private askDrgnForStack(): void {
    askDrgnForStack(this.session?.client, this.getState(), this.askedDrgn, (c) => void this.session?.tryRun(c));
  }

  profile(): BackendProfile {
    if (this.session) return this.session.profile;
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
    if (!this.session?.client.cancel()) this.dispatch({ type: 'banner', banner: { level: 'info', text: 'nothing to cancel; press Ctrl-C again to quit' } });
  }

  async restart(): Promise<void> {
    if (this.getState().status !== 'dead') return;
    this.dispatch({ type: 'restarting' });
    await this.start();
  }

  async quit(): Promise<void> {
    await this.session?.client.quit();
    this.exit();
  }
}
