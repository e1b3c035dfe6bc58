// The hang facts through crash, which has no frame variables: each D-state
// task's kernel stack is read word by word (`rd -s`, which also works for
// tasks missing from crash 8.0.2's PID hash); the waiter record the lock's
// slow path put there (a word holding the task's own address next to a list
// node) links into the lock's wait list, whose head gives the lock. Owners
// are followed the same way. Only D-state tasks and their owners are read.
// Every step is a plain crash command, so a replayed session gives the same.
import type { LockFacts, LockKind, WaitFacts } from '../model/hang.js';
import type { Task } from '../model/task.js';
import { fieldHex, parseFields, parseRunqueues, parseStackWords, type StackWord } from '../parsers/crash-fields.js';
import { parseBt } from '../parsers/index.js';
import { parseStackPointers, stackWords } from '../parsers/stack-scan.js';
import { WAIT_HEAD, WAITER_NODE, waitSite } from './analysis/hangs-waits.js';
import { nameLock, Offsets, type Run } from './hangs-crash-name.js';

const MAX_OWNERS = 64;
/**
 * Waiting tasks whose stacks are read (one `rd -s` each), oldest PIDs first: a storage hang can
 * leave thousands in D state, and the first few hundred name the locks; the rest would only add
 * commands (the synthetic 100k-task TUI bench has 16,667 UN tasks).
 */
export const MAX_WAITERS = 256;
const THREAD_SIZE = 16n * 1024n;
const hex = (v: bigint) => v.toString(16);
const isKernel = (v: bigint | undefined): v is bigint => v !== undefined && v >= 0xffff800000000000n;

interface Scanned {
  facts: WaitFacts;
  stack?: { base: bigint; top: bigint };
  /** The waiter record's list node: its address and its next/prev pointers. */
  node?: { at: bigint; next: bigint; prev: bigint; folio?: bigint };
}

export function stackCommand(task: string): string {
  return `struct task_struct.stack,thread,sched_info -x ${task}`;
}

/** Words searched above the blocking function's return address: its frame holds the waiter record. */
export const WAITER_WINDOW = 96;

/**
 * The waiter record of `kind` on a stack: a word equal to the task's address
 * with a list node where the kind puts it, searched in the blocking
 * function's frame (from the word holding the return address into it).
 */
export function findWaiter(words: readonly StackWord[], task: bigint, kind: LockKind, from = 0, to = words.length): Scanned['node'] {
  const rel = WAITER_NODE[kind];
  if (rel === undefined) return undefined;
  for (let i = Math.max(0, from); i < Math.min(words.length, to); i++) {
    if (words[i]?.value !== task) continue;
    const n = words[i + rel];
    const next = n?.value;
    const prev = words[i + rel + 1]?.value;
    if (!n || !isKernel(next) || !isKernel(prev)) continue;
    if (kind === 'rwsem' && (words[i + 1]?.value ?? 99n) > 1n) continue; // rwsem_waiter.type: 0 write, 1 read
    const folio = kind === 'folio' ? words[i - 3]?.value : undefined;
    return folio !== undefined ? { at: n.at, next, prev, folio } : { at: n.at, next, prev };
  }
  return undefined;
}

async function clock(run: Run): Promise<bigint | undefined> {
  const rq = await run('runq');
  if (rq.status !== 'ok') return undefined;
  let best: bigint | undefined;
  for (const addr of parseRunqueues(rq.output)) {
    const ex = await run(`struct rq.clock -x ${addr}`);
    const v = ex.status === 'ok' ? fieldHex(parseFields(ex.output).get('clock')) : undefined;
    if (v && (best === undefined || BigInt(`0x${v}`) > best)) best = BigInt(`0x${v}`);
  }
  return best;
}

/**
 * crash's own unwind of a task it can see: function names, innermost first. Not for a task
 * only the walk found (crash 8.0.2: "foreach: unknown argument"); a task list from drgn marks
 * none, so a failure here is expected and falls back to the word-by-word read.
 */
async function backtrace(run: Run, t: Task): Promise<string[] | undefined> {
  if (t.pid <= 0 || t.recovered) return undefined;
  const ex = await run(`foreach ${t.pid} bt`, { fallback: true }); // not `bt PID`: that would also select the task in the Backtrace pane
  const bt = ex.status === 'ok' ? parseBt(ex.output).value.tasks[0] : undefined;
  if (!bt || bt.task.toLowerCase() !== t.task.toLowerCase() || bt.frames.length === 0) return undefined;
  return bt.frames.map((f) => f.function);
}

