// `kdview` with no arguments: pick a dump from what `kdview dumps` finds.
import { Box, Text, useApp, useInput, useWindowSize } from 'ink';
import React, { useState } from 'react';
import type { DumpInfo, DumpListing } from '../model/dump.js';
import { color, safe } from './theme.js';
import { VirtualList } from './widgets/VirtualList.js';

type Props = { listing: DumpListing; onPick: (dump: DumpInfo | undefined) => void };

function size(bytes: number): string {
  return bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GB` : `${(bytes / (1 << 20)).toFixed(1)} MB`;
}

export function DumpPicker({ listing, onPick }: Props): React.ReactElement {
  const [cursor, setCursor] = useState(0);
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const dumps = listing.dumps;
  const done = (d: DumpInfo | undefined) => {
    onPick(d);
    exit();
  };
  useInput((input, key) => {
    if (key.downArrow || input === 'j') setCursor((c) => Math.min(dumps.length - 1, c + 1));
    else if (key.upArrow || input === 'k') setCursor((c) => Math.max(0, c - 1));
    else if (key.return && dumps[cursor] && !dumps[cursor].problem) done(dumps[cursor]);
    else if (key.escape || input === 'q' || (key.ctrl && input === 'c')) done(undefined);
  });
  const where = listing.searched.join(', ');
  if (dumps.length === 0) {
    return (
      <Box flexDirection="column">
        <Text bold color={color('cyan')}>kdview</Text>
        <Text>No kernel dumps found in {safe(where)}.</Text>
        <Text dimColor>Open one with `kdview VMLINUX DUMP` (or `kdview DUMP`), list other folders with `kdview dumps DIR`,</Text>
        <Text dimColor>or try the bundled real session with `kdview --demo`. Press q to quit.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold color={color('cyan')}>kdview — {dumps.length} dump{dumps.length === 1 ? '' : 's'} in {safe(where)}</Text>
      <Text dimColor>Enter: open · j/k: move · q: quit</Text>
      <VirtualList
        items={dumps}
        cursor={cursor}
        height={Math.max(3, (rows > 0 ? rows : 24) - 3)}
        render={(d) => (
          <Text wrap="truncate">
            <Text>{d.date.slice(0, 16).replace('T', ' ')} </Text>
            <Text color={color('magenta')}>{safe(d.release ?? '?', 24).padEnd(24)} </Text>
            <Text>{size(d.size).padStart(9)} </Text>
            <Text dimColor>{d.format.padEnd(17)}</Text>
            <Text>{safe(d.path, Math.max(20, (columns > 0 ? columns : 80) - 80))}</Text>
            {d.problem ? <Text color={color('red')}> {safe(d.problem, 40)}</Text> : null}
          </Text>
        )}
      />
    </Box>
  );
}
