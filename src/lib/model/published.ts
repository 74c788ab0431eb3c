import { z } from 'zod';
import { sectionReliabilitySchema } from './reliability';

/**
 * A closed round's published results: tallies over a fixed set of cells, audited together and
 * frozen at close (DESIGN.md §6). Nothing in here is about one respondent; the store keeps it so
 * that pages and exports read these numbers rather than the responses.
 */

export const cellDimensions = ['all', 'partnerType', 'helix', 'role', 'body', 'centre', 'partner'] as const;
export const cellDimensionSchema = z.enum(cellDimensions);
export type CellDimension = z.infer<typeof cellDimensionSchema>;

export const publishedCellSchema = z.object({
	dimension: cellDimensionSchema,
	/** The model's id (centre: `ja`/`nee`); null only for the whole network. */
	value: z.string().min(1).nullable(),
	label: z.string()
});
export type PublishedCell = z.infer<typeof publishedCellSchema>;

/**
 * `small`: fewer than k people in the cell that the figure describes (everyone for n; those with
 * a level for a section; those who answered with a value or "weet niet" for an item — a count
 * of 1..k−1 for one value, or of those who skipped, is shown);
 * `protects-another`: safe on its own, withheld so that no identifiable group of 1..k−1 (found by
 * adding, subtracting and intersecting cells) has its figure follow from what is shown.
 */
export const withheldReasons = ['small', 'protects-another'] as const;
export const withheldReasonSchema = z.enum(withheldReasons);
export type WithheldReason = z.infer<typeof withheldReasonSchema>;

const count = z.number().int().min(0);
const interval = z.tuple([z.number(), z.number()]);
const withheld = z.object({ released: z.literal(false), reason: withheldReasonSchema });

export const releasedItemSchema = z.discriminatedUnion('released', [
	withheld,
	z.object({
		released: z.literal(true),
		/** Index 0 counts answer 1, as worded (not recoded for critical items). */
		counts: z.array(count),
		dontKnow: count
	})
]);
export type ReleasedItem = z.infer<typeof releasedItemSchema>;

export const releasedSectionSchema = z.discriminatedUnion('released', [
	withheld,
	z.object({
		released: z.literal(true),
		/** Respondents with a level: at least one of the section's items answered on the scale. */
		n: count,
		/** Sum and sum of squares of those levels (recoded means), for mean and SD. */
		sum: z.number(),
		sumSq: z.number(),
		/** "Weet niet" over the section's released items only: a withheld item's must not leak. */
		dontKnow: count,
		itemsWithheld: count,
		/**
		 * Bootstrap 95% intervals (analysis/bootstrap.ts) of the level and of the mean item rwg,
		 * rounded to two decimals; absent in snapshots published before they existed.
		 */
		bootstrap: z.object({ level: interval, meanRwg: interval.nullable() }).optional()
	})
]);
export type ReleasedSection = z.infer<typeof releasedSectionSchema>;

export const cellTalliesSchema = z.object({
	cell: publishedCellSchema,
	n: z.discriminatedUnion('released', [withheld, z.object({ released: z.literal(true), n: count })]),
	sections: z.record(z.string(), releasedSectionSchema),
	items: z.record(z.string(), releasedItemSchema)
});
export type CellTallies = z.infer<typeof cellTalliesSchema>;

export const publishedSnapshotSchema = z
	.object({
		version: z.literal(1),
		k: z.number().int().min(3),
		points: z.number().int().min(3).max(11),
		sectionIds: z.array(z.string()),
		itemIds: z.array(z.string()),
		cells: z.array(cellTalliesSchema),
		/**
		 * Scale reliability per section, over the whole network only and only when its n is
		 * released. Not per cell: per-group covariances are figures the audit above does not model.
		 * Absent in snapshots published before it existed.
		 */
		reliability: z.array(sectionReliabilitySchema).optional()
	})
	.superRefine((s, ctx) => {
		for (const r of s.reliability ?? [])
			if (!s.sectionIds.includes(r.sectionId))
				ctx.addIssue({ code: 'custom', message: `Betrouwbaarheid van onbekend onderdeel ${r.sectionId}` });
		const keys = new Set<string>();
		for (const c of s.cells) {
			const key = publishedCellKey(c.cell);
			if (keys.has(key)) ctx.addIssue({ code: 'custom', message: `Cel ${key} komt twee keer voor` });
			keys.add(key);
			if ((c.cell.value === null) !== (c.cell.dimension === 'all'))
				ctx.addIssue({ code: 'custom', message: `Cel ${key}: alleen het hele netwerk heeft geen waarde` });
			for (const id of s.itemIds) {
				const it = c.items[id];
				if (!it) ctx.addIssue({ code: 'custom', message: `Cel ${key} mist stelling ${id}` });
				else if (it.released && it.counts.length !== s.points)
					ctx.addIssue({ code: 'custom', message: `Cel ${key}, stelling ${id}: ${s.points} aantallen verwacht` });
			}
			for (const id of s.sectionIds)
				if (!c.sections[id]) ctx.addIssue({ code: 'custom', message: `Cel ${key} mist onderdeel ${id}` });
		}
	});
export type PublishedSnapshot = z.infer<typeof publishedSnapshotSchema>;

/** Participation as it stood at close: invitations, per partner type, and responses begun. */
export const publishedParticipationSchema = z.object({
	invited: count,
	invitedByPartnerType: z.record(z.string(), count),
	started: count,
	submitted: count,
	/** Said "ik doe deze keer niet mee" and did not send after all (absent before it existed). */
	declined: count.default(0)
});
export type PublishedParticipation = z.infer<typeof publishedParticipationSchema>;

/** The filter query names a cell this way (`partnerType:onderwijs`, `all`). */
export const publishedCellKey = (c: { dimension: CellDimension; value: string | null }): string =>
	c.value === null ? c.dimension : `${c.dimension}:${c.value}`;
