// Frames of the selected task (or every CPU), exception frames expandable.
import { Box, Text } from 'ink';
import React from 'react';
import { baseName, waitsIn } from '../../core/analysis/hangs-activity.js';
import { btSource, clusterSource } from '../../tui/bt-source.js';
import { btRows, clusterRows, type BtRow } from '../../tui/selectors.js';
import type { AppState } from '../../tui/state.js';
import { color, safe } from '../theme.js';
import { VirtualList } from '../widgets/VirtualList.js';

type Props = { s: AppState; width: number; height: number };

/** The waiting frame of each blocked task the hang analysis examined, by pid. */
const waitCache = new WeakMap<object, Map<number, string>>();
function waitingFrames(s: AppState): Map<number, string> | undefined {
  const facts = s.hangFacts;
  if (!facts) return undefined;
  let m = waitCache.get(facts);
  if (!m) {
    m = new Map();
    for (const f of facts) {
      const w = waitsIn(f);
      if (w) m.set(f.pid, w);
    }
    waitCache.set(facts, m);
  }
  return m;
}

function renderRow(r: BtRow, width: number, waits?: ReadonlyMap<number, string>): React.ReactNode {
  if (r.registersOf?.exception) {
    const regs = Object.entries(r.registersOf.exception.registers).map(([k, v]) => `${k}: ${v}`);
    return <Text color={color('yellow')}>{safe(`      ${regs.join('  ')}`, width)}</Text>;
  }
  if (!r.frame) {
    return (
      <Box flexDirection="column">
        <Text bold color={color('cyan')}>
          {safe(`PID: ${r.task.pid}  TASK: ${r.task.task}  CPU: ${r.task.cpu ?? '-'}  COMMAND: "${r.task.command}"`, width)}
        </Text>
        {(r.task.notes ?? []).map((n, i) => (
          <Text key={i} color={color('yellow')} wrap="truncate">
            {safe(`  note: ${n}`, width)}
          </Text>
        ))}
      </Box>
    );
  }
  const f = r.frame;
  return (
    <Text>
      {f.stackSwitch ? <Text color={color('magenta')}>{`--- <${f.stackSwitch}> --- `}</Text> : null}
      <Text dimColor>{`#${f.index}`.padStart(4)} </Text>
      <Text color={f.exception ? color('red') : undefined}>{safe(f.function, 48)}</Text>
      {f.offset !== undefined ? <Text dimColor>+{f.offset}</Text> : null}
      {f.address ? <Text dimColor> at {f.address}</Text> : <Text dimColor> (stack word at {f.sp})</Text>}
      {f.module ? <Text color={color('magenta')}> [{f.module}]</Text> : null}
      {f.file ? <Text dimColor> {safe(`${f.file}:${f.line ?? ''}`, 40)}</Text> : null}
      {r.frame && waits?.get(r.task.pid) === baseName(f.function) ? <Text color={color('red')} bold>{'  ◂ waits here'}</Text> : null}
      {f.exception ? (
        <Text color={color('red')}>
          {f.exception.rip ? ` ▸ exception RIP: ${safe(f.exception.rip, 40)}` : ' ▸ saved registers'} (Enter: show)
        </Text>
      ) : null}
    </Text>
  );
}

function ClusterView({ s, width, height }: Props): React.ReactElement {
  const clusters = clusterRows(s);
  const tasks = clusters.reduce((n, c) => n + c.count, 0);
  return (
    <Box flexDirection="column">
      <Text dimColor>
        {s.foreachBt ? `${clusters.length} distinct stacks over ${tasks} tasks (${clusterSource(s)})` : 'reading every task’s stack…'} — Enter: stack and tasks · c: back
      </Text>
      <VirtualList
        items={clusters}
        cursor={s.cursor.backtrace}
        height={height - 1}
        render={(c) => (
          <Text wrap="truncate">
            <Text bold>{`${c.count}×`.padStart(6)} </Text>
            <Text color={color(c.states.UN ? 'red' : 'white')}>
              {Object.entries(c.states)
                .map(([st, n]) => `${st} ${n}`)
                .join(' ')
                .padEnd(12)}
            </Text>
            <Text>{safe(c.frames.slice(0, 4).map((f) => f.function).join(' ← '), Math.max(10, width - 60))}</Text>
            <Text dimColor> {safe(c.members.slice(0, 4).map((m) => `${m.pid} ${m.comm}`).join(', '), 40)}{c.members.length > 4 ? ' …' : ''}</Text>
          </Text>
        )}
        empty="no stacks yet"
      />
    </Box>
  );
}

export function BacktracePane({ s, width, height }: Props): React.ReactElement {
  if (s.detail) {
    const lines = s.detail.text.split('\n').slice(0, height - 2);
    return (
      <Box flexDirection="column">
        <Text bold>{safe(s.detail.title, width)} — Esc to close</Text>
        {lines.map((l, i) => (
          <Text key={i}>{safe(l, width)}</Text>
        ))}
      </Box>
    );
  }
  if (s.btView === 'clusters') return <ClusterView s={s} width={width} height={height} />;
  const rows = btRows(s);
  const source = btSource(s);
  const title = s.btView === 'all' ? 'bt -a: every CPU' : `selected task${source.engine ? ` (${source.engine})` : ''}`;
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate">
        {title} — a: toggle all CPUs · Enter: dis -l of a frame, registers of an exception frame
        {s.search.backtrace ? `  · filter: ${s.search.backtrace}` : ''}
      </Text>
      {source.label ? <Text color={color('yellow')}>{safe(source.label, width)}</Text> : null}
      <VirtualList
        items={rows}
        cursor={s.cursor.backtrace}
        height={height - (source.label ? 2 : 1)}
        render={(r) => renderRow(r, width - 2, waitingFrames(s))}
        empty={s.btView === 'all' ? 'bt -a not loaded yet' : 'no backtrace yet'}
      />
    </Box>
  );
}
