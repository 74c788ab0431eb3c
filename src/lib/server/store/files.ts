import { z } from 'zod';
import { SCHEMA_VERSION, idSchema, isoDateTimeSchema } from '$lib/model/ids';
import { bodySchema, networkSchema, partnerSchema, respondentSchema } from '$lib/model/network';
import { questionnaireSchema } from '$lib/model/questionnaire';
import { invitationSchema, roundSchema } from '$lib/model/round';
import { outboxMessageSchema, waveSchema } from '$lib/model/outbox';
import { closedResponseSchema, surveyResponseSchema } from '$lib/model/response';
import { accountGuardSchema, sessionSchema, trustedDeviceSchema, userSchema } from '$lib/model/user';
import { publishedParticipationSchema, publishedSnapshotSchema } from '$lib/model/published';
import { commentReviewSchema } from '$lib/model/comment-review';
import { migrate } from './migrations';

/** network.json: everything but the answers, small and rarely written. */
export const networkFileSchema = z.object({
	schemaVersion: z.literal(SCHEMA_VERSION),
	network: networkSchema.nullable(),
	partners: z.array(partnerSchema),
	bodies: z.array(bodySchema),
	respondents: z.array(respondentSchema),
	questionnaires: z.array(questionnaireSchema),
	rounds: z.array(roundSchema),
	users: z.array(userSchema)
});
export type NetworkFile = z.infer<typeof networkFileSchema>;

export const emptyNetworkFile = (): NetworkFile => ({
	schemaVersion: SCHEMA_VERSION,
	network: null,
	partners: [],
	bodies: [],
	respondents: [],
	questionnaires: [],
	rounds: [],
	users: []
});

/**
 * sessions.json: apart, so that logins and activity do not rewrite the network file. It also
 * holds the login guard's per-account state, which must survive a restart (an attacker must not
 * get a fresh allowance by waiting for one).
 */
export const sessionsFileSchema = z.object({
	schemaVersion: z.literal(SCHEMA_VERSION),
	sessions: z.array(sessionSchema),
	devices: z.array(trustedDeviceSchema).default([]),
	accountGuards: z.array(accountGuardSchema).default([])
});
export type SessionsFile = z.infer<typeof sessionsFileSchema>;

export const emptySessionsFile = (): SessionsFile => ({
	schemaVersion: SCHEMA_VERSION,
	sessions: [],
	devices: [],
	accountGuards: []
});

/**
 * rounds/<id>.json: snapshot of one round's invitations and responses. Once the round has closed,
 * `responses` is empty and `closedResponses` holds them as closing left them (answers and
 * status only: no profile, no ids, no moments, random order; see closing.ts).
 */
export const roundFileSchema = z.object({
	schemaVersion: z.literal(SCHEMA_VERSION),
	roundId: idSchema,
	invitations: z.array(invitationSchema),
	responses: z.array(surveyResponseSchema),
	closedResponses: z.array(closedResponseSchema).default([]),
	/** The e-mail outbox (model/outbox.ts): sending actions and their messages. */
	waves: z.array(waveSchema).default([]),
	outbox: z.array(outboxMessageSchema).default([])
});
export type RoundFile = z.infer<typeof roundFileSchema>;
/** What a caller hands to `replaceRound`: an open round's file needs no `closedResponses`. */
export type RoundFileInput = z.input<typeof roundFileSchema>;

/**
 * rounds/<id>.published.json: a closed round's audited, frozen results (DESIGN.md §6), written
 * once at close and never overwritten. Counts and sums only; nothing here is about one person.
 */
export const publishedFileSchema = z.object({
	schemaVersion: z.literal(SCHEMA_VERSION),
	roundId: idSchema,
	publishedAt: isoDateTimeSchema,
	snapshot: publishedSnapshotSchema,
	/**
	 * Who was invited and who started, frozen at close so that later edits of the respondent list
	 * (or erasure at the end of the retention period) do not rewrite the round's response figures.
	 * Absent in files written before it existed; then they are counted from the round's file.
	 */
	participation: publishedParticipationSchema.optional()
});
export type PublishedFile = z.infer<typeof publishedFileSchema>;

/**
 * rounds/<id>.comments.json: a closed round's open comments, fixed at close and reviewed by an
 * admin before they are published (DESIGN.md §6). Unlike every other file it is rewritten so
 * that no earlier version stays behind, not even as `.bak`: a redaction must not keep the
 * original text.
 */
export const commentsFileSchema = z.object({
	schemaVersion: z.literal(SCHEMA_VERSION),
	roundId: idSchema,
	review: commentReviewSchema
});
export type CommentsFile = z.infer<typeof commentsFileSchema>;

/** One change to a round, as stored in rounds/<id>.log. Replaying a prefix twice is harmless. */
export const roundOpSchema = z.discriminatedUnion('t', [
	z.object({ t: z.literal('invitation'), v: invitationSchema }),
	z.object({ t: z.literal('response'), v: surveyResponseSchema }),
	z.object({ t: z.literal('delete-response'), id: idSchema }),
	z.object({ t: z.literal('delete-invitation'), id: idSchema }),
	/**
	 * At close: no invitation keeps its response id, nor whether it declined, and the outbox's
	 * messages (they told who had not answered by when) give way to each wave's totals.
	 */
	z.object({ t: z.literal('cut-links') }),
	z.object({ t: z.literal('wave'), v: waveSchema }),
	z.object({ t: z.literal('message'), v: outboxMessageSchema }),
	/** At close, once the comments are in the review file: no stored response keeps its comments. */
	z.object({ t: z.literal('drop-comments') }),
	/** At close: every response gives way to these (all of the round's, old and new). */
	z.object({ t: z.literal('minimise'), v: z.array(closedResponseSchema) })
]);
export type RoundOp = z.infer<typeof roundOpSchema>;

/** A journal line: the ops of one acknowledged change, applied all or not at all. */
export const journalEntrySchema = z.array(roundOpSchema).min(1);
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export const parseNetworkFile = (raw: unknown) => networkFileSchema.parse(migrate('network', raw));
export const parseSessionsFile = (raw: unknown) => sessionsFileSchema.parse(migrate('sessions', raw));
export const parseRoundFile = (raw: unknown) => roundFileSchema.parse(migrate('round', raw));
export const parsePublishedFile = (raw: unknown) => publishedFileSchema.parse(migrate('published', raw));
export const parseCommentsFile = (raw: unknown) => commentsFileSchema.parse(migrate('comments', raw));
