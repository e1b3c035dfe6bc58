// Key-to-frame latency and bytes written per key of the TUI, drawn as in a
// real terminal (bench/terminal.ts) with the CLI's own render options, on a
// synthetic session with 100k tasks and a 1M-line log, beside the same keys on
// a small session (the baseline), measured in the same run; each with
// incremental rendering on (what users get) and off.
import { render } from 'ink';
import React from 'react';
import { ReplayTransport, type ReplaySource } from '../src/backend/replay-transport.js';
import { CrashClient } from '../src/protocol/crash-client.js';
import { App } from '../src/ui/App.js';
import { TUI_RENDER_OPTIONS } from '../src/ui/render-options.js';
import { FakeStdin, FakeStdout } from './terminal.js';

const STATES = ['IN', 'IN', 'IN', 'RU', 'UN', 'ID'];

export function syntheticSession(tasks: number, logLines: number): ReplaySource {
  const ps = ['      PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM'];
  for (let i = 0; i < tasks; i++) {
    const addr = (0xffff966481000000n + BigInt(i) * 0x2000n).toString(16);
    ps.push(`${String(i + 1).padStart(9)} ${String(1).padStart(7)} ${String(i % 8).padStart(4)}  ${addr}  ${STATES[i % STATES.length]}   0.0     2260       60  worker-${i}`);
  }
  const log: string[] = [];
  for (let i = 0; i < logLines; i++) log.push(`[${(i / 1000).toFixed(6).padStart(12)}] <${i % 7 === 0 ? 4 : 6}>synthetic message ${i} from driver${i % 97}: status ok`);
  log.push('[ 9999.000000] <0>kernel BUG at drivers/misc/lkdtm/bugs.c:78!');
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
  return { startup: { text: sys }, exchanges: [ex('sys', sys), ex('bt', bt), ex('log -m', log.join('\n')), ex('ps', ps.join('\n')), ex('bt -a', bt), ex('kmem -i', '')] };
}

const tick = () => new Promise((r) => setImmediate(r));

async function until(pred: () => boolean, limitMs = 120_000): Promise<void> {
  const t0 = performance.now();
  while (!pred()) {
    if (performance.now() - t0 > limitMs) throw new Error('bench: the TUI did not get there in time');
    await tick();
  }
}

interface Run {
  loadMs: number;
  samples: number[];
  bytes: number[];
  /** Keys after which nothing was drawn. */
  unchanged: string[];
  /** The first `s` (sort by state) and `u` (UN only) on this list: sort keys and filters built then. */
  firstSortMs: number;
  firstUnFilterMs: number;
}

async function measure(source: ReplaySource, keys: readonly string[], incrementalRendering: boolean): Promise<Run> {
  const stdout = new FakeStdout(120, 40);
  const stdin = new FakeStdin();
  const t0 = performance.now();
  const inst = render(
    React.createElement(App, {
      init: { mode: 'replay', backendName: 'crash', dump: 'synthetic' },
      controller: { start: () => new CrashClient(new ReplayTransport(source)) },
    }),
    { ...TUI_RENDER_OPTIONS, incrementalRendering, stdout: stdout as never, stdin: stdin as never, stderr: stdout as never, patchConsole: false },
  );
  await until(() => /TASKS\s+\d+ /.test(stdout.plain()));
  stdin.type('4');
  await until(() => /\d+\/\d+ tasks/.test(stdout.plain()) && stdout.plain().includes('[crash] ready'));
  const loadMs = performance.now() - t0;
  const frameGap = 1000 / TUI_RENDER_OPTIONS.maxFps;
  const samples: number[] = [];
  const bytes: number[] = [];
  const unchanged: string[] = [];
  const first: Record<string, number> = {};
  for (const key of keys) {
    // A person types slower than the frame rate: each key starts a new throttle window.
    while (performance.now() - stdout.lastWriteAt < frameGap + 1) await new Promise((r) => setTimeout(r, 2));
    const writes = stdout.writes;
    const b0 = stdout.bytes;
    const k0 = performance.now();
    stdin.type(key);
    // A key that changes nothing on screen draws nothing (incremental): not a sample.
    while (stdout.writes === writes && performance.now() - k0 < 3000) await tick();
    if (stdout.writes === writes) {
      unchanged.push(JSON.stringify(key));
      continue;
    }
    samples.push(stdout.lastWriteAt - k0);
    first[key] ??= +(stdout.lastWriteAt - k0).toFixed(2);
    // The frame may come in several writes: count them all once the screen is quiet.
    while (performance.now() - stdout.lastWriteAt < frameGap + 1) await new Promise((r) => setTimeout(r, 2));
    bytes.push(stdout.bytes - b0);
  }
  inst.unmount();
  return { loadMs, samples, bytes, unchanged, firstSortMs: first.s ?? -1, firstUnFilterMs: first.u ?? -1 };
}

function stats(xs: number[]): { median: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), max: +(s[s.length - 1] ?? 0).toFixed(2) };
}

const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));

export async function benchTui(): Promise<object> {
  // Tasks pane, then Log pane: j/k, page down, end, home, UN filter, every sort, state filter, live filter.
  const keys = [...'jjjjjkkkk', ' ', ' ', 'G', 'g', 'u', 'u', ...'sssss', 'f', 'f', '/', ...'worker-9', '\r', '\u001b', '3', ...'jjjjkk', ' ', 'G', 'g', 'l', 'l', '/', ...'driver4', '\u001b', '4'];
  const out: Record<string, object> = {};
  for (const incremental of [true, false]) {
    const small = await measure(syntheticSession(50, 500), keys, incremental);
    const large = await measure(syntheticSession(100_000, 1_000_000), keys, incremental);
    const a = stats(small.samples);
    const b = stats(large.samples);
    out[incremental ? 'incremental' : 'fullRedraw'] = {
      baseline: { tasks: 50, logLines: 500, loadMs: Math.round(small.loadMs), ...a, bytesPerKey: mean(small.bytes), unchanged: small.unchanged },
      large: { tasks: 100_000, logLines: 1_000_000, loadMs: Math.round(large.loadMs), ...b, bytesPerKey: mean(large.bytes), unchanged: large.unchanged, firstSortMs: large.firstSortMs, firstUnFilterMs: large.firstUnFilterMs },
      ratioMedian: +(b.median / Math.max(a.median, 0.01)).toFixed(2),
    };
  }
  const large = (out.incremental as { large: { median: number; p95: number } }).large;
  return {
    name: 'tui key-to-frame',
    keys: keys.length,
    ...out,
    target: { medianMs: 16, p95Ms: 50 },
    targetMet: large.median <= 16 && large.p95 <= 50,
  };
}
