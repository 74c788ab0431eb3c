import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './ids';

export const roundStatuses = ['draft', 'open', 'closed'] as const;
export const roundStatusSchema = z.enum(roundStatuses);
export type RoundStatus = z.infer<typeof roundStatusSchema>;
export const roundStatusLabels: Record<RoundStatus, string> = {
	draft: 'Concept',
	open: 'Open',
	closed: 'Gesloten'
};

export const roundSchema = z.object({
	id: idSchema,
	name: z.string().min(1).max(200),
	questionnaireId: idSchema,
	questionnaireVersion: z.number().int().min(1),
	status: roundStatusSchema,
	opensAt: isoDateTimeSchema,
	closesAt: isoDateTimeSchema,
	createdAt: isoDateTimeSchema,
	closedAt: isoDateTimeSchema.nullable().default(null),
	/**
	 * When closing last minimised the round's stored responses (closing.ts); null while open, and
	 * for a round closed before that step existed or changed since (an erasure), which the close
	 * job then finishes.
	 */
	minimisedAt: isoDateTimeSchema.nullable().default(null)
});
export type Round = z.infer<typeof roundSchema>;

/**
 * Who was invited (kept apart from what they answered). `responseId` is the only link to the
 * answers and is cut when the round closes (DESIGN.md §6).
 */
export const invitationSchema = z.object({
	id: idSchema,
	roundId: idSchema,
	respondentId: idSchema,
	/** SHA-256 of the secret in the survey link; the secret itself is never stored. */
	tokenHash: z.string().regex(/^[a-f0-9]{64}$/),
	createdAt: isoDateTimeSchema,
	responseId: idSchema.nullable().default(null)
});
export type Invitation = z.infer<typeof invitationSchema>;
