// The programs kdump and analysis need, looked up in the PATH directories
// (plus the sbin ones, where kexec lives) under the root.
import type { DoctorContext } from './context.js';
import { fail, ok, warn, type Check } from './types.js';

const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/local/bin', '/usr/bin', '/bin'];

const TOOLS: { name: string; needed: boolean; why: string; fix: string }[] = [
  { name: 'kexec', needed: true, why: 'loads the capture kernel', fix: 'install kexec-tools (apt install kexec-tools, dnf install kexec-tools)' },
  { name: 'makedumpfile', needed: true, why: 'saves a compact dump from /proc/vmcore', fix: 'install makedumpfile (apt install makedumpfile, dnf install makedumpfile)' },
  { name: 'crash', needed: false, why: 'reads dumps (kdview drives it)', fix: 'install crash (apt install crash, dnf install crash) to read dumps on this machine' },
  { name: 'drgn', needed: false, why: 'reads dumps programmatically', fix: 'install drgn (apt install python3-drgn, dnf install drgn) to read dumps on this machine' },
];

export async function findInPath(ctx: DoctorContext, name: string): Promise<string | undefined> {
  const dirs = [...(ctx.env.PATH ?? '').split(':').filter((d) => d.startsWith('/')), ...SBIN];
  for (const d of dirs.filter((x, i) => dirs.indexOf(x) === i)) {
    const p = `${d.replace(/\/+$/, '')}/${name}`;
    if (await ctx.executable(p)) return p;
  }
  return undefined;
}

export async function checkTools(ctx: DoctorContext): Promise<Check[]> {
  const out: Check[] = [];
  for (const t of TOOLS) {
    const at = await findInPath(ctx, t.name);
    if (at) out.push(ok(`tool:${t.name}`, `${t.name} is installed (${at})`));
    else out.push((t.needed ? fail : warn)(`tool:${t.name}`, `${t.name} is not installed (${t.why})`, t.fix));
  }
  return out;
}
