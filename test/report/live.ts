// Helpers for the report tests against the real crash and the shared dumps.
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportIo } from '../../src/cli/report-command.js';

export interface Captured extends ReportIo {
  out: () => string;
  err: () => string;
}

export function capture(): Captured {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    out: () => out,
    err: () => err,
  };
}

/** A temp folder with a private link to the dump (its name is the marker for the leftover-process check). */
export function privateLink(dump: string, prefix: string): { tmp: string; link: string; marker: string } {
  const tmp = mkdtempSync(join(tmpdir(), `kdview-${prefix}-`));
  const marker = `m${process.pid}x${Date.now().toString(36)}`;
  mkdirSync(join(tmp, marker));
  const link = join(tmp, marker, 'vmcore');
  symlinkSync(dump, link);
  return { tmp, link, marker };
}
