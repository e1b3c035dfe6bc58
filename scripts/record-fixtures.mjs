// Re-records fixtures/crash/{bug,sysrq}/*.txt through kdview itself
// (`kdview batch --json`), so the fixtures hold exactly what kdview sees.
//   node scripts/record-fixtures.mjs [--write]   (needs the shared dumps; run npm test once first)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const write = process.argv.includes('--write');
const manifest = JSON.parse(readFileSync('fixtures/crash/manifest.json', 'utf8'));
const dumps = join('..', 'shared', 'dumps');
const vmlinux = {
  bug: execFileSync('sh', [join(dumps, 'custom', 'prepare.sh')], { encoding: 'utf8' }).trim(),
  sysrq: execFileSync('sh', [join(dumps, 'prepare.sh')], { encoding: 'utf8' }).trim(),
};
const lkdtm = join(dumps, 'custom', 'lkdtm.ko');
let same = 0;
const changed = [];
for (const dump of ['bug', 'sysrq']) {
  for (const withMod of [false, true]) {
    const entries = Object.entries(manifest).filter(
      ([f, m]) => m.command && !m.skip && f.startsWith(`${dump}/`) && f.endsWith('-mod.txt') === withMod,
    );
    if (entries.length === 0) continue;
    const cmds = entries.map(([, m]) => m.command);
    const pre = withMod ? [`mod -s lkdtm ${lkdtm}`] : [];
    const args = ['dist/src/cli/main.js', 'batch', '--no-record', '--json', vmlinux[dump], join(dumps, dump, 'vmcore')];
    for (const c of [...pre, ...cmds]) args.push('-c', c);
    let out;
    try {
      out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (err) {
      out = err.stdout; // exit 1 when a command (e.g. bt 99999) fails on purpose
    }
    const exchanges = out.trimEnd().split('\n').map((l) => JSON.parse(l)).slice(pre.length);
    entries.forEach(([file], i) => {
      const path = join('fixtures', 'crash', file);
      const text = `${exchanges[i].output}\n`;
      if (readFileSync(path, 'utf8') === text) same++;
      else {
        changed.push(file);
        if (write) writeFileSync(path, text);
      }
    });
  }
}
console.log(`${same} fixtures identical to what kdview sees; ${changed.length} differ${write ? ' (rewritten)' : ''}: ${changed.join(', ')}`);
