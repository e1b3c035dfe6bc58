// The `?` overlay, generated from the keymap table.
import { Box, Text } from 'ink';
import React from 'react';
import { KEYMAP } from '../app/keymap.js';
import { color } from './theme.js';

export function HelpOverlay(): React.ReactElement {
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Keys (Esc or ? to close)</Text>
      {KEYMAP.map((b) => (
        <Text key={b.command}>
          <Text color={color('cyan')}>{b.keys.join(', ').padEnd(16)}</Text>
          <Text dimColor>{b.scope.padEnd(10)}</Text>
          <Text>{b.description}</Text>
        </Text>
      ))}
    </Box>
  );
}
