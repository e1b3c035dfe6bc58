import type { Models } from '../core/models.js';
import type { CrossCheck } from '../report/model.js';
import type { Exchange } from '../model/exchange.js';
import type { LogRecord } from '../model/log.js';
import type { Oops } from '../model/oops.js';
import type { HistoryHit } from '../session/history-index.js';
import type { PaneId } from './panes.js';
import type { BackendStatus, Banner, Detail, Overlay } from './state.js';

export type Action =
  | { type: 'progress'; message: string }
  | { type: 'ready'; ms: number; warnings: string[]; startupText: string }
  | { type: 'status'; status: BackendStatus; running?: string }
  /** The core session's models changed (an exchange was applied, or a start-up fact). */
  | { type: 'models'; models: Models; exchange?: Exchange }
  | { type: 'saved-log'; records: LogRecord[]; oopses: Oops[] }
  | { type: 'backend-exit'; message: string }
  | { type: 'restarting' }
  | { type: 'pane'; pane: PaneId }
  | { type: 'pane-step'; delta: number }
  | { type: 'move'; delta: number; size: number }
  | { type: 'move-to'; index: number }
  | { type: 'overlay'; overlay: Overlay }
  | { type: 'input'; text: string }
  /** A command typed in the Console started (+1) or finished (-1). */
  | { type: 'user-command'; delta: 1 | -1 }
  | { type: 'search'; query: string | undefined }
  | { type: 'search-hit'; index: number }
  | { type: 'task-state-filter'; state: string | undefined }
  | { type: 'task-sort' }
  | { type: 'log-level'; max: number | undefined }
  | { type: 'bt-view'; view: 'task' | 'all' | 'clusters' }
  | { type: 'show-bt'; pid: number }
  | { type: 'toggle-expand'; key: string }
  | { type: 'detail'; detail: Detail | undefined }
  | { type: 'banner'; banner: Banner | undefined }
  | { type: 'console-history'; at: number | undefined }
  /** `--backend both`: the second engine's status line, and the cross-check once both answered. */
  | { type: 'engine-note'; note: string | undefined }
  | { type: 'cross-check'; check: CrossCheck }
  | { type: 'history-hits'; hits: HistoryHit[] | undefined; searching?: boolean };
