// Which kdump set-up left a file, by its name and place, and where that
// set-up puts the kernel log next to it:
//   systemd / simple-kdump   crashdump-<date>
//   kdumpst                  <folder>/crash/vmcore.<stamp>, <folder>/crash/<stamp>/vmcore.compressed
//                            (+ <folder>/logs/kdump-<stamp>.zip with dmesg-kdump.<stamp>)
//   kdump-tools (Debian)     <YYYYMMDDHHMM>/dump.<YYYYMMDDHHMM> + dmesg.<YYYYMMDDHHMM>
//   kexec-tools (Fedora)     <host>-<date>/vmcore + vmcore-dmesg.txt
//   plain                    vmcore, *.vmcore, vmcore.<suffix>
// Any other file that is a dump by its content (dump-sniff.ts) gets the layout
// of its place (layoutByPlace), else plain.
import { basename, dirname } from 'node:path';

import type { DumpLayout } from '../model/dump.js';
export type { DumpLayout } from '../model/dump.js';

const LOG_SUFFIX = /\.(txt|log|dmesg|zip|gz|xz|json|sha256|md5)$/i;
const FEDORA_DIR = /^.+-\d{4}-\d\d-\d\d-\d\d:\d\d:\d\d$/;
const STAMP_DIR = /^\d{12}$/;
/** Log names that belong to a folder's only dump. */
const GENERIC_DMESG = ['vmcore-dmesg.txt', 'dmesg.txt', 'dmesg'];

/** The layout of a file that looks like a dump, else undefined. `siblings`: names in its folder. */
export function dumpLayoutOf(path: string, siblings: readonly string[]): DumpLayout | undefined {
  const name = basename(path);
  const parent = basename(dirname(path));
  const grandparent = basename(dirname(dirname(path)));
  if (LOG_SUFFIX.test(name)) return undefined;
  if (name.startsWith('crashdump-') || name === 'crashdump') return 'systemd';
  if (/^dump\.\d{12}$/.test(name) || (name === 'dump-incomplete' && STAMP_DIR.test(parent))) return 'kdump-tools';
  if ((parent === 'crash' && /^vmcore\.\d+$/.test(name)) || (grandparent === 'crash' && name === 'vmcore.compressed')) return 'kdumpst';
  if (name === 'vmcore' || name === 'vmcore-incomplete')
    return siblings.includes('vmcore-dmesg.txt') || FEDORA_DIR.test(parent) ? 'kexec-tools' : 'plain';
  if (name.endsWith('.vmcore') || /^vmcore\.[^.]+$/.test(name)) return 'plain';
  return undefined;
}

/**
 * The layout of a file found to be a dump by its content although its name
 * says nothing: by the folder it sits in, else plain.
 */
export function layoutByPlace(path: string, siblings: readonly string[]): DumpLayout {
  const parent = basename(dirname(path));
  if (siblings.includes('vmcore-dmesg.txt') || FEDORA_DIR.test(parent)) return 'kexec-tools';
  if (STAMP_DIR.test(parent)) return 'kdump-tools';
  return 'plain';
}

/** Candidate log files for a dump, best first, among its siblings. */
export function dmesgNames(path: string, layout: DumpLayout, siblings: readonly string[], onlyDumpInFolder: boolean): string[] {
  const name = basename(path);
  const want: string[] = [];
  switch (layout) {
    case 'systemd': {
      const stamp = name.slice('crashdump-'.length);
      want.push(`${name}.dmesg`, `${name}.dmesg.txt`, `dmesg-${stamp}`, `dmesg-${stamp}.txt`, `${stamp}.dmesg`);
      break;
    }
    case 'kdump-tools':
      want.push(`dmesg.${name.slice('dump.'.length)}`, `dmesg.${basename(dirname(path))}`);
      break;
    case 'kdumpst':
      if (name === 'vmcore.compressed') want.push('dmesg.txt');
      break;
    case 'kexec-tools':
      want.push('vmcore-dmesg.txt');
      break;
    case 'plain': {
      const stem = name.endsWith('.vmcore') ? name.slice(0, -'.vmcore'.length) : name;
      const suffix = name.startsWith('vmcore.') ? name.slice('vmcore.'.length) : undefined;
      want.push(`${name}.dmesg`, `${stem}.dmesg`, `${stem}-dmesg.txt`, `${stem}.dmesg.txt`);
      if (suffix) want.push(`dmesg.${suffix}`, `vmcore-dmesg.${suffix}`);
      break;
    }
  }
  if (onlyDumpInFolder) want.push(...GENERIC_DMESG);
  return want.filter((n, i) => siblings.includes(n) && want.indexOf(n) === i);
}

/** The stamp a kdumpst vmcore carries, matched against dmesg-kdump.<stamp> in the logs zips. */
export function kdumpstStamp(path: string): string | undefined {
  const name = basename(path);
  if (name.startsWith('vmcore.') && name !== 'vmcore.compressed') return name.slice('vmcore.'.length);
  if (name === 'vmcore.compressed') return basename(dirname(path));
  return undefined;
}
