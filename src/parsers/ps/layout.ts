// The fixed-width layout of crash's `ps` table, taken from its header line:
//       PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM
// >     140       1   0  ffff966481dc6e00  RU   0.0     2260       60  lkdtm-trigger
// Numbers are right-aligned to the end of their header word. DEFAULT_LAYOUT
// (crash 8.0.x, 64-bit kernel) is the one layout the fast reader (fast.ts)
// derives its offsets from; rows in any other layout go to the reference reader.

export const DEFAULT_COLUMNS = ['PID', 'PPID', 'CPU', 'TASK', 'ST', '%MEM', 'VSZ', 'RSS', 'COMM'] as const;

/** Where each column ends (TASK: where it starts and ends; ST, COMM: where they start), from the row's start. */
export interface PsLayout {
  pid: number;
  ppid: number;
  cpu: number;
  task: number;
  taskEnd: number;
  st: number;
  mem: number;
  vsz: number;
  rss: number;
  comm: number;
}

/** crash 8.0.x on a 64-bit kernel. */
export const DEFAULT_LAYOUT: Readonly<PsLayout> = Object.freeze({ pid: 9, ppid: 17, cpu: 21, task: 23, taskEnd: 39, st: 41, mem: 49, vsz: 58, rss: 67, comm: 69 });

/** The layout of a default-column header line (offsets relative to its start), or undefined. */
export function layoutOf(header: string): Readonly<PsLayout> | undefined {
  const end = (word: string): number => {
    const i = header.indexOf(` ${word} `);
    return i === -1 ? -1 : i + 1 + word.length;
  };
  const st = header.indexOf(' ST ') + 1;
  const comm = header.indexOf(' COMM') + 1;
  const l = { pid: end('PID'), ppid: end('PPID'), st, mem: end('%MEM'), vsz: end('VSZ'), rss: end('RSS'), comm };
  if (Object.values(l).some((x) => x <= 0)) return undefined;
  // TASK and CPU are centred under their header words: TASK is a 16-digit
  // address ending two before ST, and CPU ends two before TASK. (A 32-bit
  // dump has 8-digit addresses: another layout.)
  const layout: PsLayout = { pid: l.pid, ppid: l.ppid, cpu: st - 20, task: st - 18, taskEnd: st - 2, st, mem: l.mem, vsz: l.vsz, rss: l.rss, comm };
  return sameLayout(layout, DEFAULT_LAYOUT) ? DEFAULT_LAYOUT : layout;
}

export function sameLayout(a: Readonly<PsLayout>, b: Readonly<PsLayout>): boolean {
  return (Object.keys(a) as (keyof PsLayout)[]).every((k) => a[k] === b[k]);
}
