// Report <-> JSON. Rendering validates against the schema first, so a report
// that does not match its documented shape is never written.
import { z } from 'zod';
import { ReportSchema, type Report } from './model.js';

export function renderJson(r: Report): string {
  return `${JSON.stringify(ReportSchema.parse(r), null, 2)}\n`;
}

/** A report read back from JSON text, or the reason it is not one. */
export function parseReportJson(text: string): { ok: true; report: Report } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not JSON: ${(err as Error).message}` };
  }
  const r = ReportSchema.safeParse(value);
  if (r.success) return { ok: true, report: r.data };
  const first = r.error.issues[0];
  return { ok: false, error: first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid report' };
}

/** The report's JSON Schema (draft 2020-12), generated from the zod schema. */
export function reportJsonSchema(): unknown {
  return z.toJSONSchema(ReportSchema);
}
