// History search benchmark: 10k exchanges holding ~50 MB of real crash output
// (the fixtures, with addresses shifted per session so sessions differ),
// written with the real SessionWriter, searched with the HistoryIndex, and
// compared in the same run with a plain case-insensitive `includes` scan.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryIndex } from '../src/session/history-index.js';
import { readSession } from '../src/session/reader.js';
import { listSessions } from '../src/session/store.js';
import { newSessionHeader, SessionWriter } from '../src/session/writer.js';

const SESSIONS = 50;
const PER_SESSION = 200;
const TARGET_AVG = 5000;
const REPS = 5;

interface Source {
  command: string;
  text: string;
}

function sources(): Source[] {
  const root = join(process.cwd(), 'fixtures', 'crash');
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Record<string, { command?: string }>;
  const out: Source[] = [];
  for (const [file, meta] of Object.entries(manifest)) {
    if (!meta.command) continue;
    try {
      out.push({ command: meta.command, text: readFileSync(join(root, file), 'utf8').trimEnd() });
    } catch {
      // a manifest entry without its file
    }
  }
  if (out.length === 0) throw new Error('bench/history: no fixtures under fixtures/crash');
  return out;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Shifts every 64-bit address by a per-session offset, as if another boot. */
function shiftAddresses(text: string, offset: number): string {
  return text.replace(/\b([0-9a-f]{6})([0-9a-f]{10})\b/g, (_m, hi: string, lo: string) =>
    hi + ((parseInt(lo, 16) + offset) % 2 ** 40).toString(16).padStart(10, '0'),
  );
}

async function generate(dir: string): Promise<{ bytes: number; lines: number; unique: string }> {
  const src = sources();
  const small = src.filter((s) => s.text.length < TARGET_AVG);
  const rand = prng(5);
  let bytes = 0;
  let lines = 0;
  let count = 0;
  let unique = '';
  for (let s = 0; s < SESSIONS; s++) {
    const startedAt = new Date(Date.UTC(2026, 9, 1 + s, 8)).toISOString();
    const dump = { path: `/var/crash/2026-10-${String(1 + (s % 28)).padStart(2, '0')}/vmcore`, size: 1e9, mtime: startedAt };
    const header = newSessionHeader({ kdview: '0.1.0', backend: 'crash', backendVersion: '8.0.2', vmlinux: null, dump, release: '6.1.192-kdview', command: 'tui', startedAt });
    const w = await SessionWriter.create(dir, header);
    const offset = Math.floor(rand() * 2 ** 30) * 16;
    for (let i = 0; i < PER_SESSION; i++) {
      const pool = count > 0 && bytes / count > TARGET_AVG ? small : src;
      const pick = pool[Math.floor(rand() * pool.length)] as Source;
      const output = shiftAddresses(pick.text, offset);
      if (s === 17 && unique === '') unique = /\b[0-9a-f]{16}\b/.exec(output)?.[0] ?? '';
      await w.append({ command: pick.command, output, startedAt, ms: 30, status: 'ok' });
      bytes += output.length;
      lines += output.split('\n').length;
      count++;
    }
    await w.close();
  }
  return { bytes, lines, unique };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

export async function benchHistory(): Promise<object> {
  const dir = await mkdtemp(join(tmpdir(), 'kdview-bench-history-'));
  try {
    const tw = performance.now();
    const gen = await generate(dir);
    const writeMs = performance.now() - tw;
    const heap0 = process.memoryUsage().heapUsed;
    const index = HistoryIndex.fromDir(dir);
    const tb = performance.now();
    const built = await index.build();
    const buildMs = performance.now() - tb;
    const heapMB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
    const tv = performance.now();
    await index.search('lkdtm_BGU');
    const firstQueryMs = performance.now() - tv;

    const queries: Array<[kind: string, q: string]> = [
      ...['sys', 'bt -a', 'foreach bt', 'kmem -i', 'log -T'].map((q) => ['command', q] as [string, string]),
      ...['lkdtm_BUG', '__schedule', 'schedule_idle', 'do_syscall_64', 'machine_kexec'].map((q) => ['function', q] as [string, string]),
      ...['kernel BUG at', 'Kernel panic - not syncing', gen.unique, 'zzz_no_such_symbol'].map((q) => ['text/rare', q] as [string, string]),
      ...['lkdtm_BGU', 'shedule_idle', 'macine_kexec', 'do_sycall_64', 'kernal BUG at', 'foreach tb'].map((q) => ['misspelt', q] as [string, string]),
    ];
    // Baseline: every output line, lowercased up front, scanned with includes.
    const [allLines, prepMs] = await (async () => {
      const t0 = performance.now();
      const out: string[] = [];
      for (const s of (await listSessions(dir)).sessions)
        for (const e of (await readSession(s.path)).exchanges) for (const l of e.output.toLowerCase().split('\n')) out.push(l);
      return [out, performance.now() - t0] as const;
    })();
    const rows = [];
    for (const [kind, q] of queries) {
      const ix: number[] = [];
      const base: number[] = [];
      let hits = 0;
      let baseHits = 0;
      let top = '';
      for (let r = 0; r < REPS; r++) {
        const t0 = performance.now();
        const res = await index.search(q, { limit: 20 });
        ix.push(performance.now() - t0);
        hits = res.length;
        top = res[0] ? `${res[0].command}${res[0].line ? `:${res[0].line} ${res[0].snippet.trim().slice(0, 50)}` : ''}` : '';
        const ql = q.toLowerCase();
        const [n, ms] = timed(() => allLines.filter((l) => l.includes(ql)).length);
        base.push(ms);
        baseHits = n;
      }
      rows.push({ kind, query: q, indexMs: round(quantile(ix, 0.5)), baselineMs: round(quantile(base, 0.5)), hits, baselineHits: baseHits, top });
    }
    const ixAll = rows.map((r) => r.indexMs);
    const baseAll = rows.map((r) => r.baselineMs);
    const summary = {
      sessions: built.sessions,
      exchanges: built.exchanges,
      outputMB: round(gen.bytes / 1e6, 1),
      outputLines: gen.lines,
      writeSeconds: round(writeMs / 1000, 1),
      indexedWords: built.words,
      buildMs: Math.round(buildMs),
      indexHeapMB: Math.round(heapMB),
      firstQueryMs: Math.round(firstQueryMs),
      queryMedianMs: round(quantile(ixAll, 0.5)),
      queryP95Ms: round(quantile(ixAll, 0.95)),
      queryMaxMs: round(Math.max(...ixAll)),
      baselinePrepMs: Math.round(prepMs),
      baselineMedianMs: round(quantile(baseAll, 0.5)),
      baselineP95Ms: round(quantile(baseAll, 0.95)),
      ratioMedian: round(quantile(ixAll, 0.5) / quantile(baseAll, 0.5)),
      ratioP95: round(quantile(ixAll, 0.95) / quantile(baseAll, 0.95)),
      allUnder50ms: ixAll.every((ms) => ms < 50),
    };
    return { summary, queries: rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
