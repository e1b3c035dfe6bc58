// The TUI's state transitions: pure, (state, action) -> state.
import type { Action } from './actions.js';
import { PANES } from './panes.js';
import { paneSize } from './selectors.js';
import type { AppState } from './state.js';

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

function setCursor(s: AppState, value: number): AppState {
  const size = paneSize(s);
  return { ...s, cursor: { ...s.cursor, [s.pane]: clamp(value, 0, Math.max(0, size - 1)) } };
}

export function reducer(s: AppState, a: Action): AppState {
  switch (a.type) {
    case 'progress':
      return { ...s, progress: a.message };
    case 'ready':
      // The core session has noted an incomplete task table before it said ready.
      return {
        ...s,
        status: 'ready',
        readyMs: a.ms,
        progress: undefined,
        warnings: a.warnings,
        banner: s.taskTableIncomplete
          ? { level: 'warn', text: "crash's task table is incomplete (PID hash); kdview walks the kernel task list instead" }
          : s.banner,
      };
    case 'status':
      // The client reports progress on every pty chunk: an unchanged status must not re-render.
      if (s.status === a.status && s.running === a.running) return s;
      return { ...s, status: a.status, running: a.running };
    case 'models': {
      // Parsed already (core/dump-session.ts): the reducer only takes the new models.
      const next: AppState = { ...s, ...a.models };
      const ex = a.exchange;
      // A replay answers only what was recorded: the Console says so for what you type, and
      // the panes' own later requests (hangs, recovery) keep what the recording had, silently.
      const unrecorded = s.mode === 'replay' && /not in this recording/.test(ex?.error ?? '');
      if (ex && !unrecorded && (ex.status === 'timeout' || (ex.status === 'error' && s.status !== 'dead')))
        next.banner = { level: 'error', text: `${ex.command}: ${ex.error ?? ex.status}` };
      return next;
    }
    case 'saved-log':
      return { ...s, log: a.records, oopses: a.oopses, status: 'ready', readyMs: 0, pane: 'log' };
    case 'backend-exit':
      return { ...s, status: 'dead', running: undefined, banner: { level: 'error', text: `press R to restart — ${a.message}` } };
    case 'restarting':
      return { ...s, status: 'loading', startedAt: Date.now(), progress: 'restarting', banner: undefined };
    case 'pane':
      return { ...s, pane: a.pane, overlay: undefined, detail: undefined };
    case 'pane-step': {
      const i = PANES.indexOf(s.pane);
      const pane = PANES[(i + a.delta + PANES.length) % PANES.length] ?? 'summary';
      return { ...s, pane, detail: undefined };
    }
    case 'move':
      return setCursor(s, (s.cursor[s.pane] ?? 0) + a.delta);
    case 'move-to':
      return setCursor(s, a.index);
    case 'overlay':
      return { ...s, overlay: a.overlay, input: a.overlay === 'search' ? (s.search[s.pane] ?? '') : a.overlay === 'command' ? '' : s.input };
    case 'user-command':
      return { ...s, userRunning: Math.max(0, s.userRunning + a.delta) };
    case 'input': {
      if (s.overlay !== 'search') return { ...s, input: a.text };
      // `/` filters as you type: the pane's query follows the input line.
      const query = a.text.trim() === '' ? undefined : a.text;
      const live = { ...s, input: a.text, search: { ...s.search, [s.pane]: query } };
      return setCursor(s.pane === 'history' ? { ...live, historyHits: undefined } : live, 0);
    }
    case 'search':
      return { ...setCursor({ ...s, search: { ...s.search, [s.pane]: a.query } }, 0), overlay: undefined };
    case 'search-hit':
      return setCursor(s, a.index);
    case 'task-state-filter':
      return setCursor({ ...s, taskFilter: { ...s.taskFilter, state: a.state } }, 0);
    case 'task-sort': {
      const order = ['pid', 'state', 'comm', 'cpu', 'rss'] as const;
      const sort = order[(order.indexOf(s.taskFilter.sort) + 1) % order.length] ?? 'pid';
      return setCursor({ ...s, taskFilter: { ...s.taskFilter, sort } }, 0);
    }
    case 'log-level':
      return setCursor({ ...s, logMaxLevel: a.max }, 0);
    case 'bt-view':
      return { ...s, btView: a.view, cursor: { ...s.cursor, backtrace: 0 } };
    case 'show-bt':
      return { ...s, btPid: a.pid, btView: 'task', pane: 'backtrace', detail: undefined, cursor: { ...s.cursor, backtrace: 0 } };
    case 'toggle-expand':
      return { ...s, expanded: { ...s.expanded, [a.key]: !s.expanded[a.key] } };
    case 'detail':
      return { ...s, detail: a.detail };
    case 'banner':
      return { ...s, banner: a.banner };
    case 'console-history':
      return { ...s, consoleHistoryAt: a.at };
    case 'engine-note':
      return { ...s, engineNote: a.note };
    case 'cross-check':
      return { ...s, crossCheck: a.check };
    case 'history-hits':
      return { ...s, historyHits: a.hits, historySearching: a.searching ?? false, cursor: { ...s.cursor, history: 0 } };
  }
}
