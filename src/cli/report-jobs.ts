// `--jobs N|auto` for `kdview report --all`: how many crash processes run at
// once. auto: one per core, as long as free memory holds 400 MB for each.
import { readFileSync } from 'node:fs';
import { availableParallelism, freemem } from 'node:os';
import { CliError } from '../model/user-error.js';

/** What one crash on a large dump needs (300-400 MB), plus kdview's share of parsing its output. */
export const MB_PER_JOB = 400;
/** With both engines: crash's share plus drgn's (about 170 MB with every task listed at 10,000 tasks). */
export const MB_PER_BOTH_JOB = 600;

export interface Host {
  cpus: number;
  /** Memory available without swapping (MemAvailable), in bytes. */
  availableBytes: number;
}

/** MemAvailable from /proc/meminfo (what the kernel says can be used without swapping); else os.freemem(). */
export function currentHost(meminfo = '/proc/meminfo'): Host {
  let availableBytes = freemem();
  try {
    const m = /^MemAvailable:\s+(\d+) kB$/m.exec(readFileSync(meminfo, 'utf8'));
    if (m) availableBytes = Number(m[1]) * 1024;
  } catch {
    // not Linux, or no /proc: freemem() it is
  }
  return { cpus: availableParallelism(), availableBytes };
}

export function autoJobs(host: Host, mbPerJob = MB_PER_JOB): number {
  const byMemory = Math.floor(host.availableBytes / (mbPerJob * 1024 * 1024));
  return Math.max(1, Math.min(host.cpus, byMemory));
}

/** `--jobs`: a whole number of at least 1, or `auto` (the default). */
export function parseJobs(value: string | number | undefined, host: () => Host = currentHost, mbPerJob = MB_PER_JOB): { jobs: number; auto: boolean } {
  if (value === undefined || value === 'auto') return { jobs: autoJobs(host(), mbPerJob), auto: true };
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--jobs '${value}': expected auto or a whole number of at least 1`);
  return { jobs: n, auto: false };
}

export function describeAuto(jobs: number, host: Host, mbPerJob = MB_PER_JOB): string {
  const gb = (host.availableBytes / 2 ** 30).toFixed(1);
  const per = mbPerJob === MB_PER_JOB ? 'per crash' : 'per crash and drgn';
  return `--jobs auto: ${jobs} (${host.cpus} cores, ${gb} GB available, ${mbPerJob} MB ${per})`;
}
