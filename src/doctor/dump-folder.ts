// The folder dumps are saved to: configured (kdump-tools KDUMP_COREDIR,
// kexec-tools `path` in /etc/kdump.conf) or /var/crash; it must exist, be
// writable and have room for a dump of this machine.
import type { DoctorContext } from './context.js';
import { fail, ok, warn, type Check } from './types.js';

const GiB = 1 << 30;

export async function dumpFolder(ctx: DoctorContext): Promise<{ dir: string; from: string }> {
  const tools = await ctx.text('/etc/default/kdump-tools');
  const coredir = tools === undefined ? undefined : /^\s*KDUMP_COREDIR=["']?([^"'\s]+)/m.exec(tools)?.[1];
  if (coredir) return { dir: coredir, from: 'KDUMP_COREDIR in /etc/default/kdump-tools' };
  const conf = await ctx.text('/etc/kdump.conf');
  const path = conf === undefined ? undefined : /^\s*path\s+(\S+)/m.exec(conf)?.[1];
  if (path) return { dir: path, from: '`path` in /etc/kdump.conf' };
  return { dir: '/var/crash', from: 'the default' };
}

/** Room wanted for one dump: a tenth of RAM (makedumpfile -c -d 31 usually needs less), at least 1 GiB. */
export async function roomWanted(ctx: DoctorContext): Promise<number> {
  const kb = Number(/^MemTotal:\s+(\d+) kB/m.exec((await ctx.text('/proc/meminfo')) ?? '')?.[1]);
  return Math.max(GiB, Number.isFinite(kb) ? (kb * 1024) / 10 : 0);
}

export async function checkDumpFolder(ctx: DoctorContext): Promise<Check[]> {
  const { dir, from } = await dumpFolder(ctx);
  if (!(await ctx.isDir(dir))) return [fail('dump-folder', `the dump folder ${dir} (${from}) does not exist`, `mkdir -p ${dir}`)];
  const out: Check[] = [];
  out.push((await ctx.writable(dir)) ? ok('dump-folder', `the dump folder ${dir} (${from}) exists and is writable`)
    : fail('dump-folder', `the dump folder ${dir} is not writable`, `make it writable by root (chmod 0700 ${dir}) on a read-write file system`));
  const free = await ctx.freeBytes(dir);
  const want = await roomWanted(ctx);
  const gb = (n: number) => `${(n / GiB).toFixed(1)} GB`;
  if (free === undefined) out.push(warn('dump-room', `free space on ${dir} is unknown`));
  else if (free < want) out.push(fail('dump-room', `${gb(free)} free on ${dir}, a dump of this machine may need ${gb(want)}`, `free space there, or point the dump folder to a larger file system (KDUMP_COREDIR / path in kdump.conf)`));
  else out.push(ok('dump-room', `${gb(free)} free on ${dir} (wanted: ${gb(want)})`));
  return out;
}
