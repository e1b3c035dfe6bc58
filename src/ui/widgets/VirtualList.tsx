// Renders only the rows that fit: the list can hold a million rows.
import { Box, Text } from 'ink';
import React from 'react';
import { color } from '../theme.js';

type Props<T> = {
  items: readonly T[];
  cursor: number;
  height: number;
  render: (item: T, index: number, selected: boolean) => React.ReactNode;
  empty?: string;
};

export function VirtualList<T>({ items, cursor, height, render, empty }: Props<T>): React.ReactElement {
  if (items.length === 0) return <Text dimColor>{empty ?? '(nothing here)'}</Text>;
  const h = Math.max(1, height);
  const top = Math.max(0, Math.min(cursor - Math.floor(h / 2), items.length - h));
  const rows: React.ReactNode[] = [];
  for (let i = top; i < Math.min(items.length, top + h); i++) {
    const selected = i === cursor;
    rows.push(
      <Box key={i}>
        <Box flexShrink={0}>
          <Text inverse={selected} color={selected ? color('cyan') : undefined}>
            {selected ? '›' : ' '}
          </Text>
        </Box>
        {render(items[i] as T, i, selected)}
      </Box>,
    );
  }
  return <Box flexDirection="column">{rows}</Box>;
}
