// Parser for crash `mod`, `mod -s NAME FILE`, `mod -S`:
//      MODULE       NAME         BASE         SIZE  OBJECT FILE
// ffffffffc0155940  lkdtm  ffffffffc014b000  57344  (not loaded)  [CONFIG_KALLSYMS]
// ffffffffc0155940  lkdtm  ffffffffc014b000  57344  /work/shared/dumps/custom/lkdtm.ko
import type { Diagnostic, Parsed } from '../model/diagnostic.js';
import type { KernelModule, ModuleList } from '../model/module.js';
import { diag, isBlank, isHex, splitLines, toInt, tokens } from './lines.js';

function readRow(line: string): KernelModule | string {
  const t = tokens(line);
  const [address, name, base, sizeText] = t;
  if (address === undefined || !isHex(address)) return 'MODULE is not an address';
  if (name === undefined) return 'missing NAME';
  if (base === undefined || !isHex(base)) return 'BASE is not an address';
  const size = toInt(sizeText ?? '');
  if (size === undefined) return 'SIZE is not a number';
  const m = { name, address, base, size } as KernelModule;
  let k = 4;
  if (t[k] === '(not' && t[k + 1] === 'loaded)') k += 2;
  else if (t[k] !== undefined && !(t[k] as string).startsWith('[')) {
    m.object = t[k] as string;
    k++;
  }
  m.loaded = m.object !== undefined;
  const rest = t.slice(k).join(' ');
  if (rest.length > 0) {
    const flags = [...rest.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1] ?? '');
    if (flags.length === 0) return `unexpected text "${rest}"`;
    m.flags = flags;
  }
  return m;
}

export function parseMod(text: string): Parsed<ModuleList> {
  const modules: KernelModule[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = splitLines(text);
  for (let n = 0; n < lines.length; n++) {
    const s = lines[n] as string;
    if (isBlank(s)) continue;
    const t = s.trim();
    if (t.startsWith('MODULE ') && t.indexOf('NAME') !== -1) continue;
    const row = readRow(s);
    if (typeof row === 'string') {
      const err = t.startsWith('mod: ');
      diagnostics.push(diag(n + 1, err ? t : `unreadable mod row: ${row}`, s, err ? 'error' : 'warning'));
    } else modules.push(row);
  }
  return { value: { modules }, diagnostics };
}
