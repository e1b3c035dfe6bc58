// A guard for a backend process: a tiny /bin/sh that waits on a pipe from
// kdview and SIGKILLs the backend (and its process group) when the pipe
// closes without a word, that is when kdview has died in any way, kill -9
// included. crash cannot be trusted to leave by itself then: it sets its own
// parent-death signal (SIGUSR2, replacing any set for it) and was seen hanging
// for good in its handlers after kdview was killed. The script holds no path,
// only the process id, given as an argument.
import { spawn, type ChildProcess } from 'node:child_process';

// (dash's kill takes no `--`: the group is "-PID", then the process itself.)
const SCRIPT = 'trap "" HUP INT TERM; read -r word; [ "$word" = done ] && exit 0; kill -KILL "-$1" 2>/dev/null; kill -KILL "$1" 2>/dev/null';

export class Guard {
  private readonly proc: ChildProcess | undefined;

  constructor(pid: number) {
    let proc: ChildProcess | undefined;
    try {
      proc = spawn('/bin/sh', ['-c', SCRIPT, 'kdview-guard', String(pid)], { stdio: ['pipe', 'ignore', 'ignore'] });
      // No /bin/sh, or the guard gone early: the backend simply has no guard.
      proc.on('error', () => undefined);
      proc.stdin?.on('error', () => undefined);
      // The guard never keeps kdview running.
      proc.unref();
      (proc.stdin as { unref?: () => void } | null)?.unref?.();
    } catch {
      proc = undefined;
    }
    this.proc = proc;
  }

  /** The backend has exited: the guard leaves without killing anything. */
  release(): void {
    const stdin = this.proc?.stdin;
    if (stdin && !stdin.destroyed) stdin.end('done\n');
  }
}
