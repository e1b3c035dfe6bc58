// Every exchange of this session; `/` searches every saved session.
import { basename } from 'node:path';
import { Box, Text } from 'ink';
import React from 'react';
import { historyRows } from '../../tui/selectors.js';
import type { AppState, Detail } from '../../tui/state.js';
import { color, safe } from '../theme.js';
import { VirtualList } from '../widgets/VirtualList.js';

type Props = { s: AppState; width: number; height: number };

export function DetailView({ d, width, height }: { d: Detail; width: number; height: number }): React.ReactElement {
  const lines = d.text.split('\n');
  const h = Math.max(1, height - 1);
  const hit = d.line !== undefined ? d.line - 1 : -1;
  const top = hit >= 0 ? Math.max(0, Math.min(hit - Math.floor(h / 3), lines.length - h)) : 0;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">{safe(d.title, width - 16)} — Esc to close</Text>
      {lines.slice(top, top + h).map((l, i) => (
        <Text key={top + i} inverse={top + i === hit} color={top + i === hit ? color('yellow') : undefined} wrap="truncate">
          {safe(l, width)}
        </Text>
      ))}
    </Box>
  );
}

export function HistoryPane({ s, width, height }: Props): React.ReactElement {
  if (s.detail) return <DetailView d={s.detail} width={width} height={height} />;
  if (s.search.history && s.historyHits) {
    return (
      <Box flexDirection="column">
        <Text dimColor>
          {s.historySearching ? 'searching every saved session…' : `${s.historyHits.length} matches in every saved session for "${safe(s.search.history)}"`} — Enter: open · Esc: back
        </Text>
        <VirtualList
          items={s.historyHits}
          cursor={s.cursor.history}
          height={height - 1}
          render={(h) => (
            <Text wrap="truncate">
              <Text dimColor>{h.startedAt.slice(0, 16).replace('T', ' ')} </Text>
              <Text color={color('magenta')}>{safe(basename(h.dump), 16).padEnd(16)} </Text>
              <Text>{safe(`#${h.seq} ${h.command}`, 28).padEnd(28)} </Text>
              <Text dimColor>{h.line > 0 ? `${h.line}: ` : ''}</Text>
              <Text>{safe(h.snippet, width - 70)}</Text>
            </Text>
          )}
          empty="no match in any saved session"
        />
      </Box>
    );
  }
  const rows = historyRows(s);
  return (
    <Box flexDirection="column">
      <Text dimColor>
        {s.search.history ? `${rows.length}/${s.exchanges.length} exchanges match "${safe(s.search.history, 30)}"` : `${rows.length} exchanges in this session`} — Enter: show output · /: filter, then Enter: search every saved session
      </Text>
      <VirtualList
        items={rows}
        cursor={s.cursor.history}
        height={height - 1}
        render={(e) => (
          <Text wrap="truncate">
            <Text dimColor>{e.startedAt.slice(11, 19)} </Text>
            <Text>{`${(e.ms / 1000).toFixed(2)} s`.padStart(9)} </Text>
            <Text color={color(e.status === 'ok' ? 'green' : 'red')}>{e.status.padEnd(9)}</Text>
            <Text>{safe(e.command, width - 45)}</Text>
            <Text dimColor> {e.output.split('\n').length} lines</Text>
          </Text>
        )}
      />
    </Box>
  );
}
