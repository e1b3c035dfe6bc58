// The `?` overlay, generated from the keymap table; two columns when one does not fit.
import { Box, Text } from 'ink';
import React from 'react';
import { KEYMAP, type Binding } from '../tui/keymap.js';
import { color } from './theme.js';

type Props = { width: number; height: number };

/** The key column: as wide as the longest key list, at most half the column; always a space before the text. */
export function keyCell(keys: readonly string[], width: number): string {
  const text = keys.join(', ');
  return (text.length < width ? text : `${text.slice(0, Math.max(0, width - 2))}…`).padEnd(width);
}

function Column({ rows, width }: { rows: readonly Binding[]; width: number }): React.ReactElement {
  const keyWidth = Math.min(Math.max(...rows.map((b) => b.keys.join(', ').length)) + 2, Math.floor(width / 2));
  return (
    <Box flexDirection="column" width={width}>
      {rows.map((b) => (
        <Text key={b.command} wrap="truncate">
          <Text color={color('cyan')}>{keyCell(b.keys, keyWidth)}</Text>
          <Text dimColor>{b.scope === 'global' ? '' : `${b.scope}: `}</Text>
          <Text>{b.description}</Text>
        </Text>
      ))}
    </Box>
  );
}

export function HelpOverlay({ width, height }: Props): React.ReactElement {
  const room = Math.max(1, height - 1);
  const columns = KEYMAP.length > room ? 2 : 1;
  const per = Math.ceil(KEYMAP.length / columns);
  return (
    <Box flexDirection="column">
      <Text bold>Keys (Esc or ? to close)</Text>
      <Box>
        {Array.from({ length: columns }, (_, i) => (
          <Column key={i} rows={KEYMAP.slice(i * per, (i + 1) * per)} width={Math.floor(width / columns)} />
        ))}
      </Box>
    </Box>
  );
}
