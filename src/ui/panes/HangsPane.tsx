// Why it is stuck: the wait-for graph of blocked tasks, root → lock → waiters.
import { Box, Text } from 'ink';
import React from 'react';
import { stuckOnLine } from '../../core/analysis/hangs-text.js';
import { hangRows, type HangRow } from '../../tui/hang-rows.js';
import type { AppState } from '../../tui/state.js';
import { color, safe, STATE_COLORS } from '../theme.js';
import { VirtualList } from '../widgets/VirtualList.js';

type Props = { s: AppState; width: number; height: number };

function Row({ r, width }: { r: HangRow; width: number }): React.ReactElement {
  const pad = '  '.repeat(r.depth);
  const w = Math.max(10, width - pad.length - 5);
  if (r.kind === 'waiter') {
    return (
      <Text>
        {pad}
        <Text color={color(STATE_COLORS[r.state ?? ''] ?? 'white')}>{(r.state ?? '??').padEnd(3)}</Text>
        {safe(r.text, w)}
      </Text>
    );
  }
  const c = r.kind === 'root' ? 'red' : r.kind === 'lock' ? 'yellow' : r.kind === 'link' ? 'magenta' : 'white';
  return (
    <Text bold={r.kind === 'root'} color={color(c)}>
      {pad}
      {r.kind === 'root' ? '▸ ' : r.kind === 'lock' || r.kind === 'link' ? '└ ' : ''}
      {safe(r.text, w)}
    </Text>
  );
}

export function HangsPane({ s, width, height }: Props): React.ReactElement {
  const rows = hangRows(s);
  const un = (s.tasks ?? []).filter((t) => t.state === 'UN').length;
  const head = s.hangs
    ? s.hangs.length > 0
      ? `STUCK ON ${stuckOnLine(s.hangs) ?? ''}`
      : `no blocked tasks found${un > 0 ? ` (${un} UN in the task list)` : ''}`
    : 'looking at the blocked tasks… (their stacks, the locks they wait on, the owners)';
  return (
    <Box flexDirection="column">
      <Text color={color(s.hangs && s.hangs.length > 0 ? 'red' : 'white')}>{safe(head, width - 2)}</Text>
      <Text dimColor>Enter on a task: its backtrace, the waiting frame marked · a: every sleeping task too · j/k: move</Text>
      <VirtualList items={rows} cursor={s.cursor.hangs} height={height - 2} render={(r) => <Row r={r} width={width} />} empty={s.hangs ? 'nothing waits on a lock' : '…'} />
    </Box>
  );
}
