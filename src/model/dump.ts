// What a dump file is, from its headers, and where kdump left it: types only.

export type KdumpCompression = 'zlib' | 'lzo' | 'snappy' | 'zstd' | 'none';

export type DumpLayout = 'systemd' | 'kdumpst' | 'kdump-tools' | 'kexec-tools' | 'plain';

export type DumpFormat = 'kdump-compressed' | 'flattened' | 'elf' | 'unknown';

export interface DumpHeaderInfo {
  path: string;
  format: DumpFormat;
  /** For a flattened stream, the format inside it. */
  inner?: 'kdump-compressed' | 'elf' | 'unknown';
  size: number;
  /** ISO time of the crash (VMCOREINFO CRASHTIME, else the dump header's time, else the file's mtime). */
  date: string;
  dateSource: 'crash-time' | 'header' | 'file-mtime';
  release?: string;
  machine?: string;
  buildId?: string;
  hostname?: string;
  compression?: KdumpCompression;
  dumpLevel?: number;
  cpus?: number;
  /** Why the file is not a complete dump (truncated, foreign, unreadable). */
  problem?: string;
}

/** A saved kernel log: a file, or a member of a zip. */
export interface DmesgRef {
  path: string;
  entry?: string;
}

export interface DumpInfo extends DumpHeaderInfo {
  layout: DumpLayout;
  dmesg?: DmesgRef;
  vmlinux?: { path: string; match: 'build-id' | 'release' };
}

export interface SavedLog extends DmesgRef {
  date: string;
  /** Other members of the blob (dmidecode, os-release, ...). */
  extra: string[];
}

export interface DumpListing {
  searched: string[];
  dumps: DumpInfo[];
  logs: SavedLog[];
  /** Folders that could not be read, one line each. */
  problems: string[];
}

