// The parser benchmark's rows: each names an input built from real lines
// (bench/inputs.ts), the parser it is fed to, and how to count the items.
import { extractOops, parseBt, parseDmesg, parseKmemInfo, parseLog, parseMod, parsePs, parseRunq, parseSys } from '../src/parsers/index.js';
import { btFloor, logFloor, psFloor } from './floors.js';
import { bigForeachBt, bigLog, bigMod, bigPs, bigRunq, repeated } from './inputs.js';
import { bench, type BenchResult } from './parser-measure.js';

type Value<T> = { value: T };
const len = (v: unknown): number => (v as Value<unknown[]>).value.length;
const count = (key: string) => (v: unknown): number => ((v as Value<Record<string, unknown[]>>).value[key] ?? []).length;

export interface Row {
  name: string;
  /** Whether the 3x target applies (the large inputs the issue names: log, ps, foreach bt). */
  targeted: boolean;
  run: () => BenchResult;
}

export const ROWS: Row[] = [
  { name: 'log: 1M-line log', targeted: true, run: () => bench('log: 1M-line log', true, bigLog(1_000_000), parseLog, len, 11) },
  { name: 'ps: 100k tasks', targeted: true, run: () => bench('ps: 100k tasks', true, bigPs(100_000), parsePs, count('tasks'), 11) },
  { name: 'bt: foreach bt, 100k tasks', targeted: true, run: () => bench('bt: foreach bt, 100k tasks', true, bigForeachBt(100_000), parseBt, count('tasks'), 11) },
  // What building each model costs without reading the text (floors.ts): the part of a ratio no parser can go below.
  { name: 'floor: log model, no reading', targeted: false, run: () => bench('floor: log model, no reading', false, bigLog(1_000_000), logFloor, len, 11) },
  { name: 'floor: ps model, no reading', targeted: false, run: () => bench('floor: ps model, no reading', false, bigPs(100_000), psFloor, count('tasks'), 11) },
  { name: 'floor: bt model, no reading', targeted: false, run: () => bench('floor: bt model, no reading', false, bigForeachBt(100_000), btFloor, count('tasks'), 11) },
  { name: 'dmesg text: 1M-line log', targeted: false, run: () => bench('dmesg text: 1M-line log', false, bigLog(1_000_000), parseDmesg, len, 11) },
  {
    name: 'oops: extractOops, records of the 1M log',
    targeted: false,
    run: () => {
      const log = bigLog(1_000_000);
      const records = parseLog(log).value;
      return bench('oops: extractOops, records of the 1M log', false, log, () => ({ value: extractOops(records) }), len, 11);
    },
  },
  { name: 'mod: 20k modules', targeted: false, run: () => bench('mod: 20k modules', false, bigMod(20_000), parseMod, count('modules'), 11) },
  { name: 'runq: 4096 CPUs x 25 queued', targeted: false, run: () => bench('runq: 4096 CPUs x 25 queued', false, bigRunq(4096, 25), parseRunq, count('cpus'), 11) },
  { name: 'sys: 10k repeated blocks', targeted: false, run: () => bench('sys: 10k repeated blocks', false, repeated('bug/sys.txt', 10_000), parseSys, () => 1, 11) },
  { name: 'kmem -i: 10k repeated blocks', targeted: false, run: () => bench('kmem -i: 10k repeated blocks', false, repeated('bug/kmem-i.txt', 10_000), parseKmemInfo, count('rows'), 11) },
];
