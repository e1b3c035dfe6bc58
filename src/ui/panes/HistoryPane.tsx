// Every exchange of this session, with time and duration.
import { Box, Text } from 'ink';
import React from 'react';
import { historyRows } from '../../app/selectors.js';
import type { AppState } from '../../app/state.js';
import { color, safe } from '../theme.js';
import { VirtualList } from '../widgets/VirtualList.js';

type Props = { s: AppState; width: number; height: number };

export function HistoryPane({ s, width, height }: Props): React.ReactElement {
  if (s.detail) {
    return (
      <Box flexDirection="column">
        <Text bold>{safe(s.detail.title, width)} — Esc to close</Text>
        {s.detail.text.split('\n').slice(0, height - 1).map((l, i) => (
          <Text key={i}>{safe(l, width)}</Text>
        ))}
      </Box>
    );
  }
  const rows = historyRows(s);
  return (
    <Box flexDirection="column">
      <Text dimColor>{rows.length} exchanges — Enter: show output · /: search</Text>
      <VirtualList
        items={rows}
        cursor={s.cursor.history}
        height={height - 1}
        render={(e) => (
          <Text>
            <Text dimColor>{e.startedAt.slice(11, 19)} </Text>
            <Text>{`${(e.ms / 1000).toFixed(2)} s`.padStart(9)} </Text>
            <Text color={color(e.status === 'ok' ? 'green' : 'red')}>{e.status.padEnd(9)}</Text>
            <Text>{safe(e.command, width - 45)}</Text>
            <Text dimColor> {e.output.split('\n').length} lines</Text>
          </Text>
        )}
      />
    </Box>
  );
}
