// The reference reader of the register lines crash prints for an exception
// frame, name by name, any registers:
//     RIP: ffffffffc014b3d0  RSP: ffff9850402cfe08  RFLAGS: 00000282
// The fast reader (registers-fast.ts) must read the lines it takes the same way.
import { isHexDigit } from '../lines.js';

const REGISTER_NAMES = ['RIP', 'RSP', 'RFLAGS', 'RAX', 'RBX', 'RCX', 'RDX', 'RSI', 'RDI', 'RBP', 'R8', 'R9', 'R10', 'R11',
  'R12', 'R13', 'R14', 'R15', 'ORIG_RAX', 'CS', 'SS', 'DS', 'ES', 'FS', 'GS', 'EIP', 'ESP', 'EFLAGS', 'EAX', 'EBX',
  'ECX', 'EDX', 'ESI', 'EDI', 'EBP', 'ORIG_EAX'];

/** Register names by shape(); a slot holds the one name with that shape (checked at load). */
const REGISTER_BY_SHAPE: (string | undefined)[] = new Array<string | undefined>(512).fill(undefined);
for (const name of REGISTER_NAMES) {
  const k = shape(name, 0, name.length);
  if (REGISTER_BY_SHAPE[k] !== undefined) throw new Error('register name shape collision');
  REGISTER_BY_SHAPE[k] = name;
}

/** A small hash of the name s[a, b) (at least one char) that tells the known register names apart. */
function shape(s: string, a: number, b: number): number {
  const n = b - a;
  return (n + s.charCodeAt(a) + s.charCodeAt(b - 1) * 2 + s.charCodeAt(a + ((n * 5) >> 3)) * 4) & 511;
}

/** The register name at s[a, b), as a shared string when it is a common one. */
function registerName(s: string, a: number, b: number): string {
  const name = REGISTER_BY_SHAPE[shape(s, a, b)];
  if (name === undefined || name.length !== b - a) return s.slice(a, b);
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) !== s.charCodeAt(a + i)) return s.slice(a, b);
  return name;
}

/** Reads any register line, name by name, appending name, value, ... to pairs; false (pairs unchanged) when it is not one. */
export function readRegistersReference(s: string, i: number, end: number, pairs: string[]): boolean {
  const mark = pairs.length;
  let p = i;
  while (p < end) {
    const c0 = s.charCodeAt(p);
    let k = p + 1;
    for (let c = s.charCodeAt(k); (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95; c = s.charCodeAt(++k));
    let v = k + 1;
    if (c0 < 65 || c0 > 90 || s.charCodeAt(k) !== 58 /* : */) break;
    while (s.charCodeAt(v) === 32) v++;
    // The value runs to the next space; its ends must be hex digits, and so
    // must all of a short one (a word such as "bad" is not a value).
    let e = s.indexOf(' ', v);
    if (e === -1 || e > end) e = end;
    if (e === v || !isHexDigit(s.charCodeAt(v)) || !isHexDigit(s.charCodeAt(e - 1))) break;
    if (e - v < 8) {
      let h = v;
      while (h < e && isHexDigit(s.charCodeAt(h))) h++;
      if (h < e) break;
    }
    pairs.push(registerName(s, p, k), s.slice(v, e));
    p = e;
    while (s.charCodeAt(p) === 32) p++;
  }
  if (p < end || pairs.length === mark) {
    pairs.length = mark;
    return false;
  }
  return true;
}

/** The x86_64 block crash prints, in its order: built as one literal when it matches. */
const X86_64 = ['RIP', 'RSP', 'RFLAGS', 'RAX', 'RBX', 'RCX', 'RDX', 'RSI', 'RDI', 'RBP', 'R8', 'R9', 'R10', 'R11',
  'R12', 'R13', 'R14', 'R15', 'ORIG_RAX', 'CS', 'SS'];

/** Turns name/value pairs into the register map. */
export function registerMap(pairs: readonly string[]): Record<string, string> {
  if (pairs.length === 42) {
    let same = true;
    for (let k = 0; k < 21 && same; k++) same = pairs[2 * k] === X86_64[k];
    if (same) {
      const v = (k: number): string => pairs[2 * k + 1] as string;
      return {
        RIP: v(0), RSP: v(1), RFLAGS: v(2), RAX: v(3), RBX: v(4), RCX: v(5), RDX: v(6), RSI: v(7), RDI: v(8), RBP: v(9),
        R8: v(10), R9: v(11), R10: v(12), R11: v(13), R12: v(14), R13: v(15), R14: v(16), R15: v(17), ORIG_RAX: v(18),
        CS: v(19), SS: v(20),
      };
    }
  }
  const out: Record<string, string> = {};
  for (let k = 0; k < pairs.length; k += 2) out[pairs[k] as string] = pairs[k + 1] as string;
  return out;
}

