// Large inputs for the parser benchmark, built by repeating real lines from
// the fixtures (transcripts of the shared dumps), with PIDs renumbered so the
// tasks stay distinct. Each is one flat string, ending in a line feed, made
// by join(): the framer hands the parsers flat strings too (its cleaning ends
// in replace/join), where `${text}\n` would make a two-part rope.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The items joined by sep, ending in a line feed, as one flat string. */
function flat(items: string[], sep: string): string {
  const parts: string[] = [];
  items.forEach((item, i) => parts.push(item, i === items.length - 1 ? '\n' : sep));
  return parts.join('');
}

const fixture = (name: string): string[] =>
  readFileSync(join(process.cwd(), 'fixtures', 'crash', name), 'utf8').split('\n').filter((l) => l.length > 0);

/** A log of `n` lines: the real bug-dump log, repeated. */
export function bigLog(n: number): string {
  const src = fixture('bug/log.txt');
  const out: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = src[i % src.length] as string;
  return flat(out, '\n');
}

/** `ps` with `n` task rows: the header, then the real rows with fresh PIDs. */
export function bigPs(n: number): string {
  const [header, ...rows] = fixture('bug/ps.txt');
  const out: string[] = [header as string];
  for (let i = 0; i < n; i++) {
    const row = rows[i % rows.length] as string;
    // PID is right-aligned to column 9, after the one-character ">" marker column.
    out.push(`${row.slice(0, 1)}${String(i + 1).padStart(8)}${row.slice(9)}`);
  }
  return flat(out, '\n');
}

/** `foreach bt` with `n` task blocks: the real blocks, PIDs renumbered. */
export function bigForeachBt(n: number): string {
  const text = readFileSync(join(process.cwd(), 'fixtures', 'crash', 'bug', 'foreach-bt.txt'), 'utf8');
  const blocks = text.split('\n\n').map((b) => b.trim());
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((blocks[i % blocks.length] as string).replace(/^PID: \d+ {0,8}/, `PID: ${String(i + 1).padEnd(9)}`));
  return flat(out, '\n\n');
}

/** `mod` with `n` rows. */
export function bigMod(n: number): string {
  const [header, ...rows] = fixture('sysrq/mod.txt');
  const out: string[] = [header as string];
  for (let i = 0; i < n; i++) out.push((rows[i % rows.length] as string).replace(/ {2}(\w+)/, (_m, name: string) => `  ${name}_${i}`));
  return flat(out, '\n');
}

/** `runq` for `cpus` CPUs, each with `queued` CFS tasks. */
export function bigRunq(cpus: number, queued: number): string {
  const out: string[] = [];
  for (let c = 0; c < cpus; c++) {
    out.push(`CPU ${c} RUNQUEUE: ffff9664aee21580`, '  CURRENT: PID: 140    TASK: ffff966481dc6e00  COMMAND: "lkdtm-trigger"',
      '  RT PRIO_ARRAY: ffff9664aee21780', '     [no tasks queued]', '  CFS RB_ROOT: ffff9664aee21630');
    for (let q = 0; q < queued; q++) out.push(`     [120] PID: ${c * queued + q}     TASK: ffff966481a72940  COMMAND: "cruncher"`);
    out.push('');
  }
  return flat(out, '\n');
}

/** `n` copies of a small output (sys, kmem -i), to time parsers that only ever see a screenful. */
export function repeated(name: string, n: number): string {
  const text = readFileSync(join(process.cwd(), 'fixtures', 'crash', name), 'utf8');
  return new Array<string>(n).fill(text).join('');
}
