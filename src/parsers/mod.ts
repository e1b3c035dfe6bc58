// Parser for crash `mod`, `mod -s NAME FILE`, `mod -S`:
//      MODULE       NAME         BASE         SIZE  OBJECT FILE
// ffffffffc0155940  lkdtm  ffffffffc014b000  57344  (not loaded)  [CONFIG_KALLSYMS]
// ffffffffc0155940  lkdtm  ffffffffc014b000  57344  /work/shared/dumps/custom/lkdtm.ko
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { KernelModule, ModuleList } from '../model/module.js';
import { diag, eachLine, findChar, isHexDigit, skipSpaces, skipToken } from './lines.js';

/** True when s[a, b) is a non-empty run of hex digits. */
function hexRun(s: string, a: number, b: number): boolean {
  if (b <= a) return false;
  for (let i = a; i < b; i++) if (!isHexDigit(s.charCodeAt(i))) return false;
  return true;
}

/** Reads a row at s[start, end); a reason string when it is not one. */
function readRow(s: string, start: number, end: number): KernelModule | string {
  const a0 = skipSpaces(s, start);
  const a1 = Math.min(skipToken(s, a0), end);
  if (!hexRun(s, a0, a1)) return 'MODULE is not an address';
  const n0 = skipSpaces(s, a1);
  const n1 = Math.min(skipToken(s, n0), end);
  if (n1 === n0) return 'missing NAME';
  const b0 = skipSpaces(s, n1);
  const b1 = Math.min(skipToken(s, b0), end);
  if (!hexRun(s, b0, b1)) return 'BASE is not an address';
  let i = skipSpaces(s, b1);
  let size = 0;
  const s0 = i;
  for (let c = s.charCodeAt(i); i < end && c >= 48 && c <= 57; c = s.charCodeAt(++i)) size = size * 10 + (c - 48);
  if (i === s0 || (i < end && s.charCodeAt(i) !== 32)) return 'SIZE is not a number';
  i = skipSpaces(s, i);
  let object: string | undefined;
  if (s.startsWith('(not loaded)', i)) i = skipSpaces(s, i + 12);
  else if (i < end && s.charCodeAt(i) !== 91 /* [ */) {
    const e = Math.min(skipToken(s, i), end);
    object = s.slice(i, e);
    i = skipSpaces(s, e);
  }
  let flags: string[] | undefined;
  while (i < end) {
    const close = s.charCodeAt(i) === 91 ? findChar(s, 93 /* ] */, i, end) : -1;
    if (close === -1) return `unexpected text "${s.slice(i, end)}"`;
    const flag = s.slice(i + 1, close);
    if (flags) flags.push(flag);
    else flags = [flag];
    i = skipSpaces(s, close + 1);
  }
  const name = s.slice(n0, n1);
  const address = s.slice(a0, a1);
  const base = s.slice(b0, b1);
  if (object === undefined) {
    return flags === undefined ? { name, address, base, size, loaded: false } : { name, address, base, size, loaded: false, flags };
  }
  return flags === undefined ? { name, address, base, size, object, loaded: true } : { name, address, base, size, object, loaded: true, flags };
}

export function parseMod(text: string): Parsed<ModuleList> {
  const modules: KernelModule[] = [];
  const diagnostics: Diagnostic[] = [];
  eachLine(text, (s, start, end, n) => {
    const i = skipSpaces(s, start);
    if (i >= end) return;
    if (s.startsWith('MODULE ', i)) return;
    const row = readRow(s, start, end);
    if (typeof row !== 'string') {
      modules.push(row);
      return;
    }
    const line = s.slice(start, end);
    const err = s.startsWith('mod: ', i);
    diagnostics.push(diag(n, err ? line.trim() : `unreadable mod row: ${row}`, line, err ? 'error' : 'warning'));
  });
  return { value: { modules }, diagnostics };
}
