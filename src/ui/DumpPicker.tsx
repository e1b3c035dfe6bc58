// `kdview` with no arguments: pick a dump from what `kdview dumps` finds;
// Tab switches to the Fleet tab (signatures across every recorded report).
import { Box, Text, useApp, useInput, useWindowSize } from 'ink';
import React, { useState } from 'react';
import type { DumpInfo, DumpListing } from '../model/dump.js';
import type { FleetPanel } from '../tui/fleet-panel.js';
import { FleetList } from './FleetList.js';
import { color, safe } from './theme.js';
import { VirtualList } from './widgets/VirtualList.js';

type Props = { listing: DumpListing; fleet?: FleetPanel; onPick: (dump: DumpInfo | undefined) => void };

function size(bytes: number): string {
  return bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GB` : `${(bytes / (1 << 20)).toFixed(1)} MB`;
}

function Tabs({ tab }: { tab: 'dumps' | 'fleet' }): React.ReactElement {
  return (
    <Text>
      <Text inverse={tab === 'dumps'}> Dumps </Text> <Text inverse={tab === 'fleet'}> Fleet </Text>
      <Text dimColor>  Tab: switch</Text>
    </Text>
  );
}

export function DumpPicker({ listing, fleet, onPick }: Props): React.ReactElement {
  const [cursor, setCursor] = useState(0);
  const [tab, setTab] = useState<'dumps' | 'fleet'>('dumps');
  const [fleetCursor, setFleetCursor] = useState(0);
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const dumps = listing.dumps;
  const done = (d: DumpInfo | undefined) => {
    onPick(d);
    exit();
  };
  const fleetRows = fleet?.rows.length ?? 0;
  useInput((input, key) => {
    if (key.tab && fleet) setTab((t) => (t === 'dumps' ? 'fleet' : 'dumps'));
    else if (key.escape || input === 'q' || (key.ctrl && input === 'c')) done(undefined);
    else if (tab === 'fleet') {
      if (key.downArrow || input === 'j') setFleetCursor((c) => Math.min(fleetRows - 1, c + 1));
      else if (key.upArrow || input === 'k') setFleetCursor((c) => Math.max(0, c - 1));
    } else if (key.downArrow || input === 'j') setCursor((c) => Math.min(dumps.length - 1, c + 1));
    else if (key.upArrow || input === 'k') setCursor((c) => Math.max(0, c - 1));
    else if (key.return && dumps[cursor] && !dumps[cursor].problem) done(dumps[cursor]);
  });
  const where = listing.searched.join(', ');
  if (tab === 'fleet' && fleet) {
    return (
      <Box flexDirection="column">
        <Text bold color={color('cyan')}>kdview — fleet</Text>
        <Tabs tab={tab} />
        <FleetList fleet={fleet} cursor={fleetCursor} columns={columns > 0 ? columns : 80} height={(rows > 0 ? rows : 24) - 3} />
      </Box>
    );
  }
  if (dumps.length === 0) {
    return (
      <Box flexDirection="column">
        <Text bold color={color('cyan')}>kdview</Text>
        <Text>No kernel dumps found in {safe(where)}.</Text>
        <Text dimColor>Open one with `kdview VMLINUX DUMP` (or `kdview DUMP`), list other folders with `kdview dumps DIR`,</Text>
        <Text dimColor>or try the bundled real session with `kdview --demo`. Press q to quit{fleet ? ', Tab for the fleet' : ''}.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold color={color('cyan')}>kdview — {dumps.length} dump{dumps.length === 1 ? '' : 's'} in {safe(where)}</Text>
      <Text dimColor>Enter: open · j/k: move · q: quit{fleet ? ' · Tab: fleet' : ''}</Text>
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
