// The dump picker's Fleet tab in a real terminal (tmux): Tab switches to the
// fleet list of a generated database, j moves, Tab goes back, q quits.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openStore } from '../../src/store/open.js';
import { CLI } from '../helpers/cli.js';
import { Tmux } from '../helpers/tmux.js';
import { generatedFleet, SIG } from '../store/generated-fleet.js';

const sessions: Tmux[] = [];
after(() => sessions.forEach((t) => t.kill()));

const selected = (screen: string) => screen.split('\n').find((l) => l.includes('›')) ?? '';

test('picker: Tab shows the Fleet tab with counts, regressions, fixed candidates and suspects; j moves; Tab returns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdview-fleet-tab-'));
  const db = join(dir, 'fleet.sqlite');
  const store = await openStore(db);
  await store.insert(generatedFleet());
  await store.close();
  const empty = mkdtempSync(join(tmpdir(), 'kdview-fleet-tab-dumps-'));
  const tm = new Tmux();
  sessions.push(tm);
  tm.start([process.execPath, CLI, '--db', db], { env: { KDVIEW_DUMP_DIRS: empty }, cols: 160, rows: 30 });
  await tm.waitFor((s) => s.includes('No kernel dumps found') && s.includes('Tab for the fleet'), 'the empty picker');
  tm.keys('Tab');
  const s = await tm.waitFor((s) => s.includes('kdview — fleet') && s.includes('230 dumps, 12 signatures, 5 releases, 30 hosts'), 'the Fleet tab');
  assert.match(selected(s), new RegExp(`100\\s+30\\s+${SIG.everywhere}\\s+BUG in everywhere_fn\\s+5\\.15\\.133 → 6\\.6\\.2`), 'biggest signature first, selected');
  assert.match(s, new RegExp(`${SIG.newIn662}.*NEW in 6\\.6\\.2`));
  assert.match(s, new RegExp(`${SIG.fixedAfter610}.*not since 6\\.1\\.10`));
  assert.match(s, /hardware suspects: MCE host-27: .*host-13: 4 unrelated signatures/);
  tm.keys('j');
  await tm.waitFor((s) => selected(s).includes(SIG.fixedAfter610), 'the cursor on the second signature');
  tm.keys('Tab');
  await tm.waitFor((s) => s.includes('No kernel dumps found'), 'back on the dumps');
  tm.keys('q');
  assert.equal(await tm.exitStatus(), 1, 'no dump picked');
});

test('picker: without a database the Fleet tab says so and creates nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdview-fleet-tab-none-'));
  const db = join(dir, 'none.sqlite');
  const tm = new Tmux();
  sessions.push(tm);
  tm.start([process.execPath, CLI, '--db', db], { env: { KDVIEW_DUMP_DIRS: dir } });
  await tm.waitFor((s) => s.includes('No kernel dumps found'), 'the empty picker');
  tm.keys('Tab');
  await tm.waitFor((s) => s.includes('No crashes recorded in') && s.includes('no fleet database yet'), 'the empty Fleet tab');
  tm.keys('q');
  assert.equal(await tm.exitStatus(), 1);
  const { existsSync } = await import('node:fs');
  assert.equal(existsSync(db), false);
});

test('Summary: KNOWN lines from the shipped rules on the bundled sessions (crash 8.0.2 on the sysrq dump, lkdtm on the bug dump)', async () => {
  const run = async (session: string, want: RegExp[]) => {
    const tm = new Tmux();
    sessions.push(tm);
    tm.start([process.execPath, CLI, 'replay', session], { cols: 140, rows: 34 });
    const s = await tm.waitFor((s) => s.includes('KNOWN') && /TASKS\s+\d+/.test(s), `the KNOWN line of ${session}`);
    for (const w of want) assert.match(s, w);
    tm.keys('q');
    // A replayed command may still be "running" (the walk the recording lacks): then kdview asks first.
    const after = await tm.waitFor((s) => s.includes('Quit anyway?') || !s.includes('KNOWN'), 'quit or its question');
    if (after.includes('Quit anyway?')) tm.keys('y');
    assert.equal(await tm.exitStatus(), 0);
  };
  await run('sessions/sysrq-demo.kdview.jsonl', [/KNOWN {2}crash-8\.0\.2-pid-flex-array: crash before 8\.0\.4 misreads/, /KNOWN {2}sysrq-triggered-crash: /]);
  await run('sessions/bug-demo.kdview.jsonl', [/KNOWN {2}lkdtm-deliberate-crash: A deliberate crash/]);
});
