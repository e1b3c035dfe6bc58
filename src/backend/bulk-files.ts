// The private folder crash writes large outputs into (`cmd > FILE`): made with
// mkdtemp (0700) on first use, one file per command, each removed once read,
// the folder removed when the backend exits (or kdview does). The folder's
// name holds kdview's pid: a kdview killed outright (SIGKILL) leaves its folder
// behind, and the next kdview to make one removes the folders of dead pids.
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BulkFiles } from '../protocol/transport.js';

/** Characters crash's `>` takes as one path word: no blanks, quotes, pipes or shell syntax. */
const SAFE_PATH = /^\/[A-Za-z0-9/._-]+$/;

const live = new Set<TempBulkFiles>();
process.on('exit', () => {
  for (const b of live) b.dispose();
});

const PREFIX = 'kdview-bulk-';
/** `kdview-bulk-PID-XXXXXX`, as mkdtemp makes it. */
const FOLDER = /^kdview-bulk-(\d+)-[A-Za-z0-9]{6}$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process
  }
}

/**
 * Removes the bulk folders in `root` left by kdview processes that are gone:
 * folders (not links) of this user whose pid no longer runs. Returns the
 * paths removed; never throws.
 */
export async function sweepStale(root: string): Promise<string[]> {
  const removed: string[] = [];
  const uid = process.getuid?.();
  let names: string[];
  try {
    names = (await readdir(root)).filter((n) => n.startsWith(PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = Number(FOLDER.exec(name)?.[1] ?? NaN);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    const path = join(root, name);
    try {
      const st = await lstat(path);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export class TempBulkFiles implements BulkFiles {
  private dir: string | undefined;
  private failed = false;
  /** The sweep of dead kdviews' folders started when this folder was made (off the command's path). */
  swept: Promise<string[]> | undefined;

  /** `roots` are tried in order: $TMPDIR (or the OS default), then /tmp. */
  constructor(private readonly roots: readonly string[] = [tmpdir(), '/tmp']) {}

  private folder(): string | undefined {
    if (this.dir !== undefined || this.failed) return this.dir;
    for (const root of this.roots) {
      if (!SAFE_PATH.test(root)) continue;
      try {
        // mkdtemp creates the folder 0700 with six random [A-Za-z0-9] characters.
        const dir = mkdtempSync(join(root, `${PREFIX}${process.pid}-`));
        if (!SAFE_PATH.test(dir)) {
          rmSync(dir, { recursive: true, force: true });
          continue;
        }
        this.dir = dir;
        live.add(this);
        this.swept = sweepStale(root);
        return dir;
      } catch {
        // not writable: try the next root
      }
    }
    this.failed = true;
    return undefined;
  }

  path(seq: number): string | undefined {
    const dir = this.folder();
    return dir === undefined ? undefined : join(dir, `out-${seq}.txt`);
  }

  exists(path: string): boolean {
    return existsSync(path);
  }

  take(path: string): string | undefined {
    const text = readText(path);
    if (text !== undefined) unlinkSync(path);
    return text;
  }

  peek(path: string): string | undefined {
    return readText(path);
  }

  /** Removes the folder and everything in it. */
  dispose(): void {
    if (this.dir === undefined) return;
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this);
    this.dir = undefined;
    this.failed = true;
  }
}
