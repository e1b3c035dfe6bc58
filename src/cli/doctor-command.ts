// `kdview doctor [--root DIR] [--json]`: would this machine produce a usable
// kernel crash dump? Every failed check prints its fix. Exit 0 ready, 1 not.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { engineInfo, type EngineInfo } from '../core/engines.js';
import { makeContext } from '../doctor/context.js';
import { isReady, runChecks } from '../doctor/run-checks.js';
import type { CheckStatus } from '../doctor/types.js';
import { CliError, EXIT } from '../model/user-error.js';
import { sanitizeForDisplay } from '../text/clean.js';

export interface DoctorIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', fail: 'FAIL', warn: 'warn', skip: '--  ' };

export async function runDoctor(opts: { root?: string; json?: boolean }, io: DoctorIo): Promise<number> {
  const root = resolve(opts.root ?? '/');
  const st = await stat(root).catch(() => undefined);
  if (!st?.isDirectory()) throw new CliError(`doctor: --root ${root} is not a folder`);
  const ctx = await makeContext(root);
  const [checks, engines] = await Promise.all([runChecks(ctx), engineInfo()]);
  const ready = isReady(checks);
  if (opts.json) {
    io.stdout.write(`${JSON.stringify({ root, release: ctx.release ?? null, ready, checks, engines }, null, 2)}\n`);
    return ready ? EXIT.ok : EXIT.failed;
  }
  const out = [`kdview doctor: ${root === '/' ? 'this machine' : `root ${root}`}, kernel ${ctx.release ?? 'unknown'}`, ''];
  for (const c of checks) {
    out.push(`  ${MARK[c.status]}  ${c.title}`);
    if (c.status === 'fail' || c.status === 'warn') for (const f of c.fix ?? []) out.push(`        fix: ${f}`);
  }
  out.push('', 'Engines kdview would run here (--crash / --drgn, $KDVIEW_CRASH / $KDVIEW_DRGN, else PATH):');
  for (const e of engines) out.push(`  ${engineLine(e)}`);
  const failed = checks.filter((c) => c.status === 'fail').length;
  out.push('', ready ? 'READY: a crash on this machine would leave a usable dump.' : `NOT READY: ${failed} check${failed === 1 ? '' : 's'} failed.`);
  io.stdout.write(`${sanitizeForDisplay(out.join('\n'))}\n`);
  return ready ? EXIT.ok : EXIT.failed;
}

function engineLine(e: EngineInfo): string {
  if (!e.path) return `${e.name}: not found`;
  return `${e.name} ${e.version ?? '(version unknown)'}  ${e.path}`;
}
