// A capture kernel loaded with kexec -p (/sys/kernel/kexec_crash_loaded).
import type { DoctorContext } from './context.js';
import { fail, ok, type Check } from './types.js';

/** The kexec -p line for this machine: its kernel, initrd and root=. */
export async function kexecLine(ctx: DoctorContext): Promise<string> {
  const rel = ctx.release ?? '$(uname -r)';
  const cmdline = (await ctx.text('/proc/cmdline')) ?? '';
  const root = cmdline.split(/\s+/).find((w) => w.startsWith('root=')) ?? 'root=/dev/<root device>';
  const kernel = `/boot/vmlinuz-${rel}`;
  const initrds = [`/boot/initrd.img-${rel}`, `/boot/initramfs-${rel}.img`, `/boot/initrd-${rel}`];
  let initrdPath = initrds[0];
  for (const c of initrds.reverse()) if (await ctx.isFile(c)) initrdPath = c;
  return `kexec -p ${kernel} --initrd=${initrdPath} --append="${root} irqpoll nr_cpus=1 reset_devices"`;
}

export async function checkCapture(ctx: DoctorContext): Promise<Check[]> {
  const loaded = (await ctx.text('/sys/kernel/kexec_crash_loaded'))?.trim();
  if (loaded === '1') return [ok('capture-kernel', 'a capture kernel is loaded (kexec -p)')];
  const why = loaded === undefined ? '/sys/kernel/kexec_crash_loaded is not readable' : 'no capture kernel is loaded (/sys/kernel/kexec_crash_loaded is 0)';
  return [fail('capture-kernel', why, `load one: ${await kexecLine(ctx)}`, 'or enable a kdump service that does it at boot (kdump-tools, kexec-tools kdump, kdumpst)')];
}
