// Runs the test suite on the built output. Before that it unpacks the shared
// debug vmlinux files (../shared/dumps/prepare.sh) when the shared dumps exist,
// so `npm test` checks exactly what CI checks.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const dumps = process.env.KDVIEW_DUMPS_DIR ?? resolve(root, '..', 'shared', 'dumps');
const env = { ...process.env, KDVIEW_DUMPS_DIR: dumps };

function prepare(script, key) {
  if (!existsSync(script)) return;
  try {
    const out = execFileSync('sh', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const path = out.trim().split('\n').pop();
    if (path && existsSync(path)) env[key] = path;
  } catch (err) {
    console.error(`run-tests: ${script} failed: ${err.message}`);
  }
}

if (existsSync(dumps)) {
  prepare(join(dumps, 'prepare.sh'), 'KDVIEW_VMLINUX_SYSRQ');
  prepare(join(dumps, 'custom', 'prepare.sh'), 'KDVIEW_VMLINUX_BUG');
} else {
  console.error(`\n*** run-tests: shared dumps not found at ${dumps}: integration tests will skip${process.env.CI === 'true' ? ' (and fail, since CI=true)' : ''} ***\n`);
}

// The newer engines (crash 8.0.6, drgn 0.0.31) from scripts/trixie-root.sh's default cache, unless given.
const trixieBin = join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '/tmp', '.cache'), 'kdview-trixie', 'bin');
if (existsSync(trixieBin)) {
  for (const f of readdirSync(trixieBin).sort()) {
    if (/^crash-\d[^.]*(\.\d+)*$/.test(f)) env.KDVIEW_TEST_CRASH_NEW ??= join(trixieBin, f);
    if (/^drgn-\d[^.]*(\.\d+)*$/.test(f)) env.KDVIEW_TEST_DRGN_NEW ??= join(trixieBin, f);
  }
}

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

// `--fast` (npm run test:fast) leaves out the levels that drive a live
// backend or a whole terminal: the real crash and drgn, tmux, the QEMU guest,
// a debuginfod server. Paths under dist/test/.
const LIVE_LEVELS = [
  'integration/',
  'e2e/',
  'engines/',
  'drgn/parity.test.js',
  'drgn/drgn-client.test.js',
  'drgn/drgn-replay.test.js',
  'core/hangs-crash.test.js',
  'core/hangs-drgn.test.js',
  'report/report-bug.test.js',
  'report/report-sysrq.test.js',
  'report/report-all.test.js',
  'report/report-all-rerun.test.js',
  'report/report-hangs.test.js',
  'report/drgn-report.test.js',
  'cli/report-early.test.js',
  'inspect/elf-vmcore-guest.test.js',
  'inspect/debuginfod.test.js',
];
/** Also live: any *-live.test.js (a real backend) and *-tmux.test.js (a whole terminal). */
const LIVE_SUFFIXES = ['-live.test.js', '-tmux.test.js'];

const args = process.argv.slice(2);
const fast = args.includes('--fast');
const only = args.filter((a) => a !== '--fast');
const testDir = join(root, 'dist', 'test');
const isLive = (p) => LIVE_LEVELS.some((l) => p.startsWith(join(testDir, l))) || LIVE_SUFFIXES.some((x) => p.endsWith(x));
const files = only.length > 0 ? only : walk(testDir).filter((p) => !fast || !isLive(p)).sort();
if (fast) console.error(`run-tests: --fast: ${files.length} test files, live levels left out (${LIVE_LEVELS.join(', ')})`);
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=600000', ...files], {
  stdio: 'inherit',
  env,
});
process.exit(r.status ?? 1);
