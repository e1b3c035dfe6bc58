// A fake machine root for `kdview doctor --root`: the "-kdview" kernel's own
// config (../shared/dumps/custom/config), its build-id in /sys/kernel/notes,
// its debug vmlinux linked into /usr/lib/debug, kdump-tools installed and
// enabled. Options break one thing at a time.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const REL = '6.1.192-kdview';
export const BUG_ID = '8d8bbf41a619ed367626155e67e5d87d6d58d78d';

export interface FakeRootOptions {
  cmdline?: string;
  crashSize?: string;
  crashLoaded?: string;
  /** Transforms the kernel config text. */
  config?: (text: string) => string;
  /** Put the config at /boot/config-REL instead of /proc/config.gz. */
  bootConfig?: boolean;
  tools?: string[];
  /** Path of the debug vmlinux to link at /usr/lib/debug/boot/vmlinux-REL. */
  vmlinux?: string;
  service?: 'enabled' | 'disabled' | 'masked' | 'none';
  useKdump?: string;
  dumpFolder?: boolean;
}

function gnuBuildIdNote(hex: string): Buffer {
  const id = Buffer.from(hex, 'hex');
  const h = Buffer.alloc(12);
  h.writeUInt32LE(4, 0);
  h.writeUInt32LE(id.length, 4);
  h.writeUInt32LE(3, 8);
  return Buffer.concat([h, Buffer.from('GNU\0', 'latin1'), id]);
}

export function makeFakeRoot(root: string, configPath: string, o: FakeRootOptions = {}): string {
  const put = (rel: string, data: string | Buffer, mode?: number) => {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, data, mode === undefined ? undefined : { mode });
  };
  put('proc/cmdline', `${o.cmdline ?? `BOOT_IMAGE=/boot/vmlinuz-${REL} root=/dev/vda1 ro crashkernel=256M`}\n`);
  put('proc/sys/kernel/osrelease', `${REL}\n`);
  put('proc/meminfo', 'MemTotal:         786432 kB\nMemFree:          460800 kB\n');
  put('sys/kernel/kexec_crash_size', `${o.crashSize ?? '268435456'}\n`);
  put('sys/kernel/kexec_crash_loaded', `${o.crashLoaded ?? '1'}\n`);
  put('sys/kernel/notes', gnuBuildIdNote(BUG_ID));
  put('var/log/kern.log', 'Nov 26 04:16:21 guest kernel: [    0.000000] Reserving 256MB of memory at 496MB for crashkernel (System RAM: 767MB)\n');
  const config = (o.config ?? ((t: string) => t))(readFileSync(configPath, 'utf8'));
  if (o.bootConfig) put(`boot/config-${REL}`, config);
  else put('proc/config.gz', gzipSync(config));
  put(`boot/vmlinuz-${REL}`, 'kernel image');
  put(`boot/initrd.img-${REL}`, 'initrd');
  const bins: Record<string, string> = { kexec: 'usr/sbin/kexec', makedumpfile: 'usr/bin/makedumpfile', crash: 'usr/bin/crash', drgn: 'usr/bin/drgn' };
  for (const t of o.tools ?? Object.keys(bins)) put(bins[t] ?? `usr/bin/${t}`, '#!/bin/sh\nexit 0\n', 0o755);
  if (o.vmlinux) {
    mkdirSync(join(root, 'usr/lib/debug/boot'), { recursive: true });
    symlinkSync(o.vmlinux, join(root, `usr/lib/debug/boot/vmlinux-${REL}`));
  }
  const service = o.service ?? 'enabled';
  if (service !== 'none') {
    put('lib/systemd/system/kdump-tools.service', '[Unit]\nDescription=Kernel crash dump capture service\n[Service]\nType=oneshot\nExecStart=/etc/init.d/kdump-tools start\n[Install]\nWantedBy=basic.target\n');
    put('etc/default/kdump-tools', `USE_KDUMP=${o.useKdump ?? '1'}\nKDUMP_COREDIR="/var/crash"\n`);
    if (service === 'enabled') {
      mkdirSync(join(root, 'etc/systemd/system/basic.target.wants'), { recursive: true });
      symlinkSync('/lib/systemd/system/kdump-tools.service', join(root, 'etc/systemd/system/basic.target.wants/kdump-tools.service'));
    }
    if (service === 'masked') {
      mkdirSync(join(root, 'etc/systemd/system'), { recursive: true });
      symlinkSync('/dev/null', join(root, 'etc/systemd/system/kdump-tools.service'));
    }
  }
  if (o.dumpFolder !== false) mkdirSync(join(root, 'var/crash'), { recursive: true });
  return root;
}
