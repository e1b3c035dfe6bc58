// Checks the VMLINUX and DUMP arguments before crash is started, so bad input
// gets one clear line naming the file and the problem.
import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkVmlinux } from '../inspect/vmlinux.js';
import { CliError } from '../model/user-error.js';

export interface Inputs {
  vmlinux: string;
  dump: string;
  vmlinuxRelease: string | undefined;
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return (err as Error).message;
}

/** A readable, non-empty regular file, as an absolute path. */
export async function checkFile(role: string, arg: string): Promise<string> {
  const path = resolve(arg);
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    throw new CliError(`${role} '${arg}': ${describe(err)}`);
  }
  if (st.isDirectory()) throw new CliError(`${role} '${arg}': is a directory, not a file`);
  if (!st.isFile()) throw new CliError(`${role} '${arg}': is not a regular file`);
  if (st.size === 0) throw new CliError(`${role} '${arg}': is empty`);
  try {
    await access(path, constants.R_OK);
    const fh = await open(path, 'r');
    await fh.close();
  } catch (err) {
    throw new CliError(`${role} '${arg}': ${describe(err)}`);
  }
  return path;
}

export async function checkInputs(vmlinuxArg: string, dumpArg: string): Promise<Inputs> {
  const vmlinux = await checkFile('vmlinux', vmlinuxArg);
  const dump = await checkFile('dump', dumpArg);
  const v = await checkVmlinux(vmlinux);
  if (!v.ok) throw new CliError(`vmlinux '${vmlinuxArg}': ${v.problem}`);
  return { vmlinux, dump, vmlinuxRelease: v.release };
}
