// kill -9 in the middle of appending: every append that had resolved is in the
// file, and the file still opens.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { readSession } from '../../src/session/reader.js';
import { tempDir } from './session-helpers.js';

const CHILD = fileURLToPath(new URL('./append-child.js', import.meta.url));

test('SIGKILL during appends loses nothing that was acknowledged', async () => {
  const dir = await tempDir();
  const N = 6;
  const child = spawn(process.execPath, [CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let path = '';
  let acked = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('path ')) path = line.slice(5);
    else if (line.startsWith('appended ')) acked = Number(line.slice(9));
    if (acked === N) {
      child.kill('SIGKILL');
      break;
    }
  }
  assert.equal(await exited, 'SIGKILL');
  assert.equal(acked, N);
  const s = await readSession(path);
  assert.ok(s.exchanges.length >= N, `read ${s.exchanges.length} exchanges, ${N} were acknowledged`);
  assert.deepEqual(
    s.exchanges.slice(0, N).map((e) => [e.seq, e.command]),
    Array.from({ length: N }, (_, i) => [i + 1, `bt ${i + 1}`]),
  );
  assert.ok(s.exchanges.every((e) => e.output.endsWith(`end of ${e.seq}`)));
  assert.ok(s.warnings.length <= 1, `at most a torn last line: ${s.warnings.join('; ')}`);
  for (const w of s.warnings) assert.match(w, /^line \d+: incomplete last line, not valid JSON, skipped$/);
});
