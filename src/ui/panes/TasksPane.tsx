// The ps table: sortable, filterable by state.
import { Box, Text } from 'ink';
import React from 'react';
import { idleCount, visibleTasks } from '../../tui/selectors.js';
import type { AppState } from '../../tui/state.js';
import { color, safe, STATE_COLORS } from '../theme.js';
import { VirtualList } from '../widgets/VirtualList.js';

type Props = { s: AppState; width: number; height: number };

export function TasksPane({ s, width, height }: Props): React.ReactElement {
  const rows = visibleTasks(s);
  const total = s.tasks?.length ?? 0;
  const idle = idleCount(s.tasks);
  return (
    <Box flexDirection="column">
      {s.taskTableIncomplete ? (
        <Text color={color('yellow')}>
          {s.tasksFromWalk
            ? `crash's task table is incomplete (PID hash): this list walks init_task.tasks — ${total - idle} tasks + ${idle} idle`
            : "crash's task table is incomplete (PID hash): walking the kernel task list…"}
        </Text>
      ) : null}
      <Text dimColor>
        {`${rows.length}/${total} tasks · sort: ${s.taskFilter.sort}${s.taskFilter.state ? ` · state: ${s.taskFilter.state}` : ''}${s.search.tasks ? ` · filter: ${s.search.tasks}` : ''}`} — u: UN only · f: state · s: sort · Enter: backtrace
      </Text>
      <Text bold>{'     PID    PPID  CPU  ST       RSS  COMM'}</Text>
      <VirtualList
        items={rows}
        cursor={s.cursor.tasks}
        height={height - (s.taskTableIncomplete ? 4 : 3)}
        render={(t) => (
          <Text>
            <Text>{t.active ? '>' : ' '}</Text>
            <Text>{String(t.pid).padStart(7)} {String(t.ppid).padStart(7)} {String(t.cpu).padStart(4)}  </Text>
            <Text color={color(STATE_COLORS[t.state] ?? 'white')}>{t.state.padEnd(3)}</Text>
            <Text>{String(t.rss).padStart(9)}  </Text>
            <Text dimColor={t.kernelThread}>{safe(t.kernelThread ? `[${t.comm}]` : t.comm, width - 40)}</Text>
          </Text>
        )}
        empty={s.tasks ? 'no task matches' : 'ps not loaded yet'}
      />
    </Box>
  );
}
