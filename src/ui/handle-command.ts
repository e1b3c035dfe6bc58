// What each keymap command does, given the state and the controller.
import { diagnosticsText } from '../tui/selectors.js';
import type { Controller, Dispatch } from '../tui/controller.js';
import type { Command } from '../tui/keymap.js';
import { hangRows } from '../tui/hang-rows.js';
import { PANES } from '../tui/panes.js';
import { btRows, clusterRows, historyRows, paneSize, visibleLog, visibleTasks } from '../tui/selectors.js';
import type { AppState } from '../tui/state.js';

const STATES = [undefined, 'RU', 'IN', 'UN', 'ID', 'ZO', 'ST'] as const;
const LEVELS = [undefined, 3, 4, 6] as const;

export function handleCommand(cmd: Command, s: AppState, dispatch: Dispatch, ctl: Controller, pageSize: number): void {
  const m = /^pane-(\d)$/.exec(cmd);
  if (m) {
    const pane = PANES[Number(m[1]) - 1];
    if (pane) dispatch({ type: 'pane', pane });
    return;
  }
  switch (cmd) {
    case 'pane-prev': return dispatch({ type: 'pane-step', delta: -1 });
    case 'pane-next': return dispatch({ type: 'pane-step', delta: 1 });
    case 'down': return dispatch({ type: 'move', delta: 1, size: 0 });
    case 'up': return dispatch({ type: 'move', delta: -1, size: 0 });
    case 'page-down': return dispatch({ type: 'move', delta: pageSize, size: 0 });
    case 'page-up': return dispatch({ type: 'move', delta: -pageSize, size: 0 });
    case 'top': return dispatch({ type: 'move-to', index: 0 });
    case 'bottom': return dispatch({ type: 'move-to', index: paneSize(s) - 1 });
    case 'search': return dispatch({ type: 'overlay', overlay: 'search' });
    case 'search-next': return dispatch({ type: 'move', delta: 1, size: 0 });
    case 'search-prev': return dispatch({ type: 'move', delta: -1, size: 0 });
    case 'escape':
      if (s.detail) return dispatch({ type: 'detail', detail: undefined });
      if (s.search[s.pane]) {
        if (s.pane === 'history') void ctl.searchHistory(undefined);
        return dispatch({ type: 'search', query: undefined });
      }
      return dispatch({ type: 'banner', banner: undefined });
    case 'command-line': return dispatch({ type: 'overlay', overlay: 'command' });
    case 'help': return dispatch({ type: 'overlay', overlay: 'help' });
    case 'quit':
      // Quitting asks only when a command you typed is still running on a live backend; kdview's
      // own background work (bt -a, hangs, recovery) and a replay have nothing of yours to lose.
      if (s.userRunning > 0 && s.status === 'busy' && s.mode === 'live') return dispatch({ type: 'overlay', overlay: 'confirm-quit' });
      void ctl.quit();
      return;
    case 'cancel': return ctl.cancel();
    case 'restart': void ctl.restart(); return;
    case 'tasks-un': return dispatch({ type: 'task-state-filter', state: s.taskFilter.state === 'UN' ? undefined : 'UN' });
    case 'tasks-state-cycle': {
      const i = STATES.indexOf(s.taskFilter.state as (typeof STATES)[number]);
      return dispatch({ type: 'task-state-filter', state: STATES[(i + 1) % STATES.length] });
    }
    case 'tasks-sort': return dispatch({ type: 'task-sort' });
    case 'bt-toggle-all':
      if (!s.btAll && s.btView === 'task') void ctl.run(ctl.profile().allCpus);
      return dispatch({ type: 'bt-view', view: s.btView === 'all' ? 'task' : 'all' });
    case 'bt-clusters':
      if (s.btView === 'clusters') return dispatch({ type: 'bt-view', view: 'task' });
      if (!s.foreachBt) {
        const command = ctl.profile().allStacks?.(s);
        if (!command) return dispatch({ type: 'banner', banner: { level: 'info', text: 'stack clusters need crash’s foreach bt' } });
        void ctl.run(command);
      }
      return dispatch({ type: 'bt-view', view: 'clusters' });
    case 'log-jump-oops': {
      const first = s.oopses[0];
      const rec = first ? s.log?.[first.records.first] : undefined;
      const idx = rec ? visibleLog(s).indexOf(rec) : -1;
      if (idx >= 0) return dispatch({ type: 'move-to', index: idx });
      return dispatch({ type: 'banner', banner: { level: 'info', text: 'no crash report found in the log' } });
    }
    case 'log-level-cycle': {
      const i = LEVELS.indexOf(s.logMaxLevel as (typeof LEVELS)[number]);
      return dispatch({ type: 'log-level', max: LEVELS[(i + 1) % LEVELS.length] });
    }
    case 'hangs-all': void ctl.findAllHangs(); return;
    case 'open': return open(s, dispatch, ctl);
    case 'diagnostics': return dispatch({ type: 'detail', detail: { title: 'lines the parsers did not understand', text: diagnosticsText(s) } });
    default:
      return;
  }
}

function open(s: AppState, dispatch: Dispatch, ctl: Controller): void {
  if (s.pane === 'hangs') {
    const pid = hangRows(s)[s.cursor.hangs]?.pid;
    const t = pid !== undefined ? s.tasks?.find((x) => x.pid === pid) : undefined;
    if (t) void ctl.showTaskBacktrace(t);
  } else if (s.pane === 'tasks') {
    const t = visibleTasks(s)[s.cursor.tasks];
    if (t) void ctl.showTaskBacktrace(t);
  } else if (s.pane === 'backtrace' && s.btView === 'clusters') {
    const c = clusterRows(s)[s.cursor.backtrace];
    if (c) {
      const stack = c.frames.map((f) => `  #${f.index} ${f.function}${f.module ? ` [${f.module}]` : ''}`);
      const members = c.members.map((m) => `  ${m.pid} ${m.comm} (${s.tasks?.find((t) => t.pid === m.pid)?.state ?? '??'})`);
      dispatch({ type: 'detail', detail: { title: `${c.count} tasks share this stack`, text: ['stack:', ...stack, '', 'tasks:', ...members].join('\n') } });
    }
  } else if (s.pane === 'backtrace') {
    const r = btRows(s)[s.cursor.backtrace];
    if (r?.frame?.exception) dispatch({ type: 'toggle-expand', key: r.key });
    else if (r?.frame) void ctl.disassemble(r.frame);
  } else if (s.pane === 'history' && s.search.history && s.historyHits) {
    const hit = s.historyHits[s.cursor.history];
    if (hit) void ctl.openHistoryHit(hit);
  } else if (s.pane === 'history') {
    const e = historyRows(s)[s.cursor.history];
    if (e) dispatch({ type: 'detail', detail: { title: `${s.backendName}> ${e.command}`, text: e.output || e.error || '' } });
  }
}
