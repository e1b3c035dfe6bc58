import { Text } from 'ink';
import React from 'react';
import { PANES, PANE_TITLES, type PaneId } from '../tui/panes.js';
import { color } from './theme.js';

type Props = { pane: PaneId; mode: 'live' | 'replay' | 'log' };

function TabBarView({ pane, mode }: Props): React.ReactElement {
  return (
    <Text wrap="truncate">
      <Text bold color={color('cyan')}>kdview </Text>
      {mode === 'replay' ? <Text inverse color={color('yellow')}> REPLAY </Text> : null}
      {mode === 'log' ? <Text inverse color={color('yellow')}> LOG ONLY </Text> : null}
      {PANES.map((p, i) => (
        <Text key={p} inverse={p === pane} bold={p === pane}>
          {` ${i + 1} ${PANE_TITLES[p]} `}
        </Text>
      ))}
      <Text dimColor>  ? help</Text>
    </Text>
  );
}

/** Drawn again only when the pane or the mode changes. */
export const TabBar = React.memo(TabBarView);
