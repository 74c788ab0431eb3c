import { z } from 'zod';

/**
 * How well a section's items hang together as one scale, computed at close over the whole
 * network (analysis/reliability.ts) and kept in the published snapshot beside the tallies.
 */

/**
 * Why a coefficient is absent: the section's whole-network figures are withheld (fewer than k
 * with a level), fewer complete answers than the minimum (listwise), too few items
 * (alpha needs two, omega three: with two items a one-factor model has more unknowns than
 * covariances), no spread to relate, or the factor estimate did not settle.
 */
export const reliabilityGaps = [
	'withheld',
	'too-few-complete',
	'too-few-items',
	'no-variance',
	'not-converged'
] as const;
export const reliabilityGapSchema = z.enum(reliabilityGaps);
export type ReliabilityGap = z.infer<typeof reliabilityGapSchema>;

const correlation = z.number().min(-1).max(1).nullable();

export const itemReliabilitySchema = z.object({
	itemId: z.string().min(1),
	reversed: z.boolean(),
	/** Pearson r of the recoded item with the sum of the section's other recoded items. */
	itemRest: correlation,
	/** Critically worded items only (else null): the raw answer's r with that same rest; should be negative. */
	rawRest: correlation
});
export type ItemReliability = z.infer<typeof itemReliabilitySchema>;

export const sectionReliabilitySchema = z.object({
	sectionId: z.string().min(1),
	/**
	 * Respondents who answered every item of the section on the scale: the n every figure here
	 * uses. Null when withheld: not stated for a section whose own figures are not shown.
	 */
	n: z.number().int().min(0).nullable(),
	/** At most 1; negative when the items work against each other. */
	alpha: z.number().max(1).nullable(),
	alphaGap: reliabilityGapSchema.nullable(),
	omega: z.number().min(0).max(1).nullable(),
	omegaGap: reliabilityGapSchema.nullable(),
	items: z.array(itemReliabilitySchema)
});
export type SectionReliability = z.infer<typeof sectionReliabilitySchema>;
