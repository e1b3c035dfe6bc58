// VMCOREINFO: the KEY=value text the kernel leaves for dump tools
// (OSRELEASE=, BUILD-ID=, CRASHTIME=, PAGESIZE=, KERNELOFFSET=, SYMBOL(x)=...).

export interface VmcoreInfo {
  osrelease?: string;
  /** Lower-case hex, as BUILD-ID= gives it. */
  buildId?: string;
  /** Seconds since the epoch when the kernel crashed. */
  crashTime?: number;
  pageSize?: number;
  /** All keys, for anything else a caller wants. */
  entries: Map<string, string>;
}

export function parseVmcoreinfo(text: string): VmcoreInfo {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!entries.has(key)) entries.set(key, line.slice(eq + 1).trim());
  }
  const info: VmcoreInfo = { entries };
  const rel = entries.get('OSRELEASE');
  if (rel) info.osrelease = rel;
  const id = entries.get('BUILD-ID')?.toLowerCase();
  if (id && /^[0-9a-f]{2,}$/.test(id)) info.buildId = id;
  const crash = Number(entries.get('CRASHTIME'));
  if (entries.has('CRASHTIME') && Number.isSafeInteger(crash) && crash > 0) info.crashTime = crash;
  const page = Number(entries.get('PAGESIZE'));
  if (entries.has('PAGESIZE') && Number.isSafeInteger(page) && page > 0) info.pageSize = page;
  return info;
}
