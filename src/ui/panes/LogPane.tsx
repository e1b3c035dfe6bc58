// Every log record, levels coloured, crash-report records marked.
import { Box, Text } from 'ink';
import React, { useMemo } from 'react';
import { visibleLog } from '../../tui/selectors.js';
import type { AppState } from '../../tui/state.js';
import type { LogRecord } from '../../model/log.js';
import { color, LEVEL_COLORS, safe } from '../theme.js';
import { VirtualList } from '../widgets/VirtualList.js';

type Props = { s: AppState; width: number; height: number };

export function LogPane({ s, width, height }: Props): React.ReactElement {
  const rows = visibleLog(s);
  const inOops = useMemo(() => {
    const set = new Set<LogRecord>();
    for (const o of s.oopses) for (let i = o.records.first; i <= o.records.last; i++) {
      const r = s.log?.[i];
      if (r) set.add(r);
    }
    return set;
  }, [s.oopses, s.log]);
  return (
    <Box flexDirection="column">
      <Text dimColor>
        {s.log ? `${s.log.length} records` : 'log not loaded yet'}
        {s.logMaxLevel !== undefined ? ` · level ≤ ${s.logMaxLevel}` : ''}
        {s.search.log ? ` · filter: ${s.search.log} (${rows.length})` : ''} — p: first crash report · l: level filter
      </Text>
      <VirtualList
        items={rows}
        cursor={s.cursor.log}
        height={height - 1}
        render={(r) => (
          <Text>
            <Text color={inOops.has(r) ? color('red') : undefined}>{inOops.has(r) ? '▌' : ' '}</Text>
            <Text dimColor>{r.timestamp !== undefined ? `[${r.timestamp.toFixed(6).padStart(12)}] ` : r.wallclock ? `[${r.wallclock}] ` : ''}</Text>
            <Text color={r.level !== undefined ? color(LEVEL_COLORS[r.level] ?? 'white') : undefined}>{safe(r.text, width - 18)}</Text>
          </Text>
        )}
      />
    </Box>
  );
}
