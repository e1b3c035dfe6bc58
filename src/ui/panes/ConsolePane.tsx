// A raw crash prompt with scrollable output.
import { Box, Text } from 'ink';
import React from 'react';
import { consoleLines } from '../../tui/selectors.js';
import type { AppState } from '../../tui/state.js';
import { safe } from '../theme.js';

type Props = { s: AppState; width: number; height: number };

export function ConsolePane({ s, width, height }: Props): React.ReactElement {
  const lines = consoleLines(s);
  const h = Math.max(1, height - 1);
  const atEnd = s.cursor.console >= lines.length - 1 || s.cursor.console === 0;
  const end = atEnd ? lines.length : s.cursor.console + 1;
  const shown = lines.slice(Math.max(0, end - h), end);
  return (
    <Box flexDirection="column">
      {shown.map((l, i) => (
        <Text key={i}>{safe(l, width)}</Text>
      ))}
      <Text dimColor>Press : to type a command (↑/↓ walk the history there); j/k scroll.</Text>
    </Box>
  );
}
