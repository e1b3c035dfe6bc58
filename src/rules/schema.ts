// A known-issue rule: what it says (id, summary, link, fixedIn, advice) and
// when it applies (every condition given must hold). Rule files are YAML:
// `rules:` followed by a list of rules.
import { z } from 'zod';

function validRegex(s: string): boolean {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
}

const regex = z.string().min(1).refine(validRegex, { message: 'not a valid regular expression' });
const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (typeof v === 'string' ? [v] : v));
const range = z
  .object({ from: z.string().min(1).optional(), before: z.string().min(1).optional() })
  .strict()
  .refine((r) => r.from !== undefined || r.before !== undefined, { message: 'give from, before or both' });

export const MatchSchema = z
  .object({
    /** Regex on the crash titles (the signature title, every oops title, the panic message). */
    title: regex.optional(),
    /** Regex on the kernel log text (multiline: ^ and $ match at each line). */
    log: regex.optional(),
    /** Oops kinds/types, any of them (bug, null-deref, gpf, warning, hung-task, kasan, ...). */
    type: oneOrMany.optional(),
    /** The culprit function, any of them (exact name, compiler suffixes ignored). */
    function: oneOrMany.optional(),
    /** The culprit's module, any of them. */
    module: oneOrMany.optional(),
    /** These functions in this order (not necessarily adjacent) in the crashing stack. */
    frames: z.array(z.string().min(1)).min(1).optional(),
    /** Kernel release range: from (inclusive), before (exclusive), in kernel version order. */
    release: range.optional(),
    /** Taint letters that must all be set ("" matches an untainted kernel only). */
    taint: z.string().regex(/^[A-Z]*$/, 'taint letters, e.g. "OE"').optional(),
    /** Why the dump happened (panic_on_oops, hung_task_panic, sysrq, ...), any of them. */
    trigger: oneOrMany.optional(),
    /** Regex on the backend's start-up warnings (crash's "not found in PID hash"). */
    warning: regex.optional(),
    /** The backend and a version range of it. */
    backend: z.object({ name: z.enum(['crash', 'drgn']), from: z.string().optional(), before: z.string().optional() }).strict().optional(),
  })
  .strict()
  .refine((m) => Object.keys(m).length > 0, { message: 'a rule needs at least one condition' });
export type Match = z.infer<typeof MatchSchema>;

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-"'),
    summary: z.string().min(1),
    /** The public source that documents the issue (fix commit, bug report, release notes). */
    link: z.url(),
    /** More public sources. */
    sources: z.array(z.url()).optional(),
    /** The commit or release that fixed it. */
    fixedIn: z.string().min(1).optional(),
    advice: z.string().min(1).optional(),
    match: MatchSchema,
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

export const RuleFileSchema = z.object({ rules: z.array(RuleSchema).min(1) }).strict();

/** A rule with where it came from. */
export interface LoadedRule extends Rule {
  file: string;
  line: number;
}
