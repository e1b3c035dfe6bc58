// Where session files live and what they are called.
import { chmod, mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { CliError } from '../model/user-error.js';

/**
 * The sessions folder: `--sessions-dir` > `KDVIEW_SESSIONS_DIR` >
 * `$XDG_STATE_HOME/kdview/sessions` > `~/.local/state/kdview/sessions`.
 * A relative XDG_STATE_HOME is ignored, as the XDG spec asks.
 */
export function sessionsDir(flag?: string, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  const own = env.KDVIEW_SESSIONS_DIR;
  if (own !== undefined && own !== '') return resolve(own);
  const state = env.XDG_STATE_HOME;
  const base = state !== undefined && isAbsolute(state) ? state : join(home, '.local', 'state');
  return join(base, 'kdview', 'sessions');
}

/**
 * Creates the folder with mode 0700, or tightens an existing folder of ours
 * that others can read. Returns the folder.
 */
export async function ensureSessionsDir(dir: string): Promise<string> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new CliError(`sessions folder ${dir}: ${(err as Error).message}`);
  }
  const st = await stat(dir);
  if (!st.isDirectory()) throw new CliError(`sessions folder ${dir} is not a folder`);
  if ((st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) await chmod(dir, 0o700);
  return dir;
}

/** `2026-11-26T04:57:28.244Z` -> `20261126T045728Z`. */
export function compactTime(iso: string): string {
  return iso.replace(/\.\d+/, '').replace(/[-:]/g, '');
}

/** `<startedAt compact>-<id8>.kdview.jsonl` */
export function sessionFileName(header: { startedAt: string; id: string }): string {
  return `${compactTime(header.startedAt)}-${header.id.slice(0, 8)}${SESSION_SUFFIX}`;
}

export const SESSION_SUFFIX = '.kdview.jsonl';
