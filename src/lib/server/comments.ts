import { randomBytes, randomInt } from 'node:crypto';
import type { DomainContext } from './context';
import type { Store } from './store';
import * as audit from './audit';
import { attempt, Refusal, type Outcome } from './outcome';
import { findQuestionnaire } from './survey/access';
import { SCHEMA_VERSION } from '$lib/model/ids';
import {
	REDACTED,
	REVIEWED_COMMENT_MAX,
	isRedactionOf,
	normaliseCommentText,
	type CommentReview,
	type ReviewSection,
	type ReviewedComment
} from '$lib/model/comment-review';
import type { PublishedFile, CommentsFile } from './store/files';
import type { Round } from '$lib/model/round';
import type { RoundState } from './store/round-state';

/**
 * Open comments after close (DESIGN.md §6): fixed once, when the round closes, in a review file
 * apart from the responses; an admin may only replace passages by "[weggelaten]" or delete a
 * comment, and then publishes the set. Only a published set is shown, only for the whole
 * network, in the random order it was given at close. Redacting and deleting stay possible
 * after publishing (they can only take text away), and apply to what is shown at once.
 */

/** Fisher–Yates with the crypto generator: the order says nothing about who wrote when. */
function shuffle<T>(items: T[]): T[] {
	for (let i = items.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}

/** The submitted responses' comments per section (questionnaire order), each section shuffled. */
function collect(state: RoundState, sectionOrder: string[]): ReviewSection[] {
	const bySection = new Map<string, string[]>();
	for (const r of state.responses.values()) {
		if (r.status !== 'submitted') continue;
		for (const [sectionId, raw] of Object.entries(r.comments)) {
			const text = normaliseCommentText(raw);
			if (!text) continue;
			const texts = bySection.get(sectionId) ?? [];
			texts.push(text);
			bySection.set(sectionId, texts);
		}
	}
	const rank = (id: string) => (sectionOrder.includes(id) ? sectionOrder.indexOf(id) : sectionOrder.length);
	const ids = new Set<string>();
	const newId = () => {
		let id: string;
		do id = randomBytes(6).toString('hex');
		while (ids.has(id));
		ids.add(id);
		return id;
	};
	return [...bySection.keys()]
		.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
		.map((sectionId) => ({
			sectionId,
			comments: shuffle(bySection.get(sectionId)!).map((text) => ({ id: newId(), text }))
		}));
}

const countOf = (review: CommentReview) => review.sections.reduce((n, s) => n + s.comments.length, 0);

const sectionOrderOf = (ctx: DomainContext, round: Round) =>
	findQuestionnaire(ctx.store, round)?.sections.map((s) => s.id) ?? [];

/** True while a round that closed (or is closing) has no review file yet: closeRound must make it. */
export async function awaitsFixing(ctx: DomainContext, roundId: string): Promise<boolean> {
	return (await ctx.store.commentReview(roundId)) === null;
}

/**
 * The closing step (closing.ts): writes the review file from the submitted responses, once; then
 * drops every comment from the stored responses, drafts included (a journal op, which the
 * compaction of the next step folds into the snapshot and its backup). Safe to repeat after a
 * crash anywhere: the review is never made twice, and comments are dropped only once it exists.
 * `fixed` is the number of comments put up for review by this call, null when it made no review.
 */
export async function fixAtClose(
	ctx: DomainContext,
	roundId: string
): Promise<{ fixed: number | null; dropped: boolean }> {
	const round = ctx.store.network().rounds.find((r) => r.id === roundId);
	const state = await ctx.store.round(roundId);
	if (!round || !state) return { fixed: null, dropped: false };
	const order = sectionOrderOf(ctx, round);
	const fixed = await ctx.store.updateCommentReview(roundId, (current) => {
		if (current) return { next: null, result: null };
		const sections = collect(state, order);
		const at = ctx.now().toISOString();
		// Nothing to review: published as it is, so that the dashboard need not say it waits.
		const empty = sections.length === 0;
		const file: CommentsFile = {
			schemaVersion: SCHEMA_VERSION,
			roundId,
			review: { status: empty ? 'published' : 'pending', extractedAt: at, publishedAt: empty ? at : null, sections }
		};
		return { next: file, result: countOf(file.review) };
	});
	const dropped = await ctx.store.transactRound(roundId, (s) => {
		const any = [...s.responses.values()].some((r) => Object.keys(r.comments).length > 0);
		return { ops: any ? [{ t: 'drop-comments' as const }] : [], result: any };
	});
	return { fixed, dropped };
}

/**
 * Sections whose figures the whole network's published cell shows: a comment is shown only
 * where its section's results are (the k rule holds for comments too, DESIGN.md §6).
 */
function releasedSections(published: PublishedFile | null): Set<string> {
	const all = published?.snapshot.cells.find((c) => c.cell.dimension === 'all');
	if (!all || !all.n.released) return new Set();
	return new Set(Object.entries(all.sections).flatMap(([id, s]) => (s.released ? [id] : [])));
}

export type ReviewPage = {
	round: { id: string; name: string; status: Round['status'] };
	/** Null while the round is open (its comments are fixed when it closes). */
	review: {
		status: CommentReview['status'];
		extractedAt: string;
		publishedAt: string | null;
		total: number;
		/** The round's k, for saying why a section's comments stay hidden. */
		k: number | null;
		sections: (ReviewSection & { title: string; shown: boolean })[];
	} | null;
};

/** The review of a round for its admin page; null when there is no such round. */
export async function review(ctx: DomainContext, roundId: string): Promise<ReviewPage | null> {
	const round = ctx.store.network().rounds.find((r) => r.id === roundId);
	if (!round) return null;
	const file = await ctx.store.commentReview(roundId);
	const head = { id: round.id, name: round.name, status: round.status };
	if (!file) return { round: head, review: null };
	const published = await ctx.store.publishedSnapshot(roundId);
	const shown = releasedSections(published);
	const titles = new Map(findQuestionnaire(ctx.store, round)?.sections.map((s) => [s.id, s.title]) ?? []);
	const r = file.review;
	return {
		round: head,
		review: {
			status: r.status,
			extractedAt: r.extractedAt,
			publishedAt: r.publishedAt,
			total: countOf(r),
			k: published?.snapshot.k ?? null,
			sections: r.sections.map((s) => ({
				...s,
				title: titles.get(s.sectionId) ?? s.sectionId,
				shown: shown.has(s.sectionId)
			}))
		}
	};
}

const NO_REVIEW = 'Deze ronde heeft (nog) geen toelichtingen om te beoordelen; ze komen hier als de ronde sluit.';
const GONE = 'Deze toelichting bestaat niet (meer); misschien is ze net verwijderd.';

type Found = { file: CommentsFile; section: ReviewSection; index: number; comment: ReviewedComment };

function find(current: CommentsFile | null, commentId: string): Found {
	if (!current) throw new Refusal({ form: NO_REVIEW });
	for (const section of current.review.sections) {
		const index = section.comments.findIndex((c) => c.id === commentId);
		if (index >= 0) return { file: current, section, index, comment: section.comments[index] };
	}
	throw new Refusal({ form: GONE });
}

/**
 * Saves a redaction: the new text must be the stored text with passages replaced by
 * "[weggelaten]" and nothing else changed (refused with the reason keyed `text`). The file is
 * rewritten so that the earlier text is on disk nowhere, backup included.
 */
export async function redact(
	ctx: DomainContext,
	roundId: string,
	commentId: string,
	text: string
): Promise<Outcome<{ changed: boolean }>> {
	const next = normaliseCommentText(text);
	if (!next)
		return refused({
			text: 'De tekst mag niet leeg zijn. Moet de hele toelichting weg, kies dan ‘Verwijderen’.'
		});
	if (next.length > REVIEWED_COMMENT_MAX)
		return refused({ text: `De tekst is te lang (meer dan ${REVIEWED_COMMENT_MAX} tekens).` });
	return attempt(async () => {
		const sectionId = await ctx.store.updateCommentReview(roundId, (current) => {
			const { file, section, comment } = find(current, commentId);
			if (comment.text === next) return { next: null, result: null };
			if (!isRedactionOf(comment.text, next))
				throw new Refusal({
					text: `Alleen weglaten is toegestaan: vervang een naam of passage door ${REDACTED} en laat de rest van de tekst staan zoals die was.`
				});
			comment.text = next;
			return { next: file, result: section.sectionId };
		});
		if (sectionId === null) return { changed: false };
		await audit.record(ctx, 'comments.redacted', roundId, `toelichting ${commentId} (onderdeel ${sectionId})`);
		return { changed: true };
	});
}

/** Deletes one comment for good (the file keeps no earlier version). */
export async function remove(
	ctx: DomainContext,
	roundId: string,
	commentId: string
): Promise<Outcome<{ sectionId: string }>> {
	return attempt(async () => {
		const sectionId = await ctx.store.updateCommentReview(roundId, (current) => {
			const { file, section, index } = find(current, commentId);
			section.comments.splice(index, 1);
			return { next: file, result: section.sectionId };
		});
		await audit.record(ctx, 'comments.deleted', roundId, `toelichting ${commentId} (onderdeel ${sectionId})`);
		return { sectionId };
	});
}

/** Publishes the reviewed set; publishing again changes nothing. */
export async function publish(ctx: DomainContext, roundId: string): Promise<Outcome<{ published: boolean }>> {
	return attempt(async () => {
		const count = await ctx.store.updateCommentReview(roundId, (current) => {
			if (!current) throw new Refusal({ form: NO_REVIEW });
			if (current.review.status === 'published') return { next: null, result: null };
			current.review.status = 'published';
			current.review.publishedAt = ctx.now().toISOString();
			return { next: current, result: countOf(current.review) };
		});
		if (count === null) return { published: false };
		await audit.record(
			ctx,
			'comments.published',
			roundId,
			`${count} toelichting${count === 1 ? '' : 'en'} gepubliceerd`
		);
		return { published: true };
	});
}

function refused(errors: Record<string, string>): Outcome<never> {
	return { ok: false, errors };
}

/**
 * The comments the whole-network view and the comments export may show, per section in the
 * order fixed at close; sections without a comment, or whose results the whole network's
 * published cell withholds, are left out. Null while the round is not closed or its comments
 * are not published (not yet reviewed).
 */
export async function publishedComments(
	store: Store,
	roundId: string
): Promise<{ sectionId: string; texts: string[] }[] | null> {
	const round = store.network().rounds.find((r) => r.id === roundId);
	if (!round || round.status !== 'closed') return null;
	const file = await store.commentReview(roundId);
	if (!file || file.review.status !== 'published') return null;
	const shown = releasedSections(await store.publishedSnapshot(roundId));
	return file.review.sections
		.filter((s) => s.comments.length > 0 && shown.has(s.sectionId))
		.map((s) => ({ sectionId: s.sectionId, texts: s.comments.map((c) => c.text) }));
}
