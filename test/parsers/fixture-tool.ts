// Writes the expected JSON next to each fixture from the current parsers, for
// review by hand before committing:  node dist/test/parsers/fixture-tool.js [--write] [filter]
// Without --write it only lists which files differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { extractOopsFromText, parseAs } from '../../src/parsers/index.js';
import { crashCases, dmesgCases, OOPS_KEYS, plain, readJson } from './fixture-cases.js';
import { isDeepStrictEqual } from 'node:util';

const write = process.argv.includes('--write');
const filter = process.argv.slice(2).find((a) => !a.startsWith('--'));

function update(path: string, value: unknown): void {
  const same = isDeepStrictEqual(readJson(path), value);
  if (!same && write) writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  console.log(`${same ? 'same   ' : write ? 'written' : 'differs'} ${path}`);
}

for (const c of crashCases()) {
  if (filter && !c.name.includes(filter)) continue;
  if (c.skip !== undefined || c.kind === undefined) {
    console.log(`skip    ${c.name}: ${c.skip}`);
    continue;
  }
  update(c.expected, plain(parseAs(c.kind, readFileSync(c.file, 'utf8'))));
}
for (const c of dmesgCases()) {
  if (filter && !c.name.includes(filter)) continue;
  const r = extractOopsFromText(readFileSync(c.file, 'utf8'));
  const picked = r.value.map((o) => Object.fromEntries(OOPS_KEYS.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])));
  update(c.expected, plain({ oops: picked, diagnostics: r.diagnostics.length }));
}
