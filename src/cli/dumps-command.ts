// `kdview dumps [DIR...] [--json]`: every dump under the folders (default
// /var/crash), newest first, from headers alone, with its saved log and the
// local vmlinux that matches it (debuginfod servers are not asked here).
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findDumps, type DumpInfo, type DumpListing } from '../inspect/find-dumps.js';
import { findVmlinux } from '../inspect/find-vmlinux.js';
import { CliError, EXIT } from '../model/user-error.js';
import { sanitizeForDisplay } from '../text/clean.js';

export interface DumpsIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface DumpsOptions {
  json?: boolean;
  vmlinux?: string;
  debugDir?: string;
}

export const DEFAULT_DUMP_DIRS = ['/var/crash'];

function size(bytes: number): string {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(1)} GB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;
}

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
}

function describe(d: DumpInfo): string[] {
  const format = d.format === 'flattened' && d.inner ? `flattened ${d.inner}` : d.format;
  const head = [when(d.date), d.release ?? (d.format === 'unknown' ? '' : 'release ?'), d.machine ?? '', format, size(d.size), `[${d.layout}]`].filter((s) => s !== '');
  const lines = [head.join('  '), `  ${d.path}`];
  const facts: string[] = [];
  if (d.buildId) facts.push(`build-id ${d.buildId}`);
  if (d.hostname) facts.push(`host ${d.hostname}`);
  if (facts.length) lines.push(`  ${facts.join('  ')}`);
  if (d.dmesg) lines.push(`  dmesg    ${d.dmesg.path}${d.dmesg.entry ? ` : ${d.dmesg.entry}` : ''}`);
  if (d.vmlinux) lines.push(`  vmlinux  ${d.vmlinux.path} (${d.vmlinux.match === 'build-id' ? 'build-id match' : 'release match only'})`);
  else if (!d.problem) lines.push('  vmlinux  none found locally (kdview DUMP also asks debuginfod)');
  if (d.problem) lines.push(`  PROBLEM  ${d.problem}`);
  return lines;
}

function render(l: DumpListing, io: DumpsIo): void {
  const out: string[] = [];
  const n = l.dumps.length;
  out.push(`${n} dump${n === 1 ? '' : 's'} in ${l.searched.join(', ')}`);
  for (const d of l.dumps) out.push('', ...describe(d));
  if (l.logs.length > 0) {
    out.push('', 'Saved logs without a dump (kdview log FILE):');
    for (const s of l.logs) out.push(`  ${when(s.date)}  ${s.path}${s.entry ? ` : ${s.entry}` : ''}`);
  }
  io.stdout.write(`${sanitizeForDisplay(out.join('\n'))}\n`);
  for (const p of l.problems) io.stderr.write(`kdview dumps: ${sanitizeForDisplay(p)}\n`);
}

/** Runs `kdview dumps`; 0 when a dump was found, 1 when none. */
export async function runDumps(dirs: string[], opts: DumpsOptions, io: DumpsIo): Promise<number> {
  const explicit = dirs.length > 0;
  for (const d of dirs) {
    const st = await stat(d).catch(() => undefined);
    if (!st) throw new CliError(`dumps: ${resolve(d)}: no such folder`);
    if (!st.isDirectory()) throw new CliError(`dumps: ${resolve(d)} is not a folder (give the folder that holds the dumps)`);
  }
  const listing = await findDumps(explicit ? dirs : DEFAULT_DUMP_DIRS);
  for (const d of listing.dumps) {
    if (d.format === 'unknown' || (d.release === undefined && d.buildId === undefined)) continue;
    const found = await findVmlinux(d, { vmlinux: opts.vmlinux, debugDir: opts.debugDir, network: false });
    if (found.path !== undefined) d.vmlinux = { path: found.path, match: found.match };
  }
  if (opts.json) io.stdout.write(`${JSON.stringify(listing, null, 2)}\n`);
  else if (listing.dumps.length === 0 && listing.logs.length === 0) {
    io.stdout.write(`no dumps in ${listing.searched.join(', ')}${listing.problems.length ? ` (${listing.problems.join('; ')})` : ''}\n`);
    io.stdout.write('kdview looks for crashdump-*, vmcore, *.vmcore, <stamp>/dump.<stamp>, <host>-<date>/vmcore and kdumpst/crash/*; try kdview --demo\n');
  } else render(listing, io);
  return listing.dumps.length > 0 ? EXIT.ok : EXIT.failed;
}
