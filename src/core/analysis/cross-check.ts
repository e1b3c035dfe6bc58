// Cross-check: what crash and drgn both said about one dump, compared fact by
// fact. Each disagreement once, with both answers, the one kdview believes and
// why; the known benign differences (idle tasks, inline frames, the kexec path
// at the top of crash's stack, entry symbol names) are folded into one line
// each. Pure: two Models in, a CrossCheck out.
import type { BacktraceTask, Frame } from '../../model/backtrace.js';
import type { CrossCheck } from '../../report/model.js';
import type { Models } from '../models.js';

type Disagreement = CrossCheck['disagreements'][number];

export interface CrossCheckInput {
  crash: Models;
  drgn: Models;
  crashVersion?: string;
  drgnVersion?: string;
  /** crash warned `active task ... not found in PID hash` at start-up: its task table is incomplete. */
  crashTableIncomplete: boolean;
}

const TOP = 5;
/** Taint bits in the kernel's order (kernel/panic.c taint_flags). */
const TAINT_LETTERS = 'PFSRMBUDAWCIOELKXTN';

export function taintLetters(mask: number): string {
  let out = '';
  for (let i = 0; i < TAINT_LETTERS.length; i++) if (Math.floor(mask / 2 ** i) % 2 === 1) out += TAINT_LETTERS[i];
  return out;
}

const list = (xs: readonly (string | number)[], max = 8) => (xs.length > max ? `${xs.slice(0, max).join(', ')}, … (${xs.length})` : xs.join(', '));

function panicFact(c: Models, d: Models, out: Disagreement[], compared: string[]): void {
  const a = c.sys?.panic?.trim();
  const b = d.sys?.panic?.trim();
  if (!a || !b) return;
  compared.push('panic');
  if (a.replace(/\s+/g, ' ') === b.replace(/\s+/g, ' ')) return;
  const inLog = (s: string) => (d.log ?? c.log ?? []).some((r) => r.text.includes(s));
  const believe = inLog(b) && !inLog(a) ? 'drgn' : 'crash';
  out.push({ fact: 'panic', crash: a, drgn: b, believe, why: believe === 'drgn' ? "drgn's message is the log's own line" : "crash reads the panic string the kernel saved" });
}

function taskFact(c: Models, d: Models, incomplete: boolean, out: Disagreement[], compared: string[]): void {
  const ct = c.panicTask;
  const dt = d.panicTask;
  if (!ct || !dt) return;
  compared.push('crashing task');
  const why = 'both read the dump’s crashing CPU; kdview keeps crash’s answer unless its task table is incomplete';
  const believe = incomplete ? 'drgn' : 'crash';
  if (ct.pid !== dt.pid)
    out.push({ fact: 'crashing task', crash: `PID ${ct.pid} ${ct.command}`, drgn: `PID ${dt.pid} ${dt.command}`, believe, why });
  else if (ct.cpu !== undefined && dt.cpu !== undefined && ct.cpu !== dt.cpu)
    out.push({ fact: 'crashing CPU', crash: `CPU ${ct.cpu}`, drgn: `CPU ${dt.cpu}`, believe, why });
}

