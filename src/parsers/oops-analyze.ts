// Turns the lines of one report into its type, culprit, title and corrupted
// flag: refines the header's type with the hint lines before it (refcount_t:,
// ODEBUG:, list_del corruption, usercopy:) and the WARNING/BUG file, picks
// the skip groups, then the culprit and the title.
import type { OopsKind, OopsType } from '../model/oops.js';
import { findCulprit } from './oops-culprit.js';
import { type Frame, titleName } from './oops-frames.js';
import { frames, scanReport, sectionPieces } from './oops-sections.js';
import { altTitles, makeTitle, normalizeTitle } from './oops-title.js';

export interface Draft {
  kind: OopsKind;
  otype: OopsType;
  message: string;
  headerFn?: string;
  detail?: string;
  hint?: OopsType;
  /** The die line (Oops:, general protection fault, Internal error:) when one joined the header. */
  dieMessage?: string;
  lines: string[];
  panic?: string;
  killed?: string;
}

export interface Analysis {
  kind: OopsKind;
  otype: OopsType;
  frame?: Frame;
  /** Plain panics: the function that called panic() (not a bug culprit, so not `frame`). */
  panicFrom?: string;
  title: string;
  altTitles: string[];
  normalizedTitle: string;
  corrupted: boolean;
  corruptedReason?: string;
  trace: string[];
}

const NO_FUNCTION = new Set<OopsType>(['workqueue-lockup', 'netdev-unregister', 'bad-rss-counter', 'bad-page-state',
  'bad-page-map', 'oom-kill', 'oom-panic', 'kcsan']);

const FN_OPTIONAL = new Set<OopsType>(['hard-lockup', 'rcu-stall', 'double-fault', 'stack-overflow']);

interface Refined { otype: OopsType; family?: string; groups: string[]; headerFn?: string }

function refine(d: Draft): Refined {
  const file = d.otype === 'warning' ? d.detail ?? '' : /^kernel BUG at (\S+?):/.exec(d.message)?.[1] ?? '';
  let otype = d.otype;
  if (otype === 'warning' || otype === 'bug') {
    if (d.hint === 'refcount' || /lib\/refcount\.c/.test(file)) otype = 'refcount';
    else if (d.hint === 'odebug' || /lib\/debugobjects\.c/.test(file)) otype = 'odebug';
    else if (d.hint === 'list-corruption' || /lib\/list_debug\.c/.test(file)) otype = 'list-corruption';
    else if (d.hint === 'usercopy' || /mm\/usercopy\.c/.test(file)) otype = 'usercopy';
  }
  const groups: string[] = [otype];
  let family: string | undefined;
  let headerFn = d.headerFn;
  if (otype === 'warning') {
    if (/kernel\/locking\/lockdep\.c/.test(file) && /lock/.test(headerFn ?? '')) family = 'locking bug';
    else if (/lib\/kobject\.c/.test(file)) family = 'kobject bug';
    else if (/fs\/proc\/generic\.c/.test(file) && /proc_register/.test(headerFn ?? '')) family = 'proc registration bug';
    else if (/^mm\/.*\.c/.test(file) && /k?.?malloc/.test(headerFn ?? '')) family = 'kmalloc bug';
    else if (/usb_submit_urb/.test(headerFn ?? '')) family = 'usb_submit_urb';
    if (family === 'usb_submit_urb') groups.push('kmsan-usb');
    if (family === 'locking bug') groups.push('locking-bug');
    if (family === 'kmalloc bug') groups.push('kmalloc-bug');
  }
  if (otype === 'kasan' && /free/.test(d.detail ?? '') && !/use-after-free/.test(d.detail ?? '')) groups.push('kasan-free');
  if (otype === 'kmsan' && /usb/.test(d.detail ?? '')) groups.push('kmsan-usb');
  if (otype.startsWith('lockdep-')) groups.push('lockdep');
  if (otype === 'bug' && /^BUG: (?:spinlock|rwlock)/.test(d.message)) groups.push('spinlock');
  if (otype === 'panic') {
    const sp = /stack-protector: Kernel stack is corrupted in: ([A-Za-z_$][\w.$]*)/.exec(d.panic ?? d.message);
    if (sp) headerFn = sp[1];
    if (/stack-protector/.test(d.panic ?? d.message)) groups.push('stack-protector');
  }
  if (otype === 'workqueue-leaked-lock') {
    for (const l of d.lines) {
      const m = /(?:last function:|workfn=)\s*([A-Za-z_$][\w.$]*)/.exec(l);
      if (m) {
        headerFn = m[1];
        break;
      }
    }
  }
  if (otype === 'refcount') {
    // The hardened x86 refcount names the offender in its own line: "refcount_t hit zero at f+0x2b/0x70 in comm".
    for (const l of d.lines) {
      const m = /refcount_t (?:hit zero|overflow|underflow)[^@]*? at ([A-Za-z_$][\w.$]*)\+0x/.exec(l);
      if (m) headerFn = m[1];
    }
  }
  if (otype === 'kcsan') headerFn = /\bin ([A-Za-z_$][\w.$]*)/.exec(d.detail ?? '')?.[1];
  const r: Refined = { otype, groups };
  if (family !== undefined) r.family = family;
  if (headerFn !== undefined) r.headerFn = headerFn;
  return r;
}

