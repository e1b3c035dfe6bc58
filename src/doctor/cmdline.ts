// Memory for the capture kernel: crashkernel= on the command line, the
// reservation the kernel made (/sys/kernel/kexec_crash_size), and its boot
// message ("Reserving 256MB of memory at ... for crashkernel") where a log is readable.
import type { DoctorContext } from './context.js';
import { fail, ok, skip, warn, type Check } from './types.js';

const ADD_CRASHKERNEL = [
  'add `crashkernel=512M` to the kernel command line (GRUB_CMDLINE_LINUX in /etc/default/grub, then update-grub or grub2-mkconfig) and reboot',
];
const LOGS = ['/var/log/dmesg', '/var/log/kern.log', '/var/log/messages', '/var/log/boot.msg'];
const RESERVED = /(Reserving \d+MB of memory at \d+MB for crashkernel[^\n]*|crashkernel reserved: [^\n]*|crashkernel: memory value expected|crashkernel reservation failed[^\n]*|[^\n]*crashkernel=[^\n]*(?:too|fail|not enough)[^\n]*)/;

export function crashkernelArg(cmdline: string): string | undefined {
  return cmdline.split(/\s+/).find((w) => w.startsWith('crashkernel='));
}

export async function checkCmdline(ctx: DoctorContext): Promise<Check[]> {
  const out: Check[] = [];
  const cmdline = await ctx.text('/proc/cmdline');
  const arg = cmdline === undefined ? undefined : crashkernelArg(cmdline);
  if (cmdline === undefined) out.push(fail('crashkernel', '/proc/cmdline is not readable', ...ADD_CRASHKERNEL));
  else if (arg === undefined) out.push(fail('crashkernel', 'no crashkernel= on the kernel command line', ...ADD_CRASHKERNEL));
  else out.push(ok('crashkernel', `${arg} on the kernel command line`));

  const sizeText = await ctx.text('/sys/kernel/kexec_crash_size');
  const size = sizeText === undefined ? undefined : Number(sizeText.trim());
  if (size === undefined || Number.isNaN(size))
    out.push(fail('crash-memory', '/sys/kernel/kexec_crash_size is not readable (kernel without kexec/crash dump support?)', 'use a kernel built with CONFIG_KEXEC and CONFIG_CRASH_DUMP'));
  else if (size === 0)
    out.push(fail('crash-memory', 'no memory is reserved for a capture kernel (/sys/kernel/kexec_crash_size is 0)',
      ...(arg ? [`${arg} did not reserve memory: see the boot log ("crashkernel"), try a smaller size or crashkernel=512M,high`] : ADD_CRASHKERNEL)));
  else out.push(ok('crash-memory', `${Math.round(size / (1 << 20))} MB reserved for the capture kernel`));

  for (const log of LOGS) {
    const text = await ctx.text(log, 32 << 20);
    const m = text === undefined ? undefined : RESERVED.exec(text);
    if (m?.[1]) {
      const line = m[1].trim();
      out.push(/fail|expected|too|not enough/.test(line) ? warn('crash-memory-log', `${log}: ${line}`, ...ADD_CRASHKERNEL) : ok('crash-memory-log', `${log}: ${line}`));
      return out;
    }
  }
  out.push(skip('crash-memory-log', `no crashkernel reservation message in a readable boot log (${LOGS.join(', ')})`));
  return out;
}
