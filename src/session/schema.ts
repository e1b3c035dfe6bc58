// The session file format (JSON Lines): a header line, an optional start-up
// line, then one line per finished exchange. One zod schema per record type
// gives both the validator and the TypeScript type.
import { z } from 'zod';

export const SESSION_FORMAT = 'kdview-session';
export const SESSION_VERSION = 1;

const isoTime = z.iso.datetime({ offset: true });

export const FileRefSchema = z.object({
  path: z.string().min(1),
  size: z.number().int().nonnegative(),
  mtime: isoTime,
});
export type FileRef = z.infer<typeof FileRefSchema>;

export const SessionHeaderSchema = z.object({
  type: z.literal('header'),
  format: z.literal(SESSION_FORMAT),
  version: z.literal(SESSION_VERSION),
  /** 12 random hex digits. */
  id: z.string().regex(/^[0-9a-f]{12}$/),
  kdview: z.string(),
  backend: z.enum(['crash', 'drgn']),
  backendVersion: z.string().nullable(),
  vmlinux: FileRefSchema.nullable(),
  dump: FileRefSchema,
  release: z.string().nullable(),
  hostname: z.string(),
  startedAt: isoTime,
  command: z.enum(['tui', 'batch', 'report']),
});
export type SessionHeader = z.infer<typeof SessionHeaderSchema>;

export const StartupRecordSchema = z.object({
  type: z.literal('startup'),
  /** crash's cleaned start-up text. */
  text: z.string(),
  warnings: z.array(z.string()),
  ms: z.number().nonnegative(),
});
export type StartupRecord = z.infer<typeof StartupRecordSchema>;

export const ExchangeRecordSchema = z.object({
  type: z.literal('exchange'),
  seq: z.number().int().positive(),
  command: z.string(),
  output: z.string(),
  startedAt: isoTime,
  ms: z.number().nonnegative(),
  status: z.enum(['ok', 'error', 'timeout', 'cancelled']),
  error: z.string().optional(),
});
export type ExchangeRecord = z.infer<typeof ExchangeRecordSchema>;

/** The version of a line that claims to be a kdview session header, if any. */
export function claimedVersion(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  return v.type === 'header' && v.format === SESSION_FORMAT && typeof v.version === 'number' ? v.version : undefined;
}

/** A zod error as one short line: `dump.size: expected number`. */
export function issueText(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return `${where}${first.message}`;
}