async function scan(run: Run, t: Task, now: bigint | undefined): Promise<Scanned> {
  const facts: WaitFacts = { pid: t.pid, comm: t.comm, state: t.state, task: t.task, stack: [] };
  if (t.active) facts.active = true;
  const ptrs = await run(stackCommand(t.task));
  const p = ptrs.status === 'ok' ? parseStackPointers(ptrs.output) : undefined;
  const count = p ? stackWords(p) : 0;
  if (!p || count === 0) return { facts: { ...facts, note: 'no saved stack pointer' } };
  const last = fieldHex(parseFields(ptrs.output).get('sched_info.last_arrival'));
  if (last && now !== undefined && BigInt(`0x${last}`) <= now) facts.sinceMs = Number((now - BigInt(`0x${last}`)) / 1_000_000n);
  const rd = await run(`rd -s 0x${hex(p.sp)} ${count}`);
  if (rd.status !== 'ok') return { facts: { ...facts, note: `stack unreadable: ${rd.error ?? ''}` } };
  const words = parseStackWords(rd.output);
  const unwound = await backtrace(run, t);
  const fns = unwound ?? words.filter((w) => w.symbol && /\+\d+$/.test(w.symbol)).map((w) => (w.symbol ?? '').replace(/\+\d+$/, ''));
  facts.stack = fns;
  if (!unwound) facts.note = 'crash cannot unwind this task (not in its PID hash): its stack was read word by word, some return addresses possibly stale';
  const stack = { base: p.stack, top: p.stack + THREAD_SIZE };
  const wi = fns.findIndex((f) => waitSite(f) !== undefined);
  if (wi < 0) return { facts, stack };
  facts.waitFrame = wi;
  const site = waitSite(fns[wi] ?? '');
  if (!site) return { facts, stack };
  const lock: LockFacts = { kind: site.kind };
  if (site.mode) lock.mode = site.mode;
  facts.lock = lock;
  const at = words.findIndex((w) => w.symbol !== undefined && waitSite(w.symbol.replace(/\+\d+$/, '')) !== undefined);
  const node = at < 0 ? undefined : findWaiter(words, BigInt(`0x${t.task}`), site.kind, at, at + WAITER_WINDOW);
  return node ? { facts, stack, node } : { facts, stack };
}

/** The wait-list head a waiter's node leads to: the first pointer, walking next, that is no waiter's node. */
function headOf(s: Scanned, nodes: ReadonlyMap<bigint, Scanned>, stacks: ReadonlyArray<{ base: bigint; top: bigint }>): bigint | undefined {
  const onStack = (v: bigint) => stacks.some((r) => v >= r.base && v < r.top);
  for (const start of [s.node?.prev, s.node?.next]) {
    let v = start;
    for (let i = 0; v !== undefined && i < 10_000; i++) {
      const n = nodes.get(v);
      if (!n) return onStack(v) ? undefined : v;
      v = n.node?.prev;
    }
  }
  return undefined;
}

async function lockAt(run: Run, off: Offsets, kind: LockKind, head: bigint): Promise<bigint | undefined> {
  const h = WAIT_HEAD[kind];
  if (!h) return undefined;
  let total = 0;
  for (const [struct, member] of h.path) {
    const o = await off.of(struct, member);
    if (o === undefined) return undefined;
    total += o;
  }
  return head - BigInt(total);
}

async function ownerWords(run: Run, kind: LockKind, lock: string): Promise<Pick<LockFacts, 'owner' | 'count'>> {
  if (kind !== 'rwsem' && kind !== 'mutex') return {};
  const ex = await run(kind === 'rwsem' ? `struct rw_semaphore.owner,count -x ${lock}` : `struct mutex.owner -x ${lock}`);
  if (ex.status !== 'ok') return {};
  const f = parseFields(ex.output);
  const owner = fieldHex(f.get('owner.counter') ?? f.get('owner'));
  const count = fieldHex(f.get('count.counter'));
  return { ...(owner ? { owner } : {}), ...(count ? { count } : {}) };
}

export interface CrashHangOptions {
  /** Also every sleeping (IN) task, not only D-state ones. */
  all?: boolean;
}

export async function collectCrashHangs(run: Run, tasks: readonly Task[], opts: CrashHangOptions = {}): Promise<WaitFacts[]> {
  const states = opts.all ? ['UN', 'IN'] : ['UN'];
  const waiting = tasks.filter((t) => states.includes(t.state) && !t.active).slice(0, MAX_WAITERS);
  if (waiting.length === 0) return [];
  const byAddr = new Map(tasks.map((t) => [t.task.toLowerCase(), t]));
  const off = new Offsets(run);
  const now = await clock(run);
  const scanned: Scanned[] = [];
  const done = new Set(waiting.map((t) => t.task.toLowerCase()));
  let queue = [...waiting];
  const locks = new Map<string, Promise<{ name?: string; owner?: string; count?: string }>>();
  let followed = 0;
  while (queue.length > 0) {
    const round: Scanned[] = [];
    for (const t of queue) round.push(await scan(run, t, now));
    scanned.push(...round);
    const nodes = new Map(scanned.filter((s) => s.node).map((s) => [s.node?.at ?? 0n, s]));
    const stacks = scanned.flatMap((s) => (s.stack ? [s.stack] : []));
    const next: Task[] = [];
    for (const s of round) {
      const lock = s.facts.lock;
      if (!lock || !s.node) continue;
      const addr = lock.kind === 'folio' ? s.node.folio : await lockAt(run, off, lock.kind, headOf(s, nodes, stacks) ?? -1n);
      if (addr === undefined || addr <= 0n) continue;
      lock.address = hex(addr);
      lock.via = 'waiter record on the stack';
      let info = locks.get(lock.address);
      if (!info) {
        const a = lock.address;
        info = (async () => ({ ...(await ownerWords(run, lock.kind, a)), name: await nameLock(run, off, lock.kind, a) }))();
        locks.set(lock.address, info);
      }
      const i = await info;
      if (i.name) lock.name = i.name;
      if (i.owner) lock.owner = i.owner;
      if (i.count) lock.count = i.count;
      const o = i.owner ? hex(BigInt(`0x${i.owner}`) & ~7n) : undefined;
      const ot = o ? byAddr.get(o) : undefined;
      if (ot && o && !done.has(o) && followed < MAX_OWNERS) {
        done.add(o);
        followed++;
        next.push(ot);
      }
    }
    queue = next;
  }
  return scanned.map((s) => s.facts);
}
