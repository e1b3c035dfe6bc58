// A kdump service present and enabled, read from unit files and *.wants
// links (no systemctl): a hand-made kdump.service (or kexec-tools' own),
// Debian's kdump-tools, kdumpst, simple-kdump.
import { readlink } from 'node:fs/promises';
import type { DoctorContext } from './context.js';
import { fail, ok, type Check } from './types.js';

const UNITS: { unit: string; what: string }[] = [
  { unit: 'kdump-tools.service', what: 'kdump-tools' },
  { unit: 'kdump.service', what: 'kdump.service' },
  { unit: 'kdumpst-init.service', what: 'kdumpst' },
  { unit: 'kdump-init.service', what: 'kdumpst' },
  { unit: 'simple-kdump-setup.service', what: 'simple-kdump' },
];
const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];
const WANTS_DIRS = ['/etc/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];

async function unitFile(ctx: DoctorContext, unit: string): Promise<{ path: string; masked: boolean } | undefined> {
  for (const d of UNIT_DIRS) {
    const path = `${d}/${unit}`;
    const target = await readlink(ctx.p(path)).catch(() => undefined);
    if (target === '/dev/null') return { path, masked: true };
    if (await ctx.isFile(path)) return { path, masked: false };
  }
  return undefined;
}

async function enabledBy(ctx: DoctorContext, unit: string): Promise<string | undefined> {
  for (const d of WANTS_DIRS) {
    for (const w of (await ctx.list(d)).filter((n) => n.endsWith('.wants') || n.endsWith('.requires')).sort()) {
      if ((await ctx.list(`${d}/${w}`)).includes(unit)) return `${d}/${w}/${unit}`;
    }
  }
  return undefined;
}

export async function checkKdumpService(ctx: DoctorContext): Promise<Check[]> {
  const present: string[] = [];
  for (const u of UNITS) {
    const f = await unitFile(ctx, u.unit);
    if (!f) continue;
    if (f.masked) {
      present.push(`${u.unit} (masked)`);
      continue;
    }
    const by = await enabledBy(ctx, u.unit);
    if (!by) {
      present.push(`${u.unit} (${f.path}, not enabled)`);
      continue;
    }
    if (u.unit === 'kdump-tools.service') {
      const conf = await ctx.text('/etc/default/kdump-tools');
      const use = conf === undefined ? undefined : /^\s*USE_KDUMP=["']?(\w+)/m.exec(conf)?.[1];
      if (use !== undefined && use !== '1') {
        present.push(`${u.unit} (enabled, but USE_KDUMP=${use})`);
        continue;
      }
    }
    return [ok('kdump-service', `${u.what}: ${u.unit} is enabled (${by})`)];
  }
  if (present.length > 0) {
    const first = present[0] ?? '';
    const fix = first.includes('USE_KDUMP') ? 'set USE_KDUMP=1 in /etc/default/kdump-tools' : `systemctl ${first.includes('masked') ? 'unmask' : 'enable'} ${first.split(' ')[0]}`;
    return [fail('kdump-service', `a kdump service is installed but not active: ${present.join('; ')}`, fix)];
  }
  return [fail('kdump-service', `no kdump service (${UNITS.map((u) => u.unit).join(', ')})`,
    'install kdump-tools (Debian/Ubuntu) or kexec-tools (Fedora/RHEL) and enable it,', 'or write a kdump.service that runs the kexec -p line at boot, and enable it')];
}
