import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './ids';
import { partnerTypeSchema, roleSchema } from './network';
import { roundMailSchema } from './mail-texts';

export const roundStatuses = ['draft', 'open', 'closed'] as const;
export const roundStatusSchema = z.enum(roundStatuses);
export type RoundStatus = z.infer<typeof roundStatusSchema>;
export const roundStatusLabels: Record<RoundStatus, string> = {
	draft: 'Concept',
	open: 'Open',
	closed: 'Gesloten'
};

/**
 * Who a round invites, kept as a rule rather than a list, so that people who join it while the
 * round is open are invited too: every active person of a partner that is not archived,
 * narrowed by each list that is not empty. Partner types and partners both pick organisations
 * (either one will do); role and bodies narrow further. All lists empty: everyone active.
 */
export const selectionSchema = z.object({
	partnerTypes: z.array(partnerTypeSchema).default([]),
	partnerIds: z.array(idSchema).default([]),
	roles: z.array(roleSchema).default([]),
	bodyIds: z.array(idSchema).default([])
});
export type Selection = z.infer<typeof selectionSchema>;
export const everyone = (): Selection => ({ partnerTypes: [], partnerIds: [], roles: [], bodyIds: [] });
export const isEveryone = (s: Selection | undefined) =>
	!s || s.partnerTypes.length + s.partnerIds.length + s.roles.length + s.bodyIds.length === 0;

export const WELCOME_MAX = 4000;

export const roundSchema = z.object({
	id: idSchema,
	name: z.string().min(1).max(200),
	questionnaireId: idSchema,
	questionnaireVersion: z.number().int().min(1),
	/**
	 * Who is invited. Absent in rounds made without a rule (the demo's, rounds seeded by tests,
	 * rounds from before it was kept): they keep the invitations they were given, and nobody is
	 * added while they are open; a draft without one invites everyone active when it opens.
	 */
	selection: selectionSchema.optional(),
	/** Shown on the survey's welcome page, as plain text; absent means none. */
	welcomeText: z.string().max(WELCOME_MAX).optional(),
	/** The invitation and reminder e-mails (mail-texts.ts); absent: the defaults. */
	mail: roundMailSchema.optional(),
	/**
	 * The k the round opened with, frozen then: respondents were promised it, so a later change of
	 * the network's k does not rewrite it. Absent until the round opens (and for rounds opened
	 * before it was kept), when the network's k applies.
	 */
	k: z.number().int().min(3).max(50).optional(),
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
	minimisedAt: isoDateTimeSchema.nullable().default(null),
	/**
	 * When the round came in from another installation's archive (ronde.json): it arrived closed,
	 * published and minimised, without invitations, so the close job leaves it alone. Absent for
	 * rounds run here.
	 */
	importedAt: isoDateTimeSchema.optional()
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
	responseId: idSchema.nullable().default(null),
	/**
	 * When the person said "ik doe deze keer niet mee" (from the link in an e-mail): no more
	 * reminders, and counted as declined unless they send after all. Cleared at close with the links.
	 */
	declinedAt: isoDateTimeSchema.nullable().default(null)
});
export type Invitation = z.infer<typeof invitationSchema>;
