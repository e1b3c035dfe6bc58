// Two writer processes at once on one store, with overlapping slices of the
// generated fleet: every record lands once, none twice.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.js';
import { checkGeneratedFleet } from './fleet-checks.js';

const WRITER = join(process.cwd(), 'dist', 'test', 'store', 'concurrent-writer.js');

function writer(spec: string, from: number, to: number): Promise<string> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [WRITER, spec, String(from), String(to)], { timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`writer ${from}-${to}: ${err.message}\n${stderr}`));
      else done(String(stdout).trim() + String(stderr));
    });
  });
}

export async function twoWritersAtOnce(spec: string): Promise<void> {
  // 0..150 and 80..230: 70 records are written by both, each one at the same moment or so.
  const [a, b] = await Promise.all([writer(spec, 0, 150), writer(spec, 80, 230)]);
  assert.equal(a, '150', 'the first writer saw no warning and wrote its slice');
  assert.equal(b, '150');
  const store = await openStore(spec);
  try {
    const dupes = await store.driver.all('SELECT dump_key, signature, COUNT(*) AS n FROM crashes GROUP BY dump_key, signature HAVING COUNT(*) > 1');
    assert.deepEqual(dupes, [], 'no duplicates');
    await checkGeneratedFleet(store); // 230 records, nothing lost, the same answers
    const versions = await store.driver.all('SELECT version, COUNT(*) AS n FROM kdview_schema GROUP BY version HAVING COUNT(*) > 1');
    assert.deepEqual(versions, [], 'each migration applied once although both writers migrated');
  } finally {
    await store.close();
  }
}
