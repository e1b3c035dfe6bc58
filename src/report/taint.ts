// Kernel taint letters (Documentation/admin-guide/tainted-kernels.rst) to
// their meanings.
const MEANINGS: Record<string, string> = {
  P: 'proprietary module loaded',
  G: 'only GPL-compatible modules loaded',
  F: 'module force-loaded',
  S: 'kernel running on an out-of-specification system',
  R: 'module force-unloaded',
  M: 'machine check exception occurred',
  B: 'bad page referenced or unexpected page flags',
  U: 'taint requested by userspace',
  D: 'kernel died recently (OOPS or BUG)',
  A: 'ACPI table overridden by user',
  W: 'kernel issued a warning',
  C: 'staging driver loaded',
  I: 'workaround for a platform firmware bug applied',
  O: 'externally-built (out-of-tree) module loaded',
  E: 'unsigned module loaded',
  L: 'soft lockup occurred',
  K: 'kernel live-patched',
  X: 'auxiliary taint (distribution-defined)',
  T: 'kernel built with the struct randomisation plugin',
  N: 'in-kernel test run (e.g. KUnit)',
  J: 'userspace used a mutating debug operation in fwctl',
};

export interface TaintFlag {
  letter: string;
  meaning: string;
}

/** "GWOE" -> one flag per letter, unknown letters kept with "unknown taint flag". */
export function decodeTaint(letters: string): TaintFlag[] {
  return [...letters.replace(/[\s-]/g, '')].map((letter) => ({ letter, meaning: MEANINGS[letter] ?? 'unknown taint flag' }));
}
