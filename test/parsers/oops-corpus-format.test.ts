// Checks the format of the oops evidence corpus in fixtures/oops (not the
// parser's agreement with it): every case is a <id>.txt report with a
// well-formed <id>.json expectation, and README.md's count table is true.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { OOPS_TYPES, TRIGGER_KINDS } from '../../src/model/oops.js';

const DIR = join(process.cwd(), 'fixtures', 'oops');

const ARCHES = ['x86_64', 'i386', 'arm64', 'arm', 'riscv64', 'powerpc64', 's390x', 'mips', 'openrisc'] as const;

const Case = z
  .object({
    source: z.url({ protocol: /^https$/ }),
    arch: z.enum(ARCHES),
    type: z.enum(OOPS_TYPES),
    title: z
      .string()
      .min(3)
      .refine((t) => t === t.trim() && !/\+0x[0-9a-f]/.test(t), 'title is trimmed and has no offsets'),
    // A bare symbol (no +0x offset, no .isra/.constprop/.cold/.part suffix, no module).
    function: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .nullable(),
    corrupted: z.boolean(),
    trigger: z.object({ kind: z.enum(TRIGGER_KINDS), detail: z.string() }).strict().nullable(),
    notes: z.string().min(5),
    reports: z.number().int().min(2).optional(),
  })
  .strict();

type OopsCase = z.infer<typeof Case>;

const files = readdirSync(DIR).filter((f) => f !== 'README.md').sort();
const ids = (ext: string): string[] => files.filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length));

function load(id: string): OopsCase {
  return Case.parse(JSON.parse(readFileSync(join(DIR, `${id}.json`), 'utf8')));
}

test('oops corpus: only .txt/.json pairs, ids well formed and unique', () => {
  const txt = ids('.txt');
  const json = ids('.json');
  assert.deepEqual(files.filter((f) => !f.endsWith('.txt') && !f.endsWith('.json')), []);
  assert.deepEqual(txt, json, 'every .txt has a .json and vice versa');
  assert.equal(new Set(txt).size, txt.length);
  assert.ok(txt.length >= 150, `the corpus holds at least 150 cases (has ${txt.length})`);
  for (const id of txt) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/, id);
});

test('oops corpus: every .json is a well-formed case and names its type in its id', () => {
  for (const id of ids('.json')) {
    const c = load(id);
    assert.ok(id.startsWith(`${c.type}-`), `${id}: id starts with its type ${c.type}`);
    if (c.function !== null) assert.ok(c.title.includes(c.function), `${id}: title names the function`);
    const text = readFileSync(join(DIR, `${id}.txt`), 'utf8');
    assert.ok(text.trim().length > 0, `${id}.txt is empty`);
    assert.ok(!/^```/m.test(text), `${id}.txt keeps markdown fences`);
  }
});

test('oops corpus: README.md counts the cases of every type truly', () => {
  const counts = new Map<string, number>();
  for (const id of ids('.json')) counts.set(load(id).type, (counts.get(load(id).type) ?? 0) + 1);
  const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
  for (const t of OOPS_TYPES) {
    const row = new RegExp(`^\\| \`${t}\` \\| (\\d+) \\|`, 'm').exec(readme);
    assert.ok(row, `README.md has no count row for ${t}`);
    assert.equal(Number(row[1]), counts.get(t) ?? 0, `README.md count of ${t}`);
    assert.ok((counts.get(t) ?? 0) > 0, `the corpus has a case of type ${t}`);
  }
});
