import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './ids';
import { roleSchema } from './network';
import { COMMENT_MAX } from './questionnaire';

/**
 * Who answered, as far as analysis needs it: partner, role and bodies, never a name.
 * Copied from the respondent at the first save so that later edits of the respondent list do
 * not rewrite history.
 */
export const profileSchema = z.object({
	partnerId: idSchema,
	role: roleSchema,
	bodyIds: z.array(idSchema)
});
export type Profile = z.infer<typeof profileSchema>;

export const answerValueSchema = z.number().int().min(0).max(11);

/** One invitation's answers ("Survey" so it never shadows the Fetch API's Response). */
export const surveyResponseSchema = z.object({
	id: idSchema,
	roundId: idSchema,
	profile: profileSchema,
	/** Item id → 1..points, or 0 for "weet niet / n.v.t.". Unanswered items are absent. */
	answers: z.record(z.string(), answerValueSchema),
	/** Section id → open comment. */
	comments: z.record(z.string(), z.string().max(COMMENT_MAX)),
	status: z.enum(['draft', 'submitted']),
	/** Index of the step the respondent last reached, to resume there. */
	step: z.number().int().min(0).default(0),
	createdAt: isoDateTimeSchema,
	updatedAt: isoDateTimeSchema,
	submittedAt: isoDateTimeSchema.nullable().default(null)
});
export type SurveyResponse = z.infer<typeof surveyResponseSchema>;

/**
 * A response as a closed round keeps it (DESIGN.md §6): the answers and the status, nothing that
 * could lead back to the invitation or the person — no id, no moments, no step, no profile (the
 * published snapshot holds every figure the dashboards need), no comments (they went to review),
 * and the round's file lists them in random order. The status stays, for participation.
 * Old files' extra fields (a coarsened profile, comments) are dropped when read.
 */
export const closedResponseSchema = z.object({
	answers: z.record(z.string(), answerValueSchema),
	status: z.enum(['draft', 'submitted'])
});
export type ClosedResponse = z.infer<typeof closedResponseSchema>;
