// Decodes the drgn helper's `kdview:hangs` document (python/kdview_hangs.py):
// one "wait" item per task examined (D-state tasks and the owners they lead
// to), with the lock found in its blocking frame. Strings are cleaned of
// terminal escapes and controls (comm and paths come from user space).
import stripAnsi from 'strip-ansi';
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { LockFacts, LockKind, WaitFacts } from '../model/hang.js';
import { readDrgnDocument } from './drgn-json.js';
import { diag } from './lines.js';

type Obj = Record<string, unknown>;
const KINDS: readonly LockKind[] = ['mutex', 'rwsem', 'percpu-rwsem', 'semaphore', 'completion', 'folio', 'buffer', 'waitqueue', 'none'];
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const HEX = /^[0-9a-f]{1,16}$/;

const clean = (s: string) => stripAnsi(s).replace(CONTROLS, '');
const str = (v: Obj, k: string): string | undefined => (typeof v[k] === 'string' ? clean(v[k] as string) : undefined);
const hex = (v: Obj, k: string): string | undefined => {
  const s = str(v, k)?.toLowerCase();
  return s && HEX.test(s) ? s : undefined;
};
const num = (v: Obj, k: string): number | undefined => (typeof v[k] === 'number' && Number.isFinite(v[k]) ? (v[k] as number) : undefined);

function lockOf(v: unknown): LockFacts | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Obj;
  const kind = KINDS.find((k) => k === o.kind);
  if (!kind) return undefined;
  const mode = o.mode === 'read' || o.mode === 'write' ? o.mode : undefined;
  const l: LockFacts = { kind };
  const set = <K extends keyof LockFacts>(key: K, value: LockFacts[K] | undefined) => {
    if (value !== undefined) l[key] = value;
  };
  set('address', hex(o, 'address'));
  set('name', str(o, 'name'));
  set('owner', hex(o, 'owner'));
  set('count', hex(o, 'count'));
  set('mode', mode);
  set('via', str(o, 'via'));
  set('evidence', str(o, 'evidence'));
  return l;
}

export function decodeDrgnHangs(text: string): Parsed<WaitFacts[]> {
  const { value: doc, diagnostics } = readDrgnDocument(text);
  const out: WaitFacts[] = [];
  const extra: Diagnostic[] = [];
  for (const item of doc.items) {
    const v = item.value;
    if (v.type === 'error') extra.push(diag(item.line, `${str(v, 'what') ?? 'task'}: ${str(v, 'error') ?? ''}`));
    // `limit`: more tasks waited than the helper reads (256, as crash's collection); the rest are not in the graph.
    if (v.type !== 'wait') continue;
    const pid = num(v, 'pid');
    const task = hex(v, 'task');
    if (pid === undefined || task === undefined) {
      extra.push(diag(item.line, 'wait item without a pid or task', undefined, 'error'));
      continue;
    }
    const stack = Array.isArray(v.stack) ? v.stack.filter((s): s is string => typeof s === 'string').map(clean) : [];
    const f: WaitFacts = { pid, comm: str(v, 'comm') ?? '', state: str(v, 'state') ?? '??', task, stack };
    const since = num(v, 'sinceMs');
    if (since !== undefined) f.sinceMs = since;
    if (v.active === true) f.active = true;
    const wf = num(v, 'waitFrame');
    if (wf !== undefined) f.waitFrame = wf;
    const lock = lockOf(v.lock);
    if (lock) f.lock = lock;
    const note = str(v, 'note');
    if (note) f.note = note;
    out.push(f);
  }
  return { value: out, diagnostics: [...diagnostics, ...extra] };
}
