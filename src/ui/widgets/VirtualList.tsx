// Renders only the rows that fit: the list can hold a million rows. A row that
// is one Text (the usual case) is drawn as one Text with its cursor mark, with
// no Box around it: fewer layout nodes per frame.
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

function mark(selected: boolean): React.ReactElement {
  return (
    <Text inverse={selected} color={selected ? color('cyan') : undefined}>
      {selected ? '›' : ' '}
    </Text>
  );
}

export function VirtualList<T>({ items, cursor, height, render, empty }: Props<T>): React.ReactElement {
  if (items.length === 0) return <Text dimColor>{empty ?? '(nothing here)'}</Text>;
  const h = Math.max(1, height);
  const top = Math.max(0, Math.min(cursor - Math.floor(h / 2), items.length - h));
  const rows: React.ReactNode[] = [];
  for (let i = top; i < Math.min(items.length, top + h); i++) {
    const selected = i === cursor;
    const row = render(items[i] as T, i, selected);
    rows.push(
      React.isValidElement(row) && row.type === Text ? (
        <Text key={i} wrap="truncate">
          {mark(selected)}
          {row}
        </Text>
      ) : (
        <Box key={i}>
          <Box flexShrink={0}>{mark(selected)}</Box>
          {row}
        </Box>
      ),
    );
  }
  return <Box flexDirection="column">{rows}</Box>;
}
