// The `?` overlay, generated from the keymap table; two columns when one does not fit.
import { Box, Text } from 'ink';
import React from 'react';
import { KEYMAP, type Binding } from '../tui/keymap.js';
import { color } from './theme.js';

type Props = { width: number; height: number };

function Column({ rows, width }: { rows: readonly Binding[]; width: number }): React.ReactElement {
  return (
    <Box flexDirection="column" width={width}>
      {rows.map((b) => (
        <Text key={b.command} wrap="truncate">
          <Text color={color('cyan')}>{b.keys.join(', ').padEnd(14)}</Text>
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
