// Reads the frames of kernel stack dumps in every architecture's format:
//    vfs_write+0xc8/0x410                       (x86, arm64: plain)
//    ? _printk+0x68/0x83                        (unreliable)
//   [<ffffffff8123>] vfs_write+0xc8/0x410       (older kernels, kmemleak)
//   [<c0123>] (vfs_write) from [<c0456>] (...)  (arm32)
//   [c000f] [c0001] vfs_write+0xc8/0x410 (unreliable)   (powerpc)
//   __dump_stack lib/dump_stack.c:88 [inline]   (symbolized inline frame)
// and RIP-style lines (RIP:, pc :, EIP is at, PC is at, NIP, epc :, IP:).

export interface Frame {
  /** Function as printed, compiler suffixes kept ("direct_entry.cold"). */
  function: string;
  module?: string;
  /** False for `?` and `(unreliable)` frames. */
  reliable: boolean;
  /** Symbolized inline frames (`[inline]`): kernel developers' titles never name them. */
  inline?: boolean;
}

const PC_PREFIX = /^(?:\[<?(?:0x)?[0-9a-f]+>?\]\s*){1,2}/;
const FRAME = /^(\? )?(?::[\w-]+:)?([A-Za-z_$][\w.$]*)\+0x[0-9a-f]+\/0x[0-9a-f]+(?: \[([\w-]+)(?: [A-Z]+)?\])?(.*)$/;
const INLINE = /^([A-Za-z_$][\w.$]*) \S+:\d+ \[inline\]$/;
/** decode_stacktrace.sh output without offsets: "vfs_write (fs/read_write.c:582)" or "f (??:?)"; also "f file.c:12". */
const DECODED = /^(\? )?([A-Za-z_$][\w.$]*) (?:\([^()]*:[\d?]+(?::\d+)?\)|[\w./-]+\.[chS]:\d+(?::\d+)?)$/;
const ARM32 = /^\(([A-Za-z_$][\w.$]*)(?:\+0x[0-9a-f]+\/0x[0-9a-f]+)?(?: \[([\w-]+)\])?\) from /;


/** The frame a report blames (oops-culprit.ts, oops-stall.ts), or why there is none. */
export interface Culprit {
  frame?: Frame;
  /** Why there is none, when there is none. */
  reason?: string;
}

/** One stack frame from a (trimmed) line; undefined when the line is not one. */
export function readFrame(line: string): Frame | undefined {
  let t = line.trim();
  if (t.length < 4) return undefined;
  const pc = PC_PREFIX.exec(t);
  if (pc) t = t.slice(pc[0].length).trimStart();
  const c = t.charCodeAt(0);
  if (c === 40 /* ( */) {
    const a = ARM32.exec(t);
    return a ? withModule({ function: a[1] as string, reliable: true }, a[2]) : undefined;
  }
  const m = FRAME.exec(t);
  if (m) {
    const rest = m[4] ?? '';
    const f: Frame = { function: m[2] as string, reliable: m[1] === undefined && !rest.includes('(unreliable)') };
    return withModule(f, m[3]);
  }
  const i = INLINE.exec(t);
  if (i) return { function: i[1] as string, reliable: true, inline: true };
  const d = DECODED.exec(t);
  if (d) return { function: d[2] as string, reliable: d[1] === undefined };
  return undefined;
}

function withModule(f: Frame, module: string | undefined): Frame {
  if (module !== undefined) f.module = module;
  return f;
}

const RIP_PREFIXES: [string, boolean][] = [
  ['RIP: ', true], ['EIP: ', true], ['pc : ', true], ['PC is at ', true], ['EIP is at ', true], ['NIP:  ', false],
  ['NIP [', true], ['epc : ', true], ['IP: ', true], ['ip: ', true], ['lr : ', false], ['LR is at ', false],
  ['ra : ', false], ['LR [', false],
];

/** The function of a RIP/pc line ("RIP: 0010:lkdtm_BUG+0x0/0x10 [lkdtm]"); kind "lr" for a link register. */
export function readRipLine(line: string): { frame: Frame | undefined; text: string; lr: boolean; user: boolean } | undefined {
  const t = line.trim();
  for (const [p, isPc] of RIP_PREFIXES) {
    if (!t.startsWith(p)) continue;
    let v = t.slice(p.length).trim();
    if (p === 'NIP [' || p === 'LR [') v = v.replace(/^[0-9a-f]+\] /, '');
    const user = /^00(?:33|2b|23|73):/.test(v);
    v = v.replace(/^[0-9a-f]{4}:/, '').trim();
    if (/^0x[0-9a-f]+$/.test(v) || /^[0-9a-f]+$/.test(v)) return { frame: undefined, text: v, lr: !isPc, user };
    const frame = readFrame(v) ?? readFrame(v.replace(/^\S+\s+/, ''));
    return { frame: frame ? { ...frame, reliable: true } : undefined, text: v, lr: !isPc, user };
  }
  return undefined;
}

/** Drops compiler suffixes: "direct_entry.cold" -> "direct_entry", "f.isra.0" -> "f". */
export function baseName(fn: string): string {
  const dot = fn.indexOf('.');
  return dot > 0 ? fn.slice(0, dot) : fn;
}

const SYSCALL_PREFIX = /^(?:__x64_|__ia32_|__arm64_|__riscv_|__s390x_|__s390_|__powerpc_|__se_|__do_)(compat_)?sys_|^(?:compat_)?(?:SyS|SYSC)_/;

/** The name kernel developers' titles use: no compiler suffix, syscall wrappers as "sys_NAME". */
export function titleName(fn: string): string {
  const b = baseName(fn);
  const m = SYSCALL_PREFIX.exec(b);
  if (!m) return b;
  const compat = m[1] !== undefined || b.startsWith('compat_');
  return `${compat ? 'compat_' : ''}sys_${b.slice(m[0].length)}`;
}
