// On Linux the backend is started through util-linux's setpriv with a
// parent-death signal: if kdview dies in any way (even kill -9), the kernel
// kills crash or drgn too. The pty hang-up alone is not enough: crash 8.0.2
// was seen hanging for good in its SIGHUP handler (a futex wait) after kdview
// was killed in the middle of a `foreach bt`.
import { findExecutable } from './probe.js';

let setpriv: string | undefined | null = null;

/** The program and arguments that start `file args` with SIGKILL as its parent-death signal, where that can be had. */
export function withParentDeathSignal(file: string, args: readonly string[]): [string, string[]] {
  if (process.platform !== 'linux') return [file, [...args]];
  if (setpriv === null) setpriv = findExecutable('setpriv') ?? findExecutable('/usr/bin/setpriv');
  return setpriv === undefined ? [file, [...args]] : [setpriv, ['--pdeathsig', 'KILL', '--', file, ...args]];
}
