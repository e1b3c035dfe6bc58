// The running kernel's build options that kdump needs, from /proc/config.gz
// or /boot/config-<release>.
import type { DoctorContext } from './context.js';
import { fail, ok, warn, type Check } from './types.js';

/** `CONFIG_X=y|m|value` lines; `# CONFIG_X is not set` lines are absent. */
export function parseKernelConfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^CONFIG_(\w+)=(.*)$/.exec(line.trim());
    if (m?.[1] !== undefined && m[2] !== undefined) out.set(m[1], m[2]);
  }
  return out;
}

const set = (c: Map<string, string>, k: string) => c.get(k) === 'y' || c.get(k) === 'm';

export async function checkKernelConfig(ctx: DoctorContext): Promise<Check[]> {
  let source = '/proc/config.gz';
  let text = await ctx.gunzipText(source);
  if (text === undefined && ctx.release) {
    source = `/boot/config-${ctx.release}`;
    text = await ctx.text(source);
  }
  if (text === undefined)
    return [warn('config', `kernel config not found (/proc/config.gz, /boot/config-${ctx.release ?? '<release>'}): options not checked`, 'load the configs module (modprobe configs) or install the kernel\'s config file')];
  const c = parseKernelConfig(text);
  const rebuild = (opt: string) => `rebuild the kernel with ${opt}=y, or use your distribution's stock kernel (which has it)`;
  const out: Check[] = [];
  const need = (id: string, opt: string, what: string) =>
    out.push(set(c, opt) ? ok(id, `CONFIG_${opt}=${c.get(opt)} (${source})`) : fail(id, `CONFIG_${opt} is not set: ${what} (${source})`, rebuild(`CONFIG_${opt}`)));
  need('config:CRASH_DUMP', 'CRASH_DUMP', 'the kernel cannot boot as a capture kernel');
  need('config:PROC_VMCORE', 'PROC_VMCORE', 'the capture kernel has no /proc/vmcore to save');
  if (set(c, 'KEXEC') || set(c, 'KEXEC_FILE'))
    out.push(ok('config:KEXEC', `${['KEXEC', 'KEXEC_FILE'].filter((k) => set(c, k)).map((k) => `CONFIG_${k}`).join(', ')} set (${source})`));
  else out.push(fail('config:KEXEC', `neither CONFIG_KEXEC nor CONFIG_KEXEC_FILE is set: no kexec -p (${source})`, rebuild('CONFIG_KEXEC')));
  const dwarf = ['DEBUG_INFO', 'DEBUG_INFO_DWARF4', 'DEBUG_INFO_DWARF5', 'DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT'].find((k) => set(c, k));
  if (dwarf && !set(c, 'DEBUG_INFO_NONE')) out.push(ok('config:DEBUG_INFO', `CONFIG_${dwarf}=${c.get(dwarf)} (${source})`));
  else out.push(fail('config:DEBUG_INFO', `CONFIG_DEBUG_INFO is not set: no debug vmlinux can exist for crash or drgn (${source})`, rebuild('CONFIG_DEBUG_INFO')));
  return out;
}
