import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './ids';
import { COMMENT_MAX } from './questionnaire';

/**
 * A closed round's open comments, fixed at close for an admin to review before anything is
 * published (DESIGN.md §6). Per section, in an order unrelated to submission, with nothing that
 * ties a comment to a response, a profile or a moment: only a random id to address it by.
 */

/** What a redacted passage becomes; the only change an admin may make to a comment's text. */
export const REDACTED = '[weggelaten]';

/**
 * A redaction can make a comment longer (a one-letter passage becomes twelve characters), so the
 * limit is that of a comment whose every character was replaced.
 */
export const REVIEWED_COMMENT_MAX = COMMENT_MAX * REDACTED.length;

export const reviewStatuses = ['pending', 'published'] as const;
export const reviewStatusSchema = z.enum(reviewStatuses);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

export const reviewedCommentSchema = z.object({
	id: idSchema,
	text: z.string().min(1).max(REVIEWED_COMMENT_MAX)
});
export type ReviewedComment = z.infer<typeof reviewedCommentSchema>;

export const reviewSectionSchema = z.object({
	sectionId: idSchema,
	comments: z.array(reviewedCommentSchema)
});
export type ReviewSection = z.infer<typeof reviewSectionSchema>;

export const commentReviewSchema = z
	.object({
		status: reviewStatusSchema,
		/** When the comments were taken from the responses: the round's close. */
		extractedAt: isoDateTimeSchema,
		publishedAt: isoDateTimeSchema.nullable(),
		sections: z.array(reviewSectionSchema)
	})
	.superRefine((r, ctx) => {
		if ((r.status === 'published') !== (r.publishedAt !== null))
			ctx.addIssue({ code: 'custom', message: 'Alleen een gepubliceerde set heeft een publicatiemoment' });
		const sections = new Set<string>();
		const ids = new Set<string>();
		for (const s of r.sections) {
			if (sections.has(s.sectionId))
				ctx.addIssue({ code: 'custom', message: `Onderdeel ${s.sectionId} komt twee keer voor` });
			sections.add(s.sectionId);
			for (const c of s.comments) {
				if (ids.has(c.id)) ctx.addIssue({ code: 'custom', message: `Toelichting ${c.id} komt twee keer voor` });
				ids.add(c.id);
			}
		}
	});
export type CommentReview = z.infer<typeof commentReviewSchema>;

/**
 * True when `next` is `previous` with zero or more non-empty passages each replaced by
 * "[weggelaten]", and nothing else changed. Every "[weggelaten]" in `next` stands for a passage:
 * one that was already "[weggelaten]" counts as replaced by itself. The marker has no border
 * (no proper prefix that is also a suffix), so its occurrences never overlap and cannot be made
 * of kept text and a new marker together; matching the kept parts leftmost first then finds a
 * fit whenever one exists.
 */
export function isRedactionOf(previous: string, next: string): boolean {
	const kept = next.split(REDACTED);
	if (kept.length === 1) return next === previous;
	const first = kept[0];
	const last = kept[kept.length - 1];
	if (!previous.startsWith(first)) return false;
	let at = first.length;
	for (const part of kept.slice(1, -1)) {
		// At least one character of `previous` goes into the passage before this part.
		const found = previous.indexOf(part, at + 1);
		if (found <= at) return false; // not found, or an empty part past the end

		at = found + part.length;
	}
	return previous.length - last.length >= at + 1 && previous.endsWith(last);
}

/** A comment's text as the review form posts it: line ends as stored, no space around it. */
export const normaliseCommentText = (text: string) => text.replace(/\r\n?/g, '\n').trim();
