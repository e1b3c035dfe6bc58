// Runs the built kdview CLI as a child process (no shell).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI = resolve(process.cwd(), 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; file?: string; prefix?: string[] } = {},
): Promise<CliResult> {
  const file = opts.file ?? process.execPath;
  const argv = [...(opts.prefix ?? []), ...(opts.file ? [] : [CLI]), ...args];
  return new Promise((done) => {
    execFile(
      file,
      argv,
      { env: opts.env ?? process.env, cwd: opts.cwd, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : err ? null : 0;
        done({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
