// The built CLI, runnable by another user wherever the checkout lives. A
// checkout in a private folder (mktemp -d, root's home) cannot be reached by
// an unprivileged user, so a test that drops privileges runs a copy of what
// the CLI needs: the node binary, dist/src, package.json and the production
// dependencies, in a world-readable temp folder. Files that are already
// world-readable are hard-linked (fast, nothing changed in the checkout);
// others, or across file systems, are copied and made readable.
import {
  chmodSync, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync,
  readlinkSync, rmSync, symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PortableCli {
  node: string;
  cli: string;
  dir: string;
  remove(): void;
}

function place(src: string, dst: string): void {
  const st = lstatSync(src);
  if (st.isSymbolicLink()) {
    symlinkSync(readlinkSync(src), dst);
  } else if (st.isDirectory()) {
    mkdirSync(dst, { mode: 0o755 });
    chmodSync(dst, 0o755);
    for (const name of readdirSync(src)) place(join(src, name), join(dst, name));
  } else if (st.isFile()) {
    const readable = (st.mode & 0o004) !== 0 && ((st.mode & 0o100) === 0 || (st.mode & 0o001) !== 0);
    if (readable) {
      try {
        linkSync(src, dst);
        return;
      } catch {
        // another file system: copy below
      }
    }
    copyFileSync(src, dst);
    chmodSync(dst, (st.mode & 0o100) !== 0 ? 0o755 : 0o644);
  }
}

/** The production dependencies of the package at root, by name (flat node_modules). */
function runtimePackages(root: string): string[] {
  const seen = new Set<string>();
  const deps = (file: string): string[] => {
    const pj = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
    return Object.keys({ ...pj.dependencies, ...pj.optionalDependencies, ...pj.peerDependencies });
  };
  const todo = deps(join(root, 'package.json'));
  while (todo.length > 0) {
    const name = todo.pop() as string;
    const pj = join(root, 'node_modules', name, 'package.json');
    if (seen.has(name) || !existsSync(pj)) continue;
    seen.add(name);
    todo.push(...deps(pj));
  }
  return [...seen];
}

/** A copy of the built CLI (and the node running this test) that any user can run. */
export function portableCli(root = process.cwd()): PortableCli {
  const dir = mkdtempSync(join(tmpdir(), 'kdview-portable-'));
  chmodSync(dir, 0o755);
  place(process.execPath, join(dir, 'node'));
  place(join(root, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'dist'), { mode: 0o755 });
  place(join(root, 'dist', 'src'), join(dir, 'dist', 'src'));
  mkdirSync(join(dir, 'node_modules'), { mode: 0o755 });
  for (const name of runtimePackages(root)) {
    if (name.startsWith('@')) {
      const scope = join(dir, 'node_modules', name.split('/')[0] as string);
      if (!existsSync(scope)) mkdirSync(scope, { mode: 0o755 });
    }
    place(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return {
    node: join(dir, 'node'),
    cli: join(dir, 'dist', 'src', 'cli', 'main.js'),
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
