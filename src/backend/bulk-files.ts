// The private folder crash writes large outputs into (`cmd > FILE`): made with
// mkdtemp (0700) on first use, one file per command, each removed once read,
// the folder removed when the backend exits (or kdview does).
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BulkFiles } from '../protocol/transport.js';

/** Characters crash's `>` takes as one path word: no blanks, quotes, pipes or shell syntax. */
const SAFE_PATH = /^\/[A-Za-z0-9/._-]+$/;

const live = new Set<TempBulkFiles>();
process.on('exit', () => {
  for (const b of live) b.dispose();
});

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

  /** `roots` are tried in order: $TMPDIR (or the OS default), then /tmp. */
  constructor(private readonly roots: readonly string[] = [tmpdir(), '/tmp']) {}

  private folder(): string | undefined {
    if (this.dir !== undefined || this.failed) return this.dir;
    for (const root of this.roots) {
      if (!SAFE_PATH.test(root)) continue;
      try {
        // mkdtemp creates the folder 0700 with six random [A-Za-z0-9] characters.
        const dir = mkdtempSync(join(root, 'kdview-bulk-'));
        if (!SAFE_PATH.test(dir)) {
          rmSync(dir, { recursive: true, force: true });
          continue;
        }
        this.dir = dir;
        live.add(this);
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
