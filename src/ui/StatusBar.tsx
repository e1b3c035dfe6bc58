import { basename } from 'node:path';
import { Box, Text } from 'ink';
import React from 'react';
import { diagnosticsNote } from '../tui/selectors.js';
import type { AppState } from '../tui/state.js';
import { color, safe } from './theme.js';

type Props = { s: AppState; now: number };

export function StatusBar({ s, now }: Props): React.ReactElement {
  const secs = ((now - s.startedAt) / 1000).toFixed(1);
  const what =
    s.mode === 'log'
      ? 'saved kernel log; no crash, no vmlinux'
      : s.status === 'loading'
      ? `loading ${s.progress ?? 'starting'}… ${secs} s`
      : s.status === 'busy'
        ? `running: ${safe(s.running ?? '', 36)}`
        : s.status;
  const notUnderstood = diagnosticsNote(s);
  const statusColor = s.status === 'dead' || s.status === 'stuck' ? 'red' : s.status === 'ready' ? 'green' : 'yellow';
  return (
    <Box height={1} overflow="hidden">
      <Box flexShrink={0}>
        <Text wrap="truncate" color={color(statusColor)}>{s.mode === 'replay' ? 'REPLAY ' : ''}[{s.backendName}{s.backendVersion ? ` ${s.backendVersion}` : ''}] {what}</Text>
      </Box>
      {/* --backend both: what the other engine is doing; kept whole, the file names give way first. */}
      {s.engineNote ? (
        <Box flexShrink={0}>
          <Text color={color('yellow')}>{` · ${s.engineNote}`}</Text>
        </Box>
      ) : null}
      <Text dimColor wrap="truncate">
        {'  '}
        {s.vmlinux ? `${basename(s.vmlinux)} ` : ''}
        {basename(s.dump)}
        {s.readyMs !== undefined ? `  loaded in ${(s.readyMs / 1000).toFixed(1)} s` : ''}
      </Text>
      {notUnderstood ? (
        <Text color={color('yellow')} wrap="truncate">
          {'  '}
          {safe(notUnderstood, 60)} (! lists them)
        </Text>
      ) : null}
    </Box>
  );
}
