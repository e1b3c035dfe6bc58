// A crash's signature: a short title and a hash of the top frames of the
// crashing stack, normalised to bare function names so that two dumps of the
// same bug share it, whichever backend (crash or drgn) unwound the stack.
import { createHash } from 'node:crypto';
import { normalizeTitle } from '../parsers/oops-title.js';
import type { Signature } from './model.js';

/** How many frames, from the culprit outwards, the hash covers. */
export const SIGNATURE_DEPTH = 3;

/**
 * Frames of the crash machinery itself (kexec, panic, oops and trap
 * handling, exception entry, stack dumping): never the bug.
 */
const MACHINERY = new Set([
  'machine_kexec', 'crash_setup_regs', '__crash_kexec', 'crash_kexec', 'panic', 'vpanic', 'nmi_panic',
  'oops_end', 'die', '__die', '__die_body', 'die_addr', 'do_trap', 'do_error_trap', 'handle_bug', 'report_bug',
  '__warn', 'warn_slowpath_fmt', 'page_fault_oops', 'kernelmode_fixup_or_oops', 'no_context', '__bad_area_nosemaphore',
  'bad_area_nosemaphore', 'do_kern_addr_fault', 'do_user_addr_fault', 'handle_page_fault', 'dump_stack',
  'dump_stack_lvl', 'show_stack', 'show_trace_log_lvl', 'crash_nmi_callback', 'nmi_handle', 'default_do_nmi',
]);

/** Frames where the kernel was entered: the hash stops before them. */
const ENTRY = /^(entry_SYSCALL|do_syscall_|ret_from_fork|asm_common_interrupt|asm_sysvec_|common_interrupt|sysvec_)/;

function isMachinery(fn: string): boolean {
  return MACHINERY.has(fn) || /^(asm_)?exc_/.test(fn);
}

/**
 * A function name as both backends agree on it: no `+0x12/0x40` offset, no
 * `[module]`, no compiler-clone suffix (`.cold`, `.isra.0`, `.constprop.0`,
 * `.part.0`, `.llvm.123`). Empty for a bare address (a user-space frame).
 */
export function normaliseFunction(name: string): string {
  let s = name.trim();
  const sp = s.search(/[\s[(]/);
  if (sp >= 0) s = s.slice(0, sp);
  const plus = s.indexOf('+');
  if (plus >= 0) s = s.slice(0, plus);
  const dot = s.indexOf('.');
  if (dot > 0) s = s.slice(0, dot);
  if (/^(0x)?[0-9a-f]+$/i.test(s) && /\d/.test(s)) return '';
  return s;
}

/**
 * The frames a signature hashes: function names, innermost first, starting
 * at the culprit when the stack holds it, else after the leading crash
 * machinery; stopping at the kernel entry; at most SIGNATURE_DEPTH of them.
 */
export function signatureFrames(functions: readonly string[], culprit?: string): string[] {
  const names = functions.map(normaliseFunction).filter((f) => f !== '');
  const c = culprit ? normaliseFunction(culprit) : '';
  let start = c === '' ? -1 : names.indexOf(c);
  if (start < 0) {
    start = 0;
    while (start < names.length && isMachinery(names[start] ?? '')) start++;
    if (start === names.length) start = 0;
  }
  const out: string[] = [];
  for (const f of names.slice(start)) {
    if (ENTRY.test(f) || out.length === SIGNATURE_DEPTH) break;
    out.push(f);
  }
  return out;
}

/** The signature of a crash: `title` as given, hash of the normalised frames (of the title when there are none). */
export function computeSignature(title: string, functions: readonly string[], culprit?: string): Signature {
  const frames = signatureFrames(functions, culprit);
  // The normalised title (no numbers, addresses, offsets) plus the culprit-side frames: the same bug on two kernels groups.
  const basis = `title\n${normalizeTitle(title)}\nframes\n${frames.join('\n')}`;
  const hash = createHash('sha256').update(`kdview-signature-2\n${basis}`).digest('hex').slice(0, 16);
  return { title, hash, frames };
}
