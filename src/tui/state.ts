// The TUI's whole state, and the actions that change it.
import { emptyModels, type Models } from '../core/models.js';
import type { CrossCheck } from '../report/model.js';
import type { HistoryHit } from '../session/history-index.js';
import type { PaneId } from './panes.js';

export type BackendStatus = 'loading' | 'ready' | 'busy' | 'stuck' | 'dead';

export interface Banner {
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface Detail {
  title: string;
  text: string;
  /** 1-based line to show and highlight (a search hit). */
  line?: number;
}

export type Overlay = 'help' | 'search' | 'command' | 'confirm-quit' | undefined;

export interface TaskFilter {
  state?: string;
  sort: 'pid' | 'state' | 'comm' | 'cpu' | 'rss';
}

/** View state on top of the parsed models (core/models.ts). */
export interface AppState extends Models {
  /** log: a saved kernel log only (`kdview log`), no backend. */
  mode: 'live' | 'replay' | 'log';
  backendName: string;
  /** The engine's version (`crash 8.0.2`, `drgn 0.0.22`), shown in the status bar. */
  backendVersion?: string;
  vmlinux?: string;
  dump: string;
  status: BackendStatus;
  progress?: string;
  startedAt: number;
  readyMs?: number;
  running?: string;
  warnings: string[];
  banner?: Banner;
  pane: PaneId;
  overlay: Overlay;
  /** Backtrace pane: a task's stack, all CPUs, or stack clusters (identical `foreach bt` stacks). */
  btView: 'task' | 'all' | 'clusters';
  detail?: Detail;
  cursor: Record<PaneId, number>;
  expanded: Record<string, boolean>;
  taskFilter: TaskFilter;
  /** Log pane: show only records at this level or more severe. */
  logMaxLevel?: number;
  search: Partial<Record<PaneId, string>>;
  searchHit: number;
  input: string;
  /** Commands typed in the Console that have not answered yet: quitting asks only about these. */
  userRunning: number;
  consoleHistoryAt?: number;
  /** `--backend both`: what the other engine is doing ("crash loading…"). */
  engineNote?: string;
  /** `--backend both`: crash and drgn compared, once both answered. */
  crossCheck?: CrossCheck;
  /** Cross-session search results of the History pane. */
  historyHits?: HistoryHit[];
  historySearching?: boolean;
}

export function initialState(init: { mode: AppState['mode']; backendName: string; backendVersion?: string; vmlinux?: string; dump: string }): AppState {
  return {
    ...init,
    status: 'loading',
    startedAt: Date.now(),
    warnings: [],
    pane: 'summary',
    overlay: undefined,
    ...emptyModels(),
    btView: 'task',
    cursor: { summary: 0, backtrace: 0, log: 0, tasks: 0, console: 0, history: 0, hangs: 0 },
    expanded: {},
    taskFilter: { sort: 'pid' },
    search: {},
    searchHit: 0,
    input: '',
    userRunning: 0,
  };
}
