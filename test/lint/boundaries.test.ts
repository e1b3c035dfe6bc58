// The import rule must fail the build: this lays out a small src/ tree in a
// temp folder with one wrong arrow of each kind (an upward import, a cycle,
// node-pty outside backend/, ui reaching a service, an impure parser, a
// folder missing from the layer table) next to right ones, runs
// dependency-cruiser on it with the project's own .dependency-cruiser.cjs, and
// expects exactly the wrong ones to be reported, with a non-zero exit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';

const root = process.cwd();
const tmp = mkdtempSync(join(tmpdir(), 'kdview-boundaries-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  // right arrows
  'src/model/task.ts': 'export type Task = { pid: number };\n',
  'src/text/clean.ts': 'export const clean = (s: string): string => s;\n',
  'src/parsers/ps.ts': "import type { Task } from '../model/task.js';\nimport { clean } from '../text/clean.js';\nexport const ps = (s: string): Task[] => [{ pid: clean(s).length }];\n",
  'src/core/models.ts': "import { ps } from '../parsers/ps.js';\nexport const models = ps('');\n",
  'src/tui/state.ts': "import { models } from '../core/models.js';\nexport const state = models;\n",
  'src/ui/App.ts': "import { state } from '../tui/state.js';\nimport type { Task } from '../model/task.js';\nexport const app: Task[] = state;\n",
  'src/backend/pty.ts': "import { spawn } from 'node-pty';\nexport const pty = spawn;\n",
  'src/cli/main.ts': "import { app } from '../ui/App.js';\nimport { pty } from '../backend/pty.js';\nexport const main = [app, pty];\n",
  // wrong arrows
  'src/parsers/upward.ts': "import { state } from '../tui/state.js';\nexport const upward = state;\n",
  'src/core/cycle-a.ts': "import { b } from './cycle-b.js';\nexport const a = (): number => b() + 1;\n",
  'src/core/cycle-b.ts': "import { a } from './cycle-a.js';\nexport const b = (): number => a() - 1;\n",
  'src/ui/pty.ts': "import { spawn } from 'node-pty';\nexport const uiPty = spawn;\n",
  'src/core/run.ts': "import { execa } from 'execa';\nexport const run = execa;\n",
  'src/ui/parse.ts': "import { ps } from '../parsers/ps.js';\nexport const uiParse = ps;\n",
  'src/parsers/impure.ts': "import { pty } from '../backend/pty.js';\nexport const impure = pty;\n",
  'src/report/pty.ts': "import { pty } from '../backend/pty.js';\nexport const reportPty = pty;\n",
  'src/stray/thing.ts': 'export const stray = 1;\n',
  'src/session/stray-user.ts': "import { stray } from '../stray/thing.js';\nexport const strayUser = stray;\n",
};

for (const [path, text] of Object.entries(FILES)) {
  mkdirSync(dirname(join(tmp, path)), { recursive: true });
  writeFileSync(join(tmp, path), text);
}
writeFileSync(
  join(tmp, 'tsconfig.json'),
  JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src/**/*'] }),
);
symlinkSync(join(root, 'node_modules'), join(tmp, 'node_modules'));

test('dependency-cruiser fails on each wrong arrow and passes the right ones', () => {
  const bin = resolve(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const r = spawnSync(
    process.execPath,
    [bin, 'src', '--config', join(root, '.dependency-cruiser.cjs')],
    { cwd: tmp, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  assert.notEqual(r.status, 0, `a wrong arrow must fail the check\n${r.stdout}${r.stderr}`);
  // `  error RULE: FROM → TO` (a cycle goes on over the next lines)
  const found = [...r.stdout.matchAll(/error ([\w-]+): (\S+) →\s*(\S+)/g)].map((m) => `${m[1]}: ${m[2]} -> ${m[3]?.replace(/^.*?node_modules\/([^/]+)\/.*$/, 'node_modules/$1')}`).sort();
  assert.match(r.stdout, new RegExp(`${found.length} dependency violations \\(${found.length} errors`), r.stdout);
  assert.deepEqual(found, [
    'backend-only-from-core-and-cli: src/parsers/impure.ts -> src/backend/pty.ts',
    'backend-only-from-core-and-cli: src/report/pty.ts -> src/backend/pty.ts',
    'layer-session-report-parsers-protocol-inspect-doctor-store-rules-backend: src/parsers/upward.ts -> src/tui/state.ts',
    'no-circular: src/core/cycle-a.ts -> src/core/cycle-b.ts',
    'parsers-are-pure: src/parsers/impure.ts -> src/backend/pty.ts',
    'parsers-are-pure: src/parsers/upward.ts -> src/tui/state.ts',
    'pty-and-processes-only-in-backend: src/core/run.ts -> node_modules/execa',
    'pty-and-processes-only-in-backend: src/ui/pty.ts -> node_modules/node-pty',
    'ui-through-tui: src/ui/parse.ts -> src/parsers/ps.ts',
    'unknown-folder: src/session/stray-user.ts -> src/stray/thing.ts',
  ]);
});
