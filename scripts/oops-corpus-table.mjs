// Rewrites the counts block of fixtures/oops/README.md (between <!-- counts --> and
// <!-- /counts -->) from the case .json files: cases per type, per arch, triggers,
// corrupted and multi-report cases, and the source domains.
// Usage: node scripts/oops-corpus-table.mjs [--check]   (--check: exit 1 if the block is stale)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'oops');
const TYPES = `null-deref paging-request page-fault gpf divide-error invalid-opcode stack-segment
stack-overflow stack-guard double-fault bug warning kasan kmsan kcsan kfence ubsan lockdep-circular
lockdep-recursive lockdep-inconsistent suspicious-rcu bad-unlock-balance held-lock-freed
lock-held-return-user non-static-key atomic-sleep scheduling-while-atomic preemptible-context
workqueue-leaked-lock refcount odebug list-corruption usercopy bad-page-state bad-page-map
bad-rss-counter soft-lockup hard-lockup rcu-stall hung-task workqueue-lockup netdev-unregister
memory-leak oom-kill oom-panic panic arm64-internal-error unhandled-fault`.split(/\s+/);

const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
const byCount = (map) => [...map].sort((a, b) => b[1] - a[1]);

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')));
const types = new Map();
const arches = new Map();
const domains = new Map();
for (const c of cases) {
  count(types, c.type);
  count(arches, c.arch);
  count(domains, new URL(c.source).host);
}
const lines = [
  '| type | cases |',
  '| --- | --- |',
  ...TYPES.map((t) => `| \`${t}\` | ${types.get(t) ?? 0} |`),
  '',
  `Total: ${cases.length} cases; by arch: ${byCount(arches).map(([a, n]) => `${a} ${n}`).join(', ')}; ` +
    `with a trigger: ${cases.filter((c) => c.trigger).length}; corrupted: ${cases.filter((c) => c.corrupted).length}; ` +
    `multi-report logs: ${cases.filter((c) => c.reports).length}.`,
  '',
  `Source domains: ${byCount(domains).map(([d, n]) => `${d} (${n})`).join(', ')}.`,
];
const readmePath = join(DIR, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const next = readme.replace(/<!-- counts -->[\s\S]*<!-- \/counts -->/, `<!-- counts -->\n${lines.join('\n')}\n<!-- /counts -->`);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('fixtures/oops/README.md: the counts block is stale; run node scripts/oops-corpus-table.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(readmePath, next);
  console.log(`${cases.length} cases`);
}
