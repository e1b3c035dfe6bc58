// A large real dump made on demand by scripts/scale-dump.sh (the scale kit under
// ../shared/dumps/scale-kit), cached per POOLS x POOL_TASKS outside the repo;
// shared by the report bench and the scale test.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ScaleDump {
  name: string;
  vmlinux: string;
  vmcore: string;
  pools: number;
  poolTasks: number;
}

export type ScaleDumpResult = { dump: ScaleDump } | { missing: string; qemu: boolean };

function dumpsDir(): string {
  return process.env.KDVIEW_DUMPS_DIR ?? resolve(process.cwd(), '..', 'shared', 'dumps');
}

/** The rebuilt kernel's vmlinux (the scale kit boots that kernel). */
function customVmlinux(): string | undefined {
  const env = process.env.KDVIEW_VMLINUX_BUG;
  if (env && existsSync(env)) return env;
  const script = join(dumpsDir(), 'custom', 'prepare.sh');
  if (!existsSync(script)) return undefined;
  return execFileSync('sh', [script], { encoding: 'utf8' }).trim().split('\n').pop();
}

/**
 * Makes (or reuses) the dump of `pools` x `poolTasks` tasks. Making one boots
 * QEMU for a minute or two; `missing` says why there is none (`qemu: false`
 * when qemu-system-x86_64 is not installed).
 */
export function scaleDump(pools: number, poolTasks: number): Promise<ScaleDumpResult> {
  const script = resolve(process.cwd(), 'scripts', 'scale-dump.sh');
  const env = { ...process.env, POOLS: String(pools), POOL_TASKS: String(poolTasks) };
  return new Promise((done) => {
    execFile('sh', [script], { env, encoding: 'utf8', maxBuffer: 16 << 20, timeout: 40 * 60_000 }, (err, stdout, stderr) => {
      const code = (err as { code?: unknown } | null)?.code;
      if (err) return done({ missing: `scripts/scale-dump.sh failed (${code ?? err.message}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`, qemu: code !== 3 });
      const dir = stdout.trim().split('\n').pop() ?? '';
      const vmlinux = customVmlinux();
      if (!vmlinux) return done({ missing: `no vmlinux for the rebuilt kernel (sh ${join(dumpsDir(), 'custom', 'prepare.sh')})`, qemu: true });
      done({ dump: { name: `scale-${pools}x${poolTasks}`, vmlinux, vmcore: join(dir, 'vmcore'), pools, poolTasks } });
    });
  });
}
