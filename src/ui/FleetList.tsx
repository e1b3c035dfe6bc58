// The dump picker's Fleet tab: signatures across every recorded report.
import { Box, Text } from 'ink';
import React from 'react';
import type { FleetPanel } from '../tui/fleet-panel.js';
import { color, safe } from './theme.js';
import { VirtualList } from './widgets/VirtualList.js';

type Props = { fleet: FleetPanel; cursor: number; columns: number; height: number };

export function FleetList({ fleet, cursor, columns, height }: Props): React.ReactElement {
  if (fleet.rows.length === 0) {
    return (
      <Box flexDirection="column">
        <Text>No crashes recorded in {safe(fleet.where)}.</Text>
        {fleet.note ? <Text dimColor>{safe(fleet.note)}</Text> : null}
      </Box>
    );
  }
  const titleW = Math.max(20, Math.min(60, columns - 60));
  return (
    <Box flexDirection="column">
      <Text>
        {fleet.records} dumps, {fleet.rows.length} signatures, {fleet.releases} releases, {fleet.hosts} hosts
        <Text dimColor> ({safe(fleet.where, 60)})</Text>
      </Text>
      {fleet.suspects.length > 0 ? <Text color={color('yellow')} wrap="truncate">hardware suspects: {safe(fleet.suspects.join(' · '), columns - 20)}</Text> : null}
      <Text dimColor>{'DUMPS HOSTS  SIGNATURE         TITLE'.padEnd(titleW + 36)}RELEASES</Text>
      <VirtualList
        items={fleet.rows}
        cursor={cursor}
        height={Math.max(3, height - 3)}
        render={(r) => (
          <Text wrap="truncate">
            <Text>{String(r.total).padStart(5)} {String(r.hosts).padStart(5)}  </Text>
            <Text dimColor>{r.signature}  </Text>
            <Text>{safe(r.title, titleW).padEnd(titleW + 1)}</Text>
            <Text color={color('magenta')}>{safe(r.releases, 30)}</Text>
            {r.marks.map((m) => (
              <Text key={m} color={color(m.startsWith('NEW') ? 'red' : m.startsWith('KNOWN') ? 'cyan' : 'green')}>  {safe(m, 40)}</Text>
            ))}
          </Text>
        )}
      />
    </Box>
  );
}
