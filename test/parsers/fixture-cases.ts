// Walks fixtures/crash and fixtures/dmesg (relative to the repo root, the
// working directory of the tests) and pairs each transcript with its parser
// kind and its expected JSON.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isParserKind, parserFor, type ParserKind } from '../../src/parsers/index.js';

export const CRASH_DIR = join(process.cwd(), 'fixtures', 'crash');
export const DMESG_DIR = join(process.cwd(), 'fixtures', 'dmesg');

interface ManifestEntry {
  command?: string;
  kind?: string;
  skip?: string;
  note?: string;
}

export interface CrashCase {
  /** Path relative to fixtures/crash, e.g. "bug/bt-a.txt". */
  name: string;
  file: string;
  expected: string;
  kind?: ParserKind;
  command?: string;
  /** Why the case is not compared (also set when the manifest cannot name a parser). */
  skip?: string;
}

/** Every file below dir, sorted. */
export function walkFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walkFiles(p));
    else out.push(p);
  }
  return out;
}

export function crashCases(): CrashCase[] {
  const manifest = JSON.parse(readFileSync(join(CRASH_DIR, 'manifest.json'), 'utf8')) as Record<string, ManifestEntry>;
  return walkFiles(CRASH_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((file) => {
      const name = relative(CRASH_DIR, file);
      const c: CrashCase = { name, file, expected: file.replace(/\.txt$/, '.expected.json') };
      const m = manifest[name];
      if (!m) return { ...c, skip: 'no entry in fixtures/crash/manifest.json' };
      if (m.command !== undefined) c.command = m.command;
      const kind = m.kind ?? (m.command !== undefined ? parserFor(m.command) : undefined);
      if (kind === undefined || !isParserKind(kind)) return { ...c, skip: m.skip ?? `no parser for "${m.command ?? m.kind}"` };
      c.kind = kind;
      if (m.skip !== undefined) c.skip = m.skip;
      return c;
    });
}

export interface DmesgCase {
  name: string;
  file: string;
  expected: string;
}

/** Every non-JSON file under fixtures/dmesg, with `<name>.expected.json` next to it. */
export function dmesgCases(): DmesgCase[] {
  return walkFiles(DMESG_DIR)
    .filter((f) => !f.endsWith('.json'))
    .map((file) => ({ name: relative(DMESG_DIR, file), file, expected: file.replace(/\.(txt|log)$/, '') + '.expected.json' }));
}

/** The keys of an Oops that dmesg expectations pin down. */
export const OOPS_KEYS = ['kind', 'type', 'title', 'altTitles', 'corrupted', 'primary', 'trigger', 'function', 'panicFrom', 'module', 'rip', 'cpu', 'pid', 'comm', 'tainted', 'hardware', 'panic', 'records'] as const;

export function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

/** Drops undefined-valued keys the way JSON does, so results compare with stored JSON. */
export function plain<T>(v: T): unknown {
  return JSON.parse(JSON.stringify(v));
}
