// Names for a lock found through crash: the slab cache holding it says what
// contains it; an inode is named by its path (dentry names up to the root,
// then up through the mounts) and its device. crash 8.0.2's `files -d`
// crashes on some dentries, so the path is read field by field.
import type { Exchange } from '../model/exchange.js';
import type { LockKind } from '../model/hang.js';
import { fieldHex, fieldString, parseFields, parseKmemSlab, parseOffsets } from '../parsers/crash-fields.js';

/** Runs a crash command; `fallback`: its failure is expected now and then and has a fall-back (no banner for it). */
export type Run = (command: string, opts?: { fallback?: boolean }) => Promise<Exchange>;

const MAX_DEPTH = 32;

/** `struct NAME -o` offsets, read once per struct per analysis. */
export class Offsets {
  private readonly cache = new Map<string, Promise<Map<string, number>>>();
  constructor(private readonly run: Run) {}

  of(struct: string, member: string): Promise<number | undefined> {
    let p = this.cache.get(struct);
    if (!p) {
      p = this.run(`struct ${struct} -o`).then((ex) => (ex.status === 'ok' ? parseOffsets(ex.output) : new Map<string, number>()));
      this.cache.set(struct, p);
    }
    return p.then((m) => m.get(member));
  }
}

async function fields(run: Run, command: string): Promise<Map<string, string>> {
  const ex = await run(command);
  return ex.status === 'ok' ? parseFields(ex.output) : new Map();
}

const sub = (a: string, off: number) => (BigInt(`0x${a}`) - BigInt(off)).toString(16);

/** Dentry names from `dentry` up to its file system's root: "/dir/file" relative to that root. */
async function dentryPath(run: Run, dentry: string): Promise<string | undefined> {
  const parts: string[] = [];
  let d = dentry;
  for (let i = 0; i < MAX_DEPTH; i++) {
    const f = await fields(run, `struct dentry.d_name,d_parent -x ${d}`);
    const name = fieldString(f.get('d_name.name'));
    const parent = fieldHex(f.get('d_parent'));
    if (name === undefined || !parent) return undefined;
    if (parent === d) return `/${parts.reverse().join('/')}`;
    parts.push(name);
    d = parent;
  }
  return undefined;
}

/** The path of a dentry in the mount tree, from the first mount of its superblock. */
async function mountedPath(run: Run, off: Offsets, dentry: string, sbMounts: string | undefined): Promise<string | undefined> {
  let path = await dentryPath(run, dentry);
  const inst = await off.of('mount', 'mnt_instance');
  if (path === undefined || !sbMounts || inst === undefined) return path;
  let mnt = sub(sbMounts, inst);
  for (let i = 0; i < MAX_DEPTH; i++) {
    const f = await fields(run, `struct mount.mnt_parent,mnt_mountpoint -x ${mnt}`);
    const parent = fieldHex(f.get('mnt_parent'));
    const point = fieldHex(f.get('mnt_mountpoint'));
    if (!parent || !point || parent === mnt) return path;
    const at = await dentryPath(run, point);
    if (at === undefined) return path;
    path = at === '/' ? path : `${at}${path === '/' ? '' : path}`;
    mnt = parent;
  }
  return path;
}

export async function inodeName(run: Run, off: Offsets, inode: string): Promise<string | undefined> {
  const f = await fields(run, `struct inode.i_sb,i_ino,i_dentry -x ${inode}`);
  const sb = fieldHex(f.get('i_sb'));
  const ino = f.get('i_ino');
  if (!sb) return undefined;
  const s = await fields(run, `struct super_block.s_id,s_mounts -x ${sb}`);
  const sid = fieldString(s.get('s_id')) ?? '?';
  const first = fieldHex(f.get('i_dentry.first'));
  const du = await off.of('dentry', 'd_u');
  if (first && du !== undefined) {
    const path = await mountedPath(run, off, sub(first, du), fieldHex(s.get('s_mounts.next')));
    if (path) return `${path} on ${sid}`;
  }
  return `inode ${ino ? Number(ino) : '?'} on ${sid}`;
}

/** Containers worth naming, by slab cache: [cache name part, struct, member holding the lock]. */
const CONTAINERS: Partial<Record<LockKind, Array<[RegExp, string, string]>>> = {
  rwsem: [[/inode/, 'inode', 'i_rwsem'], [/^mm_struct$/, 'mm_struct', 'mmap_lock']],
  mutex: [[/^filp$/, 'file', 'f_pos_lock'], [/inode/, 'inode', 'i_mutex']],
};

export async function nameLock(run: Run, off: Offsets, kind: LockKind, lock: string): Promise<string | undefined> {
  const ex = await run(`kmem -s ${lock}`);
  const slab = ex.status === 'ok' ? parseKmemSlab(ex.output) : undefined;
  if (!slab) return undefined;
  for (const [cache, struct, member] of CONTAINERS[kind] ?? []) {
    if (!cache.test(slab.cache)) continue;
    const o = await off.of(struct, member);
    if (o === undefined) continue;
    const base = sub(lock, o);
    if (struct === 'inode') return `${member} of ${(await inodeName(run, off, base)) ?? `inode ${base}`}`;
    return `${member} of ${struct} ${base}`;
  }
  return `a ${kind === 'rwsem' ? 'rw_semaphore' : kind} in a ${slab.cache} object`;
}
