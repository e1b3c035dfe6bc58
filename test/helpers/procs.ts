// Looks for leftover crash/drgn processes by a marker in their arguments (via /proc).
import { readdirSync, readFileSync } from 'node:fs';

export function processesMatching(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'latin1').split('\0');
      const exe = (argv[0] ?? '').split('/').pop() ?? '';
      // Only backend processes count (tmux servers keep the argv they were started with).
      if (/^(crash|drgn|python3?)$/.test(exe) && argv.some((a) => a.includes(marker)) && Number(name) !== process.pid)
        pids.push(Number(name));
    } catch {
      // gone
    }
  }
  return pids;
}

/** Polls until no process matches (crash exits asynchronously), up to a deadline. */
export async function noProcessesLeft(marker: string, deadlineMs = 5000): Promise<number[]> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const left = processesMatching(marker);
    if (left.length === 0 || Date.now() > end) return left;
    await new Promise((r) => setTimeout(r, 25)); // poll interval, bounded by the deadline
  }
}

/** What /proc says of a process: state, parent, threads, signal masks, where it waits; for failure messages. */
export function describeProcess(pid: number): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const pick = status.split('\n').filter((l) => /^(State|PPid|Threads|SigBlk|SigIgn|SigCgt|NSpid):/.test(l)).join(', ');
    const wchan = readFileSync(`/proc/${pid}/wchan`, 'utf8');
    return `${pid} (${pick}, wchan ${wchan})`;
  } catch {
    return `${pid} (gone)`;
  }
}