function accessOf(lines: readonly string[]): string | undefined {
  for (const l of lines) {
    const m = /\b(Read|Write) (?:of size|at addr)/.exec(l);
    if (m) return m[1];
  }
  return undefined;
}

export function analyze(d: Draft): Analysis {
  const r = refine(d);
  const scan = scanReport(d.lines);
  const c = findCulprit({ otype: r.otype, scan, groups: r.groups, ...(r.headerFn !== undefined ? { headerFn: r.headerFn } : {}) });
  // Plain panics and unnamed BUGs title without a function; their culprit (the caller of panic()) is still kept.
  const optional = (r.otype === 'bug' && !/^kernel BUG|^Kernel BUG/i.test(d.message))
    || (r.otype === 'panic' && !/stack-protector|corrupted stack end/.test(d.panic ?? d.message));
  const wantsFn = !NO_FUNCTION.has(r.otype) && !optional;
  const frame = wantsFn || optional || r.otype === 'kcsan' ? c.frame : undefined;
  const fn = frame && !(r.otype === 'panic' && optional) ? titleName(frame.function) : undefined;
  let detail = d.detail;
  if (r.otype === 'arm64-internal-error') detail = /^Internal error: (.*?): [0-9a-fx]+ \[#/.exec(d.dieMessage ?? d.message)?.[1] ?? 'Oops';
  const title = makeTitle({
    otype: r.otype, message: d.message, fn, ...(detail !== undefined ? { detail } : {}),
    ...(r.family !== undefined ? { family: r.family } : {}), ...(d.panic !== undefined ? { panic: d.panic } : {}),
    ...(d.killed !== undefined ? { killed: d.killed } : {}), ...(d.dieMessage !== undefined ? { die: d.dieMessage } : {}),
    ...(r.otype === 'kasan' ? (accessOf(d.lines) !== undefined ? { access: accessOf(d.lines) as string } : {}) : {}),
  });
  let corruptedReason: string | undefined;
  // Lockups, stalls and double faults often have no kernel frame to name (idle CPU, user RIP, NMI-only stack).
  if (wantsFn && !frame && !FN_OPTIONAL.has(r.otype)) corruptedReason = c.reason ?? 'no culprit frame';
  if (/\[ *\d+\.\d+\]/.test(title)) corruptedReason = 'a timestamp inside the title line';
  const trace = frames(sectionPieces(scan, 'call')).map((f) => f.function);
  const a: Analysis = {
    kind: d.kind, otype: r.otype, title, altTitles: altTitles(r.otype, fn, title), normalizedTitle: normalizeTitle(title),
    corrupted: corruptedReason !== undefined, trace,
  };
  if (frame && r.otype === 'bug' && fn !== undefined && !title.endsWith(` in ${fn}`)) {
    // A BUG titled by its message alone names no culprit either.
  } else if (frame && r.otype === 'panic' && optional) {
    a.panicFrom = titleName(frame.function);
  } else if (frame) {
    a.frame = { ...frame, function: titleName(frame.function) };
    const base = frame.function.split('.')[0];
    const withModule = frame.module === undefined ? scan.pieces.find((p) => (p.k === 'frame' || p.k === 'rip') && p.f?.module !== undefined && p.f.function.split('.')[0] === base) : undefined;
    if (withModule && withModule.k !== 'marker' && withModule.k !== 'text' && withModule.f?.module !== undefined) a.frame.module = withModule.f.module;
  }
  if (corruptedReason !== undefined) a.corruptedReason = corruptedReason;
  return a;
}
