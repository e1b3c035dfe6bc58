// Looks for leftover processes by a marker in their command line (via /proc).
import { readdirSync, readFileSync } from 'node:fs';

export function processesMatching(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'latin1');
      if (cmd.includes(marker) && Number(name) !== process.pid) pids.push(Number(name));
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
