// Loads a kernel log saved next to a dump, for reading without crash or a
// vmlinux: a makedumpfile --dump-dmesg file, a vmcore-dmesg.txt, a kdumpst
// zip blob, a dump (its sibling log), or a dump folder (its newest dump's log).
import { open, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { inspectDump } from '../inspect/dump-info.js';
import { findDumps, type DmesgRef } from '../inspect/find-dumps.js';
import { dmesgEntries, listZip, readZipEntry } from '../inspect/zip-logs.js';
import type { LogRecord } from '../model/log.js';
import type { Oops } from '../model/oops.js';
import { CliError } from '../model/user-error.js';
import { extractOops, parseDmesg } from '../parsers/index.js';

export interface SavedLog {
  /** The file read, or `ZIP : MEMBER` for a zip blob. */
  source: string;
  records: LogRecord[];
  oopses: Oops[];
}

const TEXT_LIMIT = 256 << 20;
const LOOKED_FOR = 'vmcore-dmesg.txt, dmesg.txt, dmesg, dmesg.<stamp> next to a dump, kdumpst logs/*.zip';

async function head(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function isDumpHeader(b: Buffer): boolean {
  const s = b.toString('latin1', 0, 13);
  return s.startsWith('KDUMP   ') || s.startsWith('\x7fELF') || s === 'makedumpfile\0';
}

async function readRef(ref: DmesgRef): Promise<{ source: string; text: string }> {
  if (ref.entry === undefined) {
    const st = await stat(ref.path);
    if (st.size > TEXT_LIMIT) throw new CliError(`log: ${ref.path} is ${st.size} bytes, over the ${TEXT_LIMIT >> 20} MB limit for a log`);
    const data = await readFile(ref.path);
    if (data.subarray(0, 65536).includes(0)) throw new CliError(`log: ${ref.path} is not a text log (it holds NUL bytes)`);
    return { source: ref.path, text: data.toString('utf8') };
  }
  const r = await readZipEntry(ref.path, ref.entry);
  if (!r.ok) throw new CliError(`log: ${ref.path}: ${r.reason}`);
  return { source: `${ref.path} : ${ref.entry}`, text: r.value.toString('utf8') };
}

/** The newest dump's log under a folder, else the newest saved log blob. */
async function logInFolder(dir: string): Promise<DmesgRef> {
  const l = await findDumps([dir]);
  const withLog = l.dumps.find((d) => d.dmesg !== undefined);
  if (withLog?.dmesg) return withLog.dmesg;
  const blob = l.logs[0];
  if (blob) return { path: blob.path, entry: blob.entry };
  throw new CliError(`log: no saved kernel log in ${dir} (looked for ${LOOKED_FOR})`);
}

async function zipRef(path: string): Promise<DmesgRef> {
  const names = await listZip(path);
  if (!names.ok) throw new CliError(`log: ${path}: ${names.reason}`);
  const [entry] = dmesgEntries(names.value);
  if (entry === undefined) throw new CliError(`log: ${path} holds no dmesg* file (it has: ${names.value.join(', ') || 'nothing'})`);
  return { path, entry };
}

async function dumpRef(path: string): Promise<DmesgRef> {
  const info = await inspectDump(path);
  if (info.format === 'unknown') throw new CliError(`log: ${path} is neither a kernel log nor a dump (${info.problem ?? 'unknown format'})`);
  const l = await findDumps([dirname(path)]);
  const d = l.dumps.find((x) => x.path === path);
  if (d?.dmesg) return d.dmesg;
  throw new CliError(`log: ${path} is a dump with no saved dmesg next to it; read its log through crash: kdview VMLINUX ${path}`);
}

/** Where the log of a target (file, zip, dump or folder) is. */
export async function resolveSavedLog(target: string): Promise<DmesgRef> {
  const path = resolve(target);
  const st = await stat(path).catch(() => undefined);
  if (!st) throw new CliError(`log: ${path}: no such file or folder`);
  if (st.isDirectory()) return logInFolder(path);
  if (!st.isFile()) throw new CliError(`log: ${path} is not a file or a folder`);
  const b = await head(path, 16);
  if (b.length === 0) throw new CliError(`log: ${path} is empty`);
  if (b.length >= 4 && b.readUInt32BE(0) === 0x504b0304) return zipRef(path);
  if (isDumpHeader(b)) return dumpRef(path);
  return { path };
}

export async function loadSavedLog(target: string): Promise<SavedLog> {
  const { source, text } = await readRef(await resolveSavedLog(target));
  const records = parseDmesg(text).value;
  const oopses = extractOops(records);
  if (!records.some((r) => r.timestamp !== undefined) && oopses.length === 0)
    throw new CliError(`log: ${source} does not look like a kernel log (no [ seconds ] timestamps, no crash report)`);
  return { source, records, oopses };
}
