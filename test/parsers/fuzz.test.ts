// Feeds >= 100,000 mutated and truncated versions of the fixtures to every
// parser: random cuts, dropped / duplicated / swapped lines, CRs, ANSI
// escapes, binary bytes, truncated lines. No parser may throw, and each
// result must be well formed. Seeded, so every run feeds the same inputs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractOops, parseAs, parseLog, PARSER_KINDS, type ParserKind } from '../../src/parsers/index.js';
import { crashCases, dmesgCases } from './fixture-cases.js';

const ITERATIONS = 100_000;
const SEED = 0x6b647677;

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Source {
  kind: ParserKind;
  lines: string[];
}

function sources(): Source[] {
  const out: Source[] = [];
  for (const c of crashCases()) if (c.kind) out.push({ kind: c.kind, lines: readFileSync(c.file, 'utf8').split('\n') });
  for (const c of dmesgCases()) out.push({ kind: 'oops', lines: readFileSync(c.file, 'utf8').split('\n') });
  return out;
}

const JUNK = ['\r', '\u001b[0m', '\u001b[1;31m', '\u001b]0;title\u0007', '\u0000', '\u00ff', '\ufffd', '\t', '[', ']', '<', '>', '#', ':', '"',
  '--- <IRQ stack> ---', '    [exception RIP: ', 'PID: ', ' #9 [', '[    1.000000] ', '<4>', '=====================', 'Call Trace:',
  '------------[ cut here ]------------', 'Kernel panic - not syncing: ', '\ud800'];

function mutate(lines: string[], r: () => number): string {
  const pick = (n: number): number => Math.floor(r() * n);
  // A random window: most inputs are cuts of a file, some the whole file.
  let out: string[];
  if (r() < 0.85) {
    const start = pick(lines.length);
    out = lines.slice(start, start + 1 + pick(r() < 0.8 ? 60 : 400));
  } else out = lines.slice();
  const ops = 1 + pick(4);
  for (let k = 0; k < ops && out.length > 0; k++) {
    const i = pick(out.length);
    const line = out[i] as string;
    switch (pick(9)) {
      case 0: out.splice(i, 1 + pick(3)); break; // drop lines
      case 1: out.splice(i, 0, ...out.slice(i, i + 1 + pick(3))); break; // duplicate
      case 2: { const j = pick(out.length); out[i] = out[j] as string; out[j] = line; break; } // swap
      case 3: out[i] = line.slice(0, pick(line.length + 1)); break; // truncate a line
      case 4: { const p = pick(line.length + 1); out[i] = line.slice(0, p) + (JUNK[pick(JUNK.length)] as string) + line.slice(p); break; }
      case 5: out[i] = `${line}\r`; break; // CRLF
      case 6: { const bytes = Array.from({ length: 1 + pick(8) }, () => String.fromCharCode(pick(256))).join(''); out[i] = line.slice(0, pick(line.length + 1)) + bytes; break; }
      case 7: out[i] = line.replace(/[0-9a-f]/, String.fromCharCode(33 + pick(90))); break; // corrupt a digit
      default: out[i] = line.replace(/ +/, ' '.repeat(pick(4))); // reflow spacing
    }
  }
  let text = out.join('\n');
  if (r() < 0.1) text = text.slice(0, pick(text.length + 1)); // cut mid-line
  return text;
}

function check(kind: ParserKind, text: string): void {
  const res = parseAs(kind, text);
  if (res.value === undefined || res.value === null || !Array.isArray(res.diagnostics)) throw new Error('malformed result');
  const max = text.split('\n').length + 1;
  for (const d of res.diagnostics) {
    if (!(d.line >= 1 && d.line <= max) || (d.severity !== 'warning' && d.severity !== 'error')) throw new Error(`bad diagnostic ${JSON.stringify(d)}`);
  }
  JSON.stringify(res.value);
}

test(`fuzz: ${ITERATIONS} mutated fixtures through every parser, no exceptions`, () => {
  const all = sources();
  assert.ok(all.length > 70);
  const r = rng(SEED);
  const failures: string[] = [];
  const perKind = new Map<string, number>();
  let runs = 0;
  const started = Date.now();
  for (let n = 0; n < ITERATIONS; n++) {
    const src = all[n % all.length] as Source;
    const text = mutate(src.lines, r);
    // Its own parser always; every fourth input also goes through all the others.
    const kinds = n % 4 === 0 ? PARSER_KINDS : [src.kind];
    for (const kind of kinds) {
      try {
        check(kind, text);
        if (kind === 'log') extractOops(parseLog(text).value);
      } catch (err) {
        if (failures.length < 5) failures.push(`#${n} ${kind}: ${(err as Error).stack ?? String(err)}\n${JSON.stringify(text.slice(0, 300))}`);
        else failures.push(`#${n} ${kind}`);
      }
      runs++;
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
    }
  }
  const secs = (Date.now() - started) / 1000;
  console.log(`  fuzz: ${ITERATIONS} inputs, ${runs} parser runs in ${secs.toFixed(1)} s; per kind: ${[...perKind].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  assert.deepEqual(failures.slice(0, 5), [], `${failures.length} failures`);
  for (const kind of PARSER_KINDS) assert.ok((perKind.get(kind) ?? 0) >= ITERATIONS / 4 / 2, `${kind} barely fuzzed`);
});
