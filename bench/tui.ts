// Key-to-frame latency of the TUI on a synthetic session with 100k tasks and
// a 1M-line log, beside the same keys on a small session (the baseline),
// measured in the same run. Frames come from ink-testing-library's stdout.
import { render } from 'ink-testing-library';
import React from 'react';
import { ReplayTransport, type ReplaySource } from '../src/backend/replay-transport.js';
import { CrashClient } from '../src/protocol/crash-client.js';
import { App } from '../src/ui/App.js';

const STATES = ['IN', 'IN', 'IN', 'RU', 'UN', 'ID'];

export function syntheticSession(tasks: number, logLines: number): ReplaySource {
  const ps = ['      PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM'];
  for (let i = 0; i < tasks; i++) {
    const addr = (0xffff966481000000n + BigInt(i) * 0x2000n).toString(16);
    ps.push(`${String(i + 1).padStart(9)} ${String(1).padStart(7)} ${String(i % 8).padStart(4)}  ${addr}  ${STATES[i % STATES.length]}   0.0     2260       60  worker-${i}`);
  }
  const log: string[] = [];
  for (let i = 0; i < logLines; i++) log.push(`[${(i / 1000).toFixed(6).padStart(12)}] synthetic message ${i} from driver${i % 97}: status ok`);
  log.push('[ 9999.000000] kernel BUG at drivers/misc/lkdtm/bugs.c:78!');
  const sys = [
    '      KERNEL: vmlinux',
    '    DUMPFILE: vmcore',
    '        CPUS: 8',
    `       TASKS: ${tasks}`,
    '     RELEASE: 6.1.0-synthetic',
    '       PANIC: "synthetic panic"',
  ].join('\n');
  const bt = 'PID: 1      TASK: ffff966481000000  CPU: 0    COMMAND: "worker-0"\n #0 [ffff9850402cfb70] machine_kexec at ffffffff8f640560';
  const ex = (command: string, output: string) => ({ command, output, status: 'ok' });
  return { startup: { text: sys }, exchanges: [ex('sys', sys), ex('bt', bt), ex('log', log.join('\n')), ex('ps', ps.join('\n')), ex('bt -a', bt), ex('kmem -i', '')] };
}

async function measure(source: ReplaySource, keys: string[]): Promise<{ loadMs: number; samples: number[] }> {
  const t0 = performance.now();
  const inst = render(
    React.createElement(App, {
      init: { mode: 'replay', backendName: 'crash', dump: 'synthetic' },
      controller: { start: () => new CrashClient(new ReplayTransport(source)) },
    }),
  );
  const until = async (pred: () => boolean) => {
    while (!pred()) await new Promise((r) => setImmediate(r));
  };
  await until(() => /TASKS\s+\d+ /.test(inst.lastFrame() ?? ''));
  inst.stdin.write('4');
  await until(() => /\d+\/\d+ tasks/.test(inst.lastFrame() ?? ''));
  await until(() => (inst.lastFrame() ?? '').includes('[crash] ready'));
  const loadMs = performance.now() - t0;
  const samples: number[] = [];
  for (const key of keys) {
    const before = inst.stdout.frames.length;
    const k0 = performance.now();
    inst.stdin.write(key);
    await until(() => inst.stdout.frames.length > before || performance.now() - k0 > 2000);
    samples.push(performance.now() - k0);
  }
  inst.unmount();
  return { loadMs, samples };
}

function stats(xs: number[]): { median: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), max: +(s[s.length - 1] ?? 0).toFixed(2) };
}

export async function benchTui(): Promise<object> {
  // Tasks pane, then Log pane: j/k, page down, end, home, state filter.
  const keys = [...'jjjjjkkkk', ' ', ' ', 'G', 'g', 'u', 'u', 's', '3', ...'jjjjkk', ' ', 'G', 'g', 'l', 'l', '4'];
  const small = await measure(syntheticSession(50, 500), keys);
  const large = await measure(syntheticSession(100_000, 1_000_000), keys);
  const a = stats(small.samples);
  const b = stats(large.samples);
  return {
    name: 'tui key-to-frame',
    keys: keys.length,
    baseline: { tasks: 50, logLines: 500, loadMs: Math.round(small.loadMs), ...a },
    large: { tasks: 100_000, logLines: 1_000_000, loadMs: Math.round(large.loadMs), ...b },
    ratioMedian: +(b.median / Math.max(a.median, 0.01)).toFixed(2),
    targetMs: 16,
    targetMet: b.p95 < 16,
  };
}