function tasksFact(c: Models, d: Models, incomplete: boolean, out: Disagreement[], benign: string[], compared: string[]): void {
  if (!c.tasks || !d.tasks) return;
  compared.push('tasks');
  const idle = c.tasks.filter((t) => t.pid === 0).length;
  if (idle > 0) benign.push(`idle tasks: crash lists ${idle} (swapper/N, PID 0, one per CPU); drgn's for_each_task skips them`);
  if (c.tasksFromWalk) benign.push("crash's own task table was incomplete (PID hash): its tasks here come from kdview's walk of the kernel task list");
  const cp = new Set(c.tasks.filter((t) => t.pid !== 0).map((t) => t.pid));
  const dp = new Set(d.tasks.map((t) => t.pid));
  const onlyDrgn = [...dp].filter((p) => !cp.has(p)).sort((a, b) => a - b);
  const onlyCrash = [...cp].filter((p) => !dp.has(p)).sort((a, b) => a - b);
  if (onlyDrgn.length === 0 && onlyCrash.length === 0) return;
  const believe = incomplete || onlyDrgn.length >= onlyCrash.length ? 'drgn' : 'crash';
  const why = incomplete
    ? "crash's task table is incomplete (its PID hash lookups failed, the struct pid flex-array it does not know); drgn walks the kernel's task list"
    : believe === 'drgn'
      ? "drgn walks the kernel's task list itself; crash's table misses tasks"
      : "crash's table has tasks drgn's walk did not reach";
  const side = (n: number, only: number[], other: string) => `${n} tasks${only.length ? `; ${only.length} not in ${other}: PIDs ${list(only)}` : ''}`;
  out.push({ fact: 'tasks', crash: side(cp.size, onlyCrash, 'drgn'), drgn: side(dp.size, onlyDrgn, 'crash'), believe, why });
}

function unFact(c: Models, d: Models, out: Disagreement[], compared: string[]): void {
  if (!c.tasks || !d.tasks) return;
  const cs = new Map(c.tasks.map((t) => [t.pid, t.state]));
  const diffs = d.tasks.filter((t) => cs.has(t.pid) && (t.state === 'UN') !== (cs.get(t.pid) === 'UN'));
  compared.push('UN states');
  if (diffs.length === 0) return;
  out.push({
    fact: 'UN states',
    crash: list(diffs.map((t) => `${t.pid} ${cs.get(t.pid)}`)),
    drgn: list(diffs.map((t) => `${t.pid} ${t.state}`)),
    believe: 'drgn',
    why: "drgn reads each task's __state when asked; crash's ps shows its table as loaded",
  });
}

/** Names for comparison: `.cold`/`.isra.N` parts and the entry alias dropped. */
function norm(name: string): string {
  return name.replace(/\.(cold|isra|constprop|part)(\.\d+)?/g, '').replace(/^entry_SYSCALL_64_after_hwframe$/, 'entry_SYSCALL_64');
}

/** crash's frames with the function `[exception RIP: f]` names put right after the frame that carries it. */
function crashNames(t: BacktraceTask): string[] {
  const out: string[] = [];
  for (const f of t.frames) {
    out.push(f.function);
    const rip = f.exception?.function ?? f.exception?.rip?.replace(/\+.*$/, '');
    if (rip) out.push(rip);
  }
  return out;
}

const unnamed = (f: Frame) => /^0x[0-9a-f]*$/i.test(f.function) || f.function === '';

function framesFact(c: Models, d: Models, out: Disagreement[], benign: string[], compared: string[]): void {
  const ct = c.panicTask;
  const dt = d.panicTask;
  if (!ct || !dt || ct.frames.length === 0 || dt.frames.length === 0) return;
  compared.push('top frames');
  const inline = dt.frames.filter((f) => f.inline).length;
  if (inline > 0) benign.push(`inline frames: drgn shows ${inline} in the crashing stack (e.g. ${dt.frames.find((f) => f.inline)?.function}); crash never shows inline frames`);
  const dNamed = dt.frames.filter((f) => !f.inline);
  const cNames = crashNames(ct).map(norm);
  const first = dNamed.findIndex((f) => !unnamed(f) && cNames.includes(norm(f.function)));
  if (first < 0) {
    out.push({ fact: 'top frames', crash: list(cNames, TOP), drgn: list(dNamed.map((f) => f.function), TOP), believe: 'crash', why: "no frame of drgn's stack is in crash's: drgn's unwind went astray" });
    return;
  }
  const at = cNames.indexOf(norm(dNamed[first]!.function));
  if (at > 0) benign.push(`top of the crashing stack: crash starts ${at} frames earlier (${list(cNames.slice(0, at), 4)}), drgn at ${dNamed[first]!.function}`);
  const a = cNames.slice(at, at + TOP);
  const b = dNamed.slice(first, first + TOP);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (norm(b[i]!.function) === a[i]) continue;
    const believe = unnamed(b[i]!) ? 'crash' : 'drgn';
    out.push({
      fact: 'top frames',
      crash: a.join(' ← '),
      drgn: b.map((f) => f.function).join(' ← '),
      believe,
      why: believe === 'crash' ? "drgn's unwind lost the frame names (no debug info for that code)" : 'drgn unwinds with the debug info (ORC/DWARF) of each frame',
    });
    return;
  }
  if (ct.frames.some((f) => f.function === 'entry_SYSCALL_64_after_hwframe') && dt.frames.some((f) => f.function === 'entry_SYSCALL_64' || f.sourceFunction === 'entry_SYSCALL_64'))
    benign.push('entry symbol: crash prints entry_SYSCALL_64_after_hwframe, drgn entry_SYSCALL_64 (same address)');
}

