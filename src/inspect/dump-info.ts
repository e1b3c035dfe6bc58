// What one dump file is, from its headers alone: format, kernel release,
// machine, build-id, crash time, and why it is unusable when it is.
// Never throws: unreadable, truncated or foreign files get a `problem`.
import { open, stat } from 'node:fs/promises';
import { asFileHandle, fileSource, type ByteSource } from './byte-source.js';
import { readElfCore } from './elf-core.js';
import { flattenedSource, isFlattened } from './flattened.js';
import { KDUMP_SIGNATURE, readKdumpHeader } from './kdump-header.js';
import { parseVmcoreinfo } from './vmcoreinfo.js';

export type { DumpFormat, DumpHeaderInfo } from '../model/dump.js';
import type { DumpFormat, DumpHeaderInfo, KdumpCompression } from '../model/dump.js';

interface Found {
  format: DumpFormat;
  inner?: DumpHeaderInfo['inner'];
  release?: string;
  machine?: string;
  hostname?: string;
  headerTime?: number;
  vmcoreinfo?: string;
  compression?: KdumpCompression;
  dumpLevel?: number;
  cpus?: number;
  problems: string[];
}

async function sniff(src: ByteSource, fileSize: number, fhFor: () => ReturnType<typeof asFileHandle>): Promise<Found> {
  const head = await src.read(0, 64);
  if (head.length === 0) return { format: 'unknown', problems: ['empty file'] };
  if (head.toString('latin1', 0, 8) === KDUMP_SIGNATURE) {
    const r = await readKdumpHeader(src);
    if (!r.ok) return { format: 'kdump-compressed', problems: [r.reason] };
    const h = r.header;
    return {
      format: 'kdump-compressed', release: h.utsname.release, machine: h.utsname.machine, hostname: h.utsname.nodename,
      headerTime: h.timestamp, vmcoreinfo: h.vmcoreinfo, compression: h.compression, dumpLevel: h.dumpLevel,
      cpus: h.nrCpus, problems: h.problems,
    };
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x7f454c46) {
    const r = await readElfCore(fhFor(), src.size);
    if (!r.ok) return { format: 'unknown', problems: [`not a kernel dump: ${r.reason}`] };
    return { format: 'elf', machine: r.core.machine, cpus: r.core.cpus, vmcoreinfo: r.core.vmcoreinfo, problems: r.core.problems };
  }
  if (isFlattened(head)) {
    const flat = flattenedSource(src, fileSize);
    const inner = await sniff(flat, fileSize, () => asFileHandle(flat));
    const problems = inner.problems.filter((p) => !p.startsWith('empty'));
    if (!(await flat.hasEndMarker())) problems.push('truncated: the flattened stream has no end marker');
    const innerFormat = inner.format === 'kdump-compressed' || inner.format === 'elf' ? inner.format : 'unknown';
    return { ...inner, format: 'flattened', inner: innerFormat, problems };
  }
  return { format: 'unknown', problems: ['not a kernel dump (no KDUMP, ELF or makedumpfile signature)'] };
}

export async function inspectDump(path: string): Promise<DumpHeaderInfo> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    return { path, format: 'unknown', size: 0, date: new Date(0).toISOString(), dateSource: 'file-mtime', problem: `cannot read: ${(err as Error).message}` };
  }
  const base: DumpHeaderInfo = { path, format: 'unknown', size: st.size, date: st.mtime.toISOString(), dateSource: 'file-mtime' };
  if (!st.isFile()) return { ...base, problem: 'not a regular file' };
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    return { ...base, problem: `cannot read: ${(err as Error).message}` };
  }
  try {
    const handle = fh;
    const found = await sniff(fileSource(handle, st.size), st.size, () => handle);
    const info: DumpHeaderInfo = { ...base, format: found.format };
    if (found.inner) info.inner = found.inner;
    const vi = found.vmcoreinfo !== undefined ? parseVmcoreinfo(found.vmcoreinfo) : undefined;
    const release = vi?.osrelease ?? found.release;
    if (release) info.release = release;
    if (found.machine) info.machine = found.machine;
    if (vi?.buildId) info.buildId = vi.buildId;
    if (found.hostname) info.hostname = found.hostname;
    if (found.compression) info.compression = found.compression;
    if (found.dumpLevel !== undefined) info.dumpLevel = found.dumpLevel;
    if (found.cpus !== undefined) info.cpus = found.cpus;
    if (vi?.crashTime !== undefined) Object.assign(info, { date: new Date(vi.crashTime * 1000).toISOString(), dateSource: 'crash-time' });
    else if (found.headerTime) Object.assign(info, { date: new Date(found.headerTime * 1000).toISOString(), dateSource: 'header' });
    if (found.problems.length > 0) info.problem = found.problems.join('; ');
    return info;
  } catch (err) {
    return { ...base, problem: `cannot read: ${(err as Error).message}` };
  } finally {
    await fh.close();
  }
}
