// The TUI: tab bar, banner, the active pane, status bar, overlays.
import { Box, type Key, Text, useApp, useInput, useWindowSize } from 'ink';
import React, { useEffect, useState, useSyncExternalStore } from 'react';
import { Controller, type ControllerOptions } from '../tui/controller.js';
import { keyName } from './key-name.js';
import { lookupKey } from '../tui/keymap.js';
import { createStore } from '../tui/store.js';
import { initialState } from '../tui/state.js';
import { Banner } from './Banner.js';
import { handleCommand } from './handle-command.js';
import { HelpOverlay } from './HelpOverlay.js';
import { BacktracePane } from './panes/BacktracePane.js';
import { ConsolePane } from './panes/ConsolePane.js';
import { HangsPane } from './panes/HangsPane.js';
import { DetailView, HistoryPane } from './panes/HistoryPane.js';
import { LogPane } from './panes/LogPane.js';
import { SummaryPane } from './panes/SummaryPane.js';
import { TasksPane } from './panes/TasksPane.js';
import { StatusBar } from './StatusBar.js';
import { TabBar } from './TabBar.js';
import { paneSize } from '../tui/selectors.js';
import { color, safe } from './theme.js';
import { useTextInput } from './use-text-input.js';

export type AppProps = {
  init: Parameters<typeof initialState>[0];
  controller: ControllerOptions;
  onExit?: () => void;
};

export function App({ init, controller, onExit }: AppProps): React.ReactElement {
  // Made once, on the first render: the store and the controller live as long as the App.
  const [store] = useState(() => createStore(initialState(init)));
  const s = useSyncExternalStore(store.subscribe, store.get);
  const dispatch = store.dispatch;
  const { exit } = useApp();
  const size = useWindowSize();
  const columns = size.columns > 0 ? size.columns : 100;
  const rows = size.rows > 0 ? size.rows : 30;
  const [now, setNow] = useState(() => Date.now());
  const [ctl] = useState(
    () =>
      new Controller(dispatch, store.get, controller, () => {
        onExit?.();
        exit();
      }),
  );
  useEffect(() => {
    void ctl.start();
  }, [ctl]);
  useEffect(() => {
    if (s.status !== 'loading' && s.status !== 'busy') return;
    const t = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(t);
  }, [s.status]);

  const bodyHeight = Math.max(3, rows - 4);
  const textInput = useTextInput(store.get, dispatch, ctl);

  const onKey = (input: string, key: Key): void => {
    const s = store.get();
    if (textInput.handle(input, key)) return;
    const name = keyName(input, key);
    if (name === undefined) return;
    if (s.overlay === 'help') {
      if (name === 'escape' || name === '?' || name === 'q') dispatch({ type: 'overlay', overlay: undefined });
      return;
    }
    if (s.overlay === 'confirm-quit') {
      if (name === 'y') void ctl.quit();
      else dispatch({ type: 'overlay', overlay: undefined });
      return;
    }
    const cmd = lookupKey(name, s.pane);
    if (cmd) handleCommand(cmd, s, dispatch, ctl, bodyHeight - 2);
  };

  useInput((input, key) => {
    // Several plain keys can arrive in one chunk: take them one by one.
    if (input.length > 1 && !key.ctrl && !key.meta && !textInput.active()) {
      for (const ch of input) onKey(ch, { ...key, return: ch === '\r' });
    } else onKey(input, key);
  });

  const pane = (() => {
    const props = { s, width: columns, height: bodyHeight };
    switch (s.pane) {
      case 'summary': return <SummaryPane {...props} />;
      case 'backtrace': return <BacktracePane {...props} />;
      case 'log': return <LogPane {...props} />;
      case 'tasks': return <TasksPane {...props} />;
      case 'console': return <ConsolePane {...props} />;
      case 'history': return <HistoryPane {...props} />;
      case 'hangs': return <HangsPane {...props} />;
    }
  })();

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <TabBar pane={s.pane} mode={s.mode} />
      <Banner banner={s.banner} width={columns} />
      <Box flexDirection="column" flexGrow={1} overflow="hidden">
        {s.overlay === 'help' ? (
          <HelpOverlay width={columns} height={bodyHeight} />
        ) : s.detail && s.pane !== 'backtrace' && s.pane !== 'history' ? (
          <DetailView d={s.detail} width={columns} height={bodyHeight} />
        ) : (
          pane
        )}
      </Box>
      {s.overlay === 'search' || s.overlay === 'command' ? (
        <Text>
          <Text color={color('cyan')}>{s.overlay === 'search' ? '/' : s.backendName === 'drgn' ? '>>> ' : s.backendName === 'both' ? 'crash> ' : `${s.backendName}> `}</Text>
          {safe(s.input, columns - 24)}
          <Text inverse> </Text>
          {s.overlay === 'search' && s.search[s.pane] ? <Text dimColor>{`  ${paneSize(s)} matches`}</Text> : null}
        </Text>
      ) : s.overlay === 'confirm-quit' ? (
        <Text color={color('yellow')}>A command is still running. Quit anyway? (y/N)</Text>
      ) : null}
      <StatusBar s={s} now={now} />
    </Box>
  );
}
