// Stable codes for the parsers' diagnostics: the table maps each message a
// parser writes to a code that scripts and tests can rely on (the message
// text may be reworded, the code stays). A diagnostic a parser already coded
// keeps its code.
import type { Diagnostic, Parsed } from '../model/diagnostic.js';

/** [code, message pattern] per parser kind; first match wins. */
export const DIAGNOSTIC_CODES: Readonly<Record<string, readonly (readonly [string, RegExp])[]>> = {
  sys: [
    ['sys.bad-value', /^cannot read the value of /],
    ['sys.not-key-value', /^not a sys "KEY: value" line/],
    ['sys.banner-skipped', /^skipped \d+ line\(s\) before the sys block/],
    ['sys.no-block', /^no sys block found/],
  ],
  bt: [
    ['bt.frame-outside-task', /^frame outside a task block/],
    ['bt.unreadable-frame', /^unreadable frame line/],
    ['bt.unreadable-header', /^unreadable task header/],
    ['bt.unrecognised-line', /^unrecognised line in a backtrace/],
    ['bt.before-header', /^line before any task header/],
  ],
  log: [['log.unstamped-line', /^line without a log prefix/]],
  ps: [
    ['ps.unreadable-age-row', /^unreadable ps -m\/-l row/],
    ['ps.unreadable-row', /^unreadable ps row/],
    ['ps.unexpected-header', /^unexpected ps header/],
    ['ps.unrecognised-line', /^unrecognised ps line/],
  ],
  'kmem-i': [['kmem-i.unreadable-row', /^unreadable kmem -i row/]],
  mod: [['mod.unreadable-row', /^unreadable mod row/]],
  runq: [],
  oops: [['oops.unstamped-line', /^line without a log prefix/]],
  walk: [
    ['walk.unrecognised-line', /^unrecognised line/],
    ['walk.no-pid', /^task \S+: no pid/],
  ],
  drgn: [
    ['drgn.not-a-document', /^not a kdview drgn document/],
    ['drgn.unreadable-header', /^unreadable header/],
    ['drgn.item-without-type', /^item without a type/],
    ['drgn.unreadable-json', /^unreadable JSON line/],
    ['drgn.cut-off', /^document ends early/],
    ['drgn.helper-error', /^drgn helper: /],
    ['drgn.task-without-pid', /^(task|wait item) without a pid/],
  ],
};

/** The code of one diagnostic: from the table; else the backend's own error line, else unrecognised. */
export function codeFor(kind: string, d: Diagnostic): string {
  if (d.code) return d.code;
  for (const [code, re] of DIAGNOSTIC_CODES[kind] ?? []) if (re.test(d.message)) return code;
  return d.severity === 'error' ? `${kind}.backend-error` : `${kind}.unrecognised`;
}

/** The parse with every diagnostic coded. */
export function withCodes<T>(kind: string, parsed: Parsed<T>): Parsed<T> {
  if (parsed.diagnostics.length === 0 || parsed.diagnostics.every((d) => d.code)) return parsed;
  return { value: parsed.value, diagnostics: parsed.diagnostics.map((d) => (d.code ? d : { ...d, code: codeFor(kind, d) })) };
}
