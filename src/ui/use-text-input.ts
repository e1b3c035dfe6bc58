// The search and command lines: typed text, Enter, Esc, and ↑/↓ through the
// command history. Returns whether it consumed the key.
import type { Key } from 'ink';
import type { Controller, Dispatch } from '../tui/controller.js';
import type { AppState } from '../tui/state.js';

export function useTextInput(get: () => AppState, dispatch: Dispatch, ctl: Controller): { handle: (input: string, key: Key) => boolean; active: () => boolean } {
  return {
    active: () => get().overlay === 'search' || get().overlay === 'command',
    handle(input: string, key: Key): boolean {
      const s = get();
      if (s.overlay !== 'search' && s.overlay !== 'command') return false;
      if (key.escape) {
        dispatch({ type: 'overlay', overlay: undefined });
        if (s.overlay === 'search') dispatch({ type: 'search', query: undefined });
        return true;
      }
      if (key.return || input === '\r') {
        const text = s.input.trim();
        if (s.overlay === 'search') {
          dispatch({ type: 'search', query: text === '' ? undefined : text });
          if (s.pane === 'history') void ctl.searchHistory(text === '' ? undefined : text);
        }
        else {
          dispatch({ type: 'overlay', overlay: undefined });
          dispatch({ type: 'console-history', at: undefined });
          if (text !== '') {
            dispatch({ type: 'pane', pane: 'console' });
            dispatch({ type: 'user-command', delta: 1 });
            void ctl.run(text).finally(() => dispatch({ type: 'user-command', delta: -1 }));
          }
        }
        return true;
      }
      if (key.backspace || key.delete) {
        dispatch({ type: 'input', text: s.input.slice(0, -1) });
        return true;
      }
      if (s.overlay === 'command' && (key.upArrow || key.downArrow)) {
        const cmds = s.exchanges.map((e) => e.command);
        if (cmds.length === 0) return true;
        const at = s.consoleHistoryAt ?? cmds.length;
        const next = Math.max(0, Math.min(cmds.length, at + (key.upArrow ? -1 : 1)));
        dispatch({ type: 'console-history', at: next });
        dispatch({ type: 'input', text: cmds[next] ?? '' });
        return true;
      }
      if (key.ctrl || key.meta || key.tab) return true;
      // A pasted chunk may hold several keys, Enter included.
      const cr = input.search(/[\r\n]/);
      if (cr >= 0) {
        dispatch({ type: 'input', text: s.input + input.slice(0, cr).replace(/[\x00-\x1f\x7f]/g, '') });
        this.handle('\r', { ...key, return: true });
        return true;
      }
      if (input) dispatch({ type: 'input', text: s.input + input.replace(/[\x00-\x1f\x7f]/g, '') });
      return true;
    },
  };
}
