// Why the machine died, at a glance.
import { Box, Text } from 'ink';
import React, { useContext } from 'react';
import { checkLine } from '../../core/analysis/cross-check.js';
import { stuckOnLine } from '../../core/analysis/hangs-text.js';
import { stateCounts } from '../../tui/selectors.js';
import type { AppState } from '../../tui/state.js';
import { KnownContext } from '../known-context.js';
import { color, safe, STATE_COLORS } from '../theme.js';

type Props = { s: AppState; width: number; height: number };

function Row({ k, v, c }: { k: string; v: string | undefined; c?: string }): React.ReactElement | null {
  if (v === undefined || v === '') return null;
  return (
    <Box>
      <Text dimColor>{k.padStart(12)}  </Text>
      <Text color={c ? color(c) : undefined}>{v}</Text>
    </Box>
  );
}

export function SummaryPane({ s, width, height }: Props): React.ReactElement {
  const known = useContext(KnownContext)?.(s) ?? [];
  const sys = s.sys;
  const oops = s.oopses.find((o) => o.primary) ?? s.oopses[0];
  const t = s.panicTask;
  const counts = stateCounts(s.tasks ?? []);
  const total = s.tasks?.length ?? 0;
  const un = (s.tasks ?? []).filter((x) => x.state === 'UN');
  const mem = s.memory?.rows.find((r) => r.name === 'TOTAL MEM');
  const free = s.memory?.rows.find((r) => r.name === 'FREE');
  const w = Math.max(20, width - 16);
  if (!sys && s.status === 'loading' && s.mode !== 'log') return <Text dimColor>{s.backendName === 'both' ? 'drgn and crash are' : `${s.backendName} is`} loading the dump… the Summary fills in when {s.backendName === 'both' ? 'the first is' : 'it is'} ready.</Text>;
  const frames = (t?.frames ?? []).slice(0, Math.max(3, Math.min(10, height - 16)));
  return (
    <Box flexDirection="column">
      <Row k="PANIC" v={(sys?.panic ?? oops?.panic ?? (sys ? undefined : oops?.message)) !== undefined ? safe(sys?.panic ?? oops?.panic ?? oops?.message ?? '', w) : undefined} c="red" />
      <Row k="WHY" v={oops?.trigger ? safe(`${oops.trigger.kind}: ${oops.trigger.detail}`, w) : undefined} c="yellow" />
      <Row k="OOPS" v={oops ? safe(`${oops.title}${oops.rip ? `  (RIP ${oops.rip})` : ''}`, w) : undefined} c="red" />
      {known.map((k) => (
        <Row key={k.id} k="KNOWN" v={safe(`${k.id}: ${k.summary}${k.fixedIn ? ` (fixed in ${k.fixedIn})` : ''}`, w)} c="cyan" />
      ))}
      <Row k="TASK" v={t ? safe(`PID ${t.pid}  ${t.command}  on CPU ${t.cpu ?? '?'}`, w) : oops?.pid !== undefined ? safe(`PID ${oops.pid}  ${oops.comm ?? ''}  on CPU ${oops.cpu ?? '?'}`, w) : undefined} />
      <Row k="CULPRIT" v={!t && oops?.function ? `${oops.function}${oops.module ? ` [${oops.module}]` : ''}` : !t ? oops?.panicFrom : undefined} />
      <Row k="TAINT" v={oops?.tainted !== undefined ? oops.tainted || 'not tainted' : undefined} />
      <Row k="RELEASE" v={sys?.release} />
      <Row k="MACHINE" v={sys ? `${sys.machine ?? ''}  ${sys.cpus ?? '?'} CPUs  ${sys.memory ?? ''}`.trim() : undefined} />
      <Row k="HARDWARE" v={oops?.hardware ? safe(oops.hardware, w) : undefined} />
      <Row k="UPTIME" v={sys?.uptime} />
      <Row k="LOAD AVG" v={sys?.loadAverage?.join(', ')} />
      <Row k="MEMORY" v={mem ? `${mem.total ?? ''} total${free ? `, ${free.total ?? ''} free (${free.percent ?? '?'}%)` : ''}` : undefined} />
      <Box>
        <Text dimColor>{'TASKS'.padStart(12)}  </Text>
        <Text>{total > 0 ? `${total} ` : '… '}</Text>
        {Object.entries(counts)
          .sort((a, b) => b[1] - a[1])
          .map(([st, n]) => (
            <Text key={st} color={color(STATE_COLORS[st] ?? 'white')}>{`${st} ${n}  `}</Text>
          ))}
        {s.taskTableIncomplete ? (
          <Text color={color('yellow')}>{s.tasksFromWalk ? ' (walked the task list; crash saw fewer)' : ' (crash’s table is incomplete; walking…)'}</Text>
        ) : null}
      </Box>
      {un.length > 0 ? (
        <Row k="HUNG (UN)" v={safe(un.map((x) => `${x.pid} ${x.comm}`).join(', '), w)} c="red" />
      ) : null}
      {s.hangs && s.hangs.length > 0 ? <Row k="STUCK ON" v={safe(stuckOnLine(s.hangs) ?? '', w)} c="red" /> : null}
      {s.crossCheck ? (
        <Row k="CHECK" v={safe(checkLine(s.crossCheck), w)} c={s.crossCheck.disagreements.length > 0 ? 'yellow' : 'green'} />
      ) : null}
      {s.warnings.length > 0 ? <Row k="WARNINGS" v={safe(`${s.warnings.length}: ${s.warnings[0] ?? ''}`, w)} c="yellow" /> : null}
      {t ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Backtrace of PID {t.pid} ({safe(t.command)}) — press 2 for all frames</Text>
          {frames.map((f) => (
            <Text key={f.index}>
              <Text dimColor>{`#${f.index}`.padStart(4)} </Text>
              <Text color={f.exception ? color('red') : undefined}>{f.function}</Text>
              {f.module ? <Text color={color('magenta')}> [{f.module}]</Text> : null}
              {f.exception?.rip ? <Text color={color('red')}>  ← exception RIP: {f.exception.rip}</Text> : null}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
