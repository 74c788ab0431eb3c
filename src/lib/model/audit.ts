import { z } from 'zod';
import { isoDateTimeSchema } from './ids';

/**
 * One line of the audit log: who did what, when. It names people by account and records by id,
 * never a respondent's name or e-mail (an erasure must leave nothing behind) and never answers.
 */
export const auditEntrySchema = z.object({
	at: isoDateTimeSchema,
	/** The account that did it; null for the server itself (a scheduled erasure, a lockout). */
	actor: z.object({ id: z.string().max(80), email: z.string().max(200) }).nullable(),
	/** A dotted name such as `partner.created`, `respondents.imported`, `login.locked`. */
	action: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/),
	/** The id of what it concerns, when there is one. */
	subject: z.string().max(200).nullable().default(null),
	/** A short Dutch sentence for the log page ("12 toegevoegd, 3 bijgewerkt"). */
	detail: z.string().max(500).default('')
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
