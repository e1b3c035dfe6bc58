// node:sqlite's ExperimentalWarning (Node 22 prints it on first use) never
// reaches the user's screen; every other warning still does.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const LOAD = join(process.cwd(), 'dist', 'src', 'store', 'sqlite-load.js');

function node(code: string): Promise<{ stderr: string; stdout: string }> {
  return new Promise((done, fail) =>
    execFile(process.execPath, ['--input-type=module', '-e', code], (err, stdout, stderr) => (err ? fail(err) : done({ stdout, stderr }))),
  );
}

test('the SQLite ExperimentalWarning is dropped (as Node 22 emits it), other warnings are not', async () => {
  const code = `
    const { loadSqlite } = await import(${JSON.stringify(LOAD)});
    const { DatabaseSync } = loadSqlite();
    new DatabaseSync(':memory:').close();
    process.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning');
    process.emitWarning(Object.assign(new Error('SQLite is an experimental feature'), { name: 'ExperimentalWarning' }));
    process.emitWarning('something else entirely', 'DeprecationWarning');
    process.emitWarning('Some other feature is experimental', 'ExperimentalWarning');
    await new Promise((r) => setTimeout(r, 20));
    console.log('ok');`;
  const r = await node(code);
  assert.equal(r.stdout.trim(), 'ok');
  assert.doesNotMatch(r.stderr, /SQLite/);
  assert.match(r.stderr, /DeprecationWarning: something else entirely/);
  assert.match(r.stderr, /ExperimentalWarning: Some other feature is experimental/);
});