function logFact(c: Models, d: Models, out: Disagreement[], compared: string[]): void {
  if (!c.log || !d.log) return;
  compared.push('log records');
  if (c.log.length === d.log.length) return;
  const believe = d.log.length > c.log.length ? 'drgn' : 'crash';
  out.push({ fact: 'log records', crash: `${c.log.length} records`, drgn: `${d.log.length} records`, believe, why: 'the engine that read more of the same ring buffer' });
}

function taintFact(c: Models, d: Models, out: Disagreement[], benign: string[], compared: string[]): void {
  const header = c.oopses.find((o) => o.tainted !== undefined)?.tainted;
  const mask = d.sys?.extra?.TAINT_MASK;
  if (header === undefined || mask === undefined || !/^\d+$/.test(mask)) return;
  compared.push('taint');
  const a = new Set([...header.replace(/[\sG]/g, '')]);
  const b = new Set([...taintLetters(Number(mask))]);
  // The report itself taints the kernel after printing its header: D for an oops/BUG, W for a warning.
  const later = [...b].filter((l) => !a.has(l) && (l === 'D' || l === 'W'));
  if (later.length > 0) benign.push(`taint ${later.join('')}: set by the crash report itself, after its header was printed (drgn reads tainted_mask at dump time)`);
  const extra = [...b].filter((l) => !a.has(l) && !later.includes(l));
  const missing = [...a].filter((l) => !b.has(l));
  if (extra.length === 0 && missing.length === 0) return;
  out.push({
    fact: 'taint',
    crash: header === '' ? 'not tainted (log header)' : `${header} (log header)`,
    drgn: `${taintLetters(Number(mask)) || 'not tainted'} (tainted_mask)`,
    believe: 'drgn',
    why: 'tainted_mask at dump time includes taints set after the report header was printed',
  });
}

export function crossCheck(i: CrossCheckInput): CrossCheck {
  const out: Disagreement[] = [];
  const benign: string[] = [];
  const compared: string[] = [];
  panicFact(i.crash, i.drgn, out, compared);
  taskFact(i.crash, i.drgn, i.crashTableIncomplete, out, compared);
  tasksFact(i.crash, i.drgn, i.crashTableIncomplete, out, benign, compared);
  unFact(i.crash, i.drgn, out, compared);
  framesFact(i.crash, i.drgn, out, benign, compared);
  logFact(i.crash, i.drgn, out, compared);
  taintFact(i.crash, i.drgn, out, benign, compared);
  return { crashVersion: i.crashVersion ?? null, drgnVersion: i.drgnVersion ?? null, compared, disagreements: out, benign };
}

/** The Summary's CHECK line. */
export function checkLine(x: CrossCheck): string {
  const n = x.disagreements.length;
  const folded = x.benign.length > 0 ? ` (${x.benign.length} benign difference${x.benign.length === 1 ? '' : 's'} folded)` : '';
  if (n === 0) return `crash and drgn agree on ${x.compared.length} facts${folded}`;
  return `${n} disagreement${n === 1 ? '' : 's'} between crash and drgn: ${x.disagreements.map((d) => `${d.fact} (believe ${d.believe})`).join(', ')}${folded}`;
}
