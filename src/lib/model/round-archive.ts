import { z } from 'zod';
import { SCHEMA_VERSION, idSchema, isoDateTimeSchema } from './ids';
import { partnerSchema } from './network';
import { roundSchema } from './round';
import { questionnaireSchema } from './questionnaire';
import { answerValueSchema } from './response';
import { publishedParticipationSchema, publishedSnapshotSchema } from './published';
import { REVIEWED_COMMENT_MAX } from './comment-review';

/**
 * `ronde.json`: a closed round as one file (exports/service.ts `archiveJson`), and what an
 * installation reads back (exports/archive-import.ts). Everything the round's dashboard reads,
 * nothing about a person: the published tallies, the kept answers without profile, the comments
 * as published, and the few partners the dashboard names (the centre municipality).
 */
export const ARCHIVE_FORMAT = 'alliantiemonitor-ronde';
/** 2 added `labels` and `comments`; a version-1 file imports without them. */
export const ARCHIVE_VERSION = 2;

/** A partner as the dashboard reads it: name, type, helix and whether it is the centre. No contact. */
export const archivedPartnerSchema = partnerSchema.pick({
	id: true,
	name: true,
	type: true,
	helix: true,
	isCentre: true
});
export type ArchivedPartner = z.infer<typeof archivedPartnerSchema>;

export const archivedCommentsSchema = z.array(
	z.object({
		sectionId: idSchema,
		texts: z.array(z.string().min(1).max(REVIEWED_COMMENT_MAX))
	})
);

export const roundArchiveSchema = z.object({
	format: z.literal(ARCHIVE_FORMAT),
	version: z.union([z.literal(1), z.literal(ARCHIVE_VERSION)]),
	exportedAt: isoDateTimeSchema,
	round: roundSchema,
	questionnaire: questionnaireSchema,
	/** The round's published file as stored, of this or an earlier layout version. */
	published: z.object({
		schemaVersion: z.number().int().min(1).max(SCHEMA_VERSION),
		roundId: idSchema,
		publishedAt: isoDateTimeSchema,
		snapshot: publishedSnapshotSchema,
		participation: publishedParticipationSchema.optional()
	}),
	/** One per submitted response: item id → 1..points, 0 = weet niet; unanswered items absent. */
	responses: z.array(z.record(z.string(), answerValueSchema)),
	labels: z.object({ partners: z.array(archivedPartnerSchema) }).default({ partners: [] }),
	/** The comments as the whole-network dashboard showed them; null when they were not published. */
	comments: archivedCommentsSchema.nullable().default(null)
});
export type RoundArchive = z.infer<typeof roundArchiveSchema>;
/** What an export writes (defaults not yet applied). */
export type RoundArchiveInput = z.input<typeof roundArchiveSchema>;
