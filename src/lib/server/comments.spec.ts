import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFixture, rounds, NOW, type Fixture } from './survey/test-fixture';
import { answerRound, filesMentioning } from './closing.test-fixture';
import { closeDueRounds, closeRound, publishRound } from './closing';
import * as comments from './comments';
import { domainContext } from './context';
import { JsonStore } from './store/json-store';
import { seedDemo } from './seed-demo';
import type { SessionUser } from '$lib/model/user';
import { samenwerkingsscan } from '$lib/questionnaires';

const overdue = rounds.overdue.id;
const reviewFile = (roundId: string) => [`rounds/${roundId}.comments.json`, `rounds/${roundId}.comments.json.bak`];

let fx: Fixture;
const job = () => domainContext(fx.store, null, () => NOW);
const admin: SessionUser = { id: 'u-admin', email: 'beheer@regio-test.invalid', role: 'admin', mustEnrolTotp: false };
const asAdmin = () => domainContext(fx.store, admin, () => new Date(NOW.getTime() + 3_600_000));

/** What the i-th respondent wrote: distinct per person and section, with spaces to trim and empty ones to skip. */
const written = (i: number): Record<string, string> => ({
	inhoud: `  Inhoud volgens persoon ${i}: de koers van Jan Jansen ${i} is onduidelijk.\r\n`,
	relatie: i % 3 === 0 ? '   ' : `Relatie ${i}: het vertrouwen groeit.`,
	...(i === 0 ? { governance: '' } : {})
});
const inhoud = (i: number) => `Inhoud volgens persoon ${i}: de koers van Jan Jansen ${i} is onduidelijk.`;

/** Seven submitted responses and three drafts, all with comments, in the overdue round. */
const answerWithComments = () => answerRound(fx.store, overdue, 7, 3, written);

async function reviewOf(roundId: string) {
	const file = await fx.store.commentReview(roundId);
	if (!file) throw new Error(`geen review voor ${roundId}`);
	return file.review;
}
const textsOf = async (roundId: string, sectionId: string) =>
	(await reviewOf(roundId)).sections.find((s) => s.sectionId === sectionId)?.comments.map((c) => c.text) ?? [];
const commentIn = async (roundId: string, text: string) =>
	(await reviewOf(roundId)).sections.flatMap((s) => s.comments).find((c) => c.text === text)!;

async function reopen() {
	await fx.store.close();
	fx.store = await JsonStore.open({ dataDir: fx.dir, log: () => undefined });
}

beforeEach(async () => {
	fx = await openFixture();
});
afterEach(async () => {
	vi.restoreAllMocks();
	await fx.store.close();
	await fx.close();
});

describe('at close', () => {
	it('fixes the submitted responses’ comments, trimmed and non-empty, per section, pending review', async () => {
		await answerWithComments();
		await closeRound(job(), overdue);
		const review = await reviewOf(overdue);
		expect(review.status).toBe('pending');
		expect(review.publishedAt).toBeNull();
		expect(review.extractedAt).toBe(NOW.toISOString());
		// Questionnaire order; governance's only comment was empty, so it has no section.
		expect(review.sections.map((s) => s.sectionId)).toEqual(['inhoud', 'relatie']);
		expect((await textsOf(overdue, 'inhoud')).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map(inhoud).sort());
		expect((await textsOf(overdue, 'relatie')).sort()).toEqual(
			[1, 2, 4, 5].map((i) => `Relatie ${i}: het vertrouwen groeit.`).sort()
		);
		// Drafts' comments are not put up for review.
		expect(await filesMentioning(fx.dir, 'persoon 8:')).toEqual([]);
	});

	it('keeps no response id, profile or moment with a comment, and gives them an order of their own', async () => {
		const made = await answerRound(fx.store, overdue, 12, 0, (i) => ({ inhoud: `Toelichting nummer ${i}.` }));
		await closeRound(job(), overdue);
		const raw = await readFile(join(fx.dir, reviewFile(overdue)[0]), 'utf8');
		for (const r of made) expect(raw).not.toContain(r.id);
		for (const word of ['zwolle', 'bestuurlijk', 'ambtelijk', 'po-economie', 'submittedAt', 'profile'])
			expect(raw).not.toContain(word);
		const review = await reviewOf(overdue);
		const ids = review.sections[0].comments.map((c) => c.id);
		expect(new Set(ids).size).toBe(12);
		for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}$/);
		// Shuffled with crypto randomness: the submission order comes back once in 12! (and so does any given order).
		const order = review.sections[0].comments.map((c) => Number(/\d+/.exec(c.text)![0]));
		expect(order.sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
		expect(review.sections[0].comments.map((c) => c.text)).not.toEqual(made.map((_, i) => `Toelichting nummer ${i}.`));
	});

	it('removes the comments from every stored response, drafts too, in memory and after a restart', async () => {
		await answerWithComments();
		await fx.store.compactRound(overdue); // so the snapshot and its backup held them as well
		await closeRound(job(), overdue);
		// A closed round keeps its responses minimised (closing.ts): answers and status, no comments.
		for (const r of (await fx.store.round(overdue))!.closedResponses) expect(r).not.toHaveProperty('comments');
		await reopen();
		const state = (await fx.store.round(overdue))!;
		expect(state.closedResponses).toHaveLength(10);
		for (const r of state.closedResponses) expect(r).not.toHaveProperty('comments');
		expect(await filesMentioning(fx.dir, inhoud(0))).toEqual(reviewFile(overdue));
	});

	it('leaves a comment’s text in no file but the review (journal, snapshot, backups, published set)', async () => {
		await answerWithComments();
		await fx.store.compactRound(overdue);
		await answerRound(fx.store, overdue, 7, 3, written); // and the journal
		await closeRound(job(), overdue);
		for (const i of [0, 1, 2, 3, 4, 5, 6])
			expect(await filesMentioning(fx.dir, inhoud(i))).toEqual(reviewFile(overdue));
		for (const i of [7, 8, 9]) expect(await filesMentioning(fx.dir, `persoon ${i}:`)).toEqual([]);
	});

	it('says in the audit log how many comments wait for review, and never their text', async () => {
		await answerWithComments();
		await closeRound(job(), overdue);
		const closed = (await fx.store.readAudit()).filter((e) => e.action === 'round.closed');
		expect(closed).toHaveLength(1);
		expect(closed[0].detail).toContain('11 toelichtingen klaargezet voor beoordeling');
		expect(await filesMentioning(fx.dir, 'Jan Jansen')).toEqual(reviewFile(overdue));
	});

	it('publishes a round without comments at once: there is nothing to review', async () => {
		await answerRound(fx.store, overdue, 6, 0);
		await closeRound(job(), overdue);
		const review = await reviewOf(overdue);
		expect(review).toMatchObject({ status: 'published', publishedAt: NOW.toISOString(), sections: [] });
		expect(await comments.publishedComments(fx.store, overdue)).toEqual([]);
	});

	it('is done once: a second close changes nothing', async () => {
		await answerWithComments();
		await closeRound(job(), overdue);
		const first = await reviewOf(overdue);
		const update = vi.spyOn(fx.store, 'updateCommentReview');
		await closeRound(job(), overdue);
		expect(await reviewOf(overdue)).toEqual(first);
		expect(update).toHaveBeenCalledTimes(1); // it looked, and wrote nothing
		expect(await closeDueRounds(job())).toEqual([rounds.closed.id]); // the fixture's other closed round, not this one
	});
});

describe('an interrupted close, finished by the next call', () => {
	async function expectEachCommentOnceAndNowhereElse() {
		const texts = (await textsOf(overdue, 'inhoud')).sort();
		expect(texts).toEqual([0, 1, 2, 3, 4, 5, 6].map(inhoud).sort());
		for (const i of [0, 1, 2, 3, 4, 5, 6])
			expect(await filesMentioning(fx.dir, inhoud(i))).toEqual(reviewFile(overdue));
		for (const r of (await fx.store.round(overdue))!.responses.values()) expect(r.comments).toEqual({});
		expect(fx.store.network().rounds.find((r) => r.id === overdue)!.status).toBe('closed');
	}

	it('a crash while writing the review: nothing fixed, nothing dropped', async () => {
		await answerWithComments();
		vi.spyOn(fx.store, 'updateCommentReview').mockRejectedValueOnce(new Error('crash'));
		await expect(closeRound(job(), overdue)).rejects.toThrow('crash');
		vi.restoreAllMocks();
		expect(await fx.store.commentReview(overdue)).toBeNull();
		expect([...(await fx.store.round(overdue))!.responses.values()][0].comments).not.toEqual({});
		await reopen();
		expect(await closeDueRounds(job())).toContain(overdue);
		await expectEachCommentOnceAndNowhereElse();
	});

	it('a crash after the review was written, before the comments were dropped: not fixed twice', async () => {
		await answerWithComments();
		// The first round transaction is publishing's cut of the links, the second the drop.
		const transact = fx.store.transactRound.bind(fx.store);
		vi.spyOn(fx.store, 'transactRound').mockImplementationOnce(transact).mockRejectedValueOnce(new Error('crash'));
		await expect(closeRound(job(), overdue)).rejects.toThrow('crash');
		vi.restoreAllMocks();
		const first = await reviewOf(overdue);
		await reopen();
		await closeRound(job(), overdue);
		expect(await reviewOf(overdue)).toEqual(first);
		await expectEachCommentOnceAndNowhereElse();
	});

	it('a crash after the drop, before it was folded out of the snapshot and its backup', async () => {
		await answerWithComments();
		await fx.store.compactRound(overdue);
		vi.spyOn(fx.store, 'compactRound').mockRejectedValueOnce(new Error('crash'));
		await expect(closeRound(job(), overdue)).rejects.toThrow('crash');
		vi.restoreAllMocks();
		// The drop is in the journal only; the snapshot still has the text.
		expect(await filesMentioning(fx.dir, inhoud(0))).toContain(`rounds/${overdue}.json`);
		await reopen();
		expect(await closeDueRounds(job())).toContain(overdue);
		await expectEachCommentOnceAndNowhereElse();
	});
});

describe('a round closed before reviews existed', () => {
	it('gets its review file at the next closing run, and its responses lose their comments', async () => {
		const closed = rounds.closed.id;
		await answerRound(fx.store, closed, 6, 0, (i) => ({ proces: `Oud commentaar ${i}.` }));
		await publishRound(job(), closed); // closed and published as before, with no review
		expect(await closeDueRounds(job())).toContain(closed);
		expect((await textsOf(closed, 'proces')).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `Oud commentaar ${i}.`));
		expect(await filesMentioning(fx.dir, 'Oud commentaar 3.')).toEqual(reviewFile(closed));
		// Keeps its own closing moment, and the next run leaves it alone.
		expect(fx.store.network().rounds.find((r) => r.id === closed)!.closedAt).toBe(rounds.closed.closedAt);
		expect(await closeDueRounds(job())).not.toContain(closed);
	});
});

describe('review by an admin', () => {
	beforeEach(async () => {
		await answerWithComments();
		await closeRound(job(), overdue);
	});

	it('shows the review with section titles and whether each section can be shown', async () => {
		const page = (await comments.review(asAdmin(), overdue))!;
		expect(page.round).toEqual({ id: overdue, name: rounds.overdue.name, status: 'closed' });
		expect(page.review).toMatchObject({ status: 'pending', total: 11 });
		const title = (id: string) => samenwerkingsscan.sections.find((s) => s.id === id)!.title;
		expect(page.review!.sections.map((s) => [s.title, s.shown])).toEqual([
			[title('inhoud'), true],
			[title('relatie'), true]
		]);
		expect(await comments.review(asAdmin(), 'bestaat-niet')).toBeNull();
		expect((await comments.review(asAdmin(), rounds.open.id))!.review).toBeNull();
	});

	it('saves a redaction and keeps the original nowhere, not even in the backup', async () => {
		const original = inhoud(3);
		const c = await commentIn(overdue, original);
		const redacted = original.replace('Jan Jansen 3', '[weggelaten]');
		const out = await comments.redact(asAdmin(), overdue, c.id, redacted);
		expect(out).toEqual({ ok: true, value: { changed: true } });
		expect(await textsOf(overdue, 'inhoud')).toContain(redacted);
		expect(await filesMentioning(fx.dir, 'Jan Jansen 3')).toEqual([]);
		await reopen();
		expect(await textsOf(overdue, 'inhoud')).toContain(redacted);
		const log = (await fx.store.readAudit()).filter((e) => e.action === 'comments.redacted');
		expect(log).toEqual([expect.objectContaining({ subject: overdue, actor: { id: admin.id, email: admin.email } })]);
		expect(log[0].detail).not.toContain('weggelaten');
		expect(log[0].detail).toContain(c.id);
	});

	it('refuses anything but passages replaced by [weggelaten], next to the field, and changes nothing', async () => {
		const original = inhoud(2);
		const c = await commentIn(overdue, original);
		const before = await readFile(join(fx.dir, reviewFile(overdue)[0]), 'utf8');
		for (const text of [
			original.replace('onduidelijk', 'helder'),
			`${original} Extra.`,
			original.replace('Jan ', '')
		]) {
			const out = await comments.redact(asAdmin(), overdue, c.id, text);
			expect(out.ok).toBe(false);
			expect(!out.ok && out.errors.text).toMatch(
				/^Alleen weglaten is toegestaan: vervang een naam of passage door \[weggelaten\]/
			);
		}
		const empty = await comments.redact(asAdmin(), overdue, c.id, '  \r\n ');
		expect(!empty.ok && empty.errors.text).toMatch(/mag niet leeg zijn/);
		expect(await readFile(join(fx.dir, reviewFile(overdue)[0]), 'utf8')).toBe(before);
		const gone = await comments.redact(asAdmin(), overdue, 'ffffffffffff', '[weggelaten]');
		expect(!gone.ok && gone.errors.form).toMatch(/bestaat niet/);
		expect((await fx.store.readAudit()).filter((e) => e.action === 'comments.redacted')).toEqual([]);
	});

	it('takes the textarea’s line ends and surrounding spaces as they were stored; an unchanged text is not a change', async () => {
		const c = await commentIn(overdue, inhoud(1));
		expect(await comments.redact(asAdmin(), overdue, c.id, `\r\n${inhoud(1)}  `)).toEqual({
			ok: true,
			value: { changed: false }
		});
		expect((await fx.store.readAudit()).filter((e) => e.action === 'comments.redacted')).toEqual([]);
	});

	it('deletes a comment for good', async () => {
		const c = await commentIn(overdue, inhoud(5));
		expect(await comments.remove(asAdmin(), overdue, c.id)).toEqual({ ok: true, value: { sectionId: 'inhoud' } });
		expect(await textsOf(overdue, 'inhoud')).not.toContain(inhoud(5));
		expect(await filesMentioning(fx.dir, 'Jan Jansen 5')).toEqual([]);
		expect((await comments.remove(asAdmin(), overdue, c.id)).ok).toBe(false);
		const log = (await fx.store.readAudit()).filter((e) => e.action === 'comments.deleted');
		expect(log).toHaveLength(1);
		expect(log[0].detail).not.toContain('Jan');
	});

	it('two changes at once both hold: neither puts back what the other took out', async () => {
		const a = await commentIn(overdue, inhoud(0));
		const b = await commentIn(overdue, inhoud(4));
		await Promise.all([
			comments.redact(asAdmin(), overdue, a.id, inhoud(0).replace('Jan Jansen 0', '[weggelaten]')),
			comments.remove(asAdmin(), overdue, b.id)
		]);
		expect(await filesMentioning(fx.dir, 'Jan Jansen 0')).toEqual([]);
		expect(await filesMentioning(fx.dir, 'Jan Jansen 4')).toEqual([]);
	});

	it('publishes once, with a time; published comments come out per section in their fixed order', async () => {
		expect(await comments.publishedComments(fx.store, overdue)).toBeNull();
		const order = await textsOf(overdue, 'inhoud');
		expect(await comments.publish(asAdmin(), overdue)).toEqual({ ok: true, value: { published: true } });
		const review = await reviewOf(overdue);
		expect(review.status).toBe('published');
		expect(review.publishedAt).toBe(new Date(NOW.getTime() + 3_600_000).toISOString());
		const shown = await comments.publishedComments(fx.store, overdue);
		expect(shown!.map((s) => s.sectionId)).toEqual(['inhoud', 'relatie']);
		expect(shown![0].texts).toEqual(order);
		expect(await comments.publish(asAdmin(), overdue)).toEqual({ ok: true, value: { published: false } });
		expect((await fx.store.readAudit()).filter((e) => e.action === 'comments.published')).toEqual([
			expect.objectContaining({ subject: overdue, detail: '11 toelichtingen gepubliceerd' })
		]);
	});

	it('after publishing, a redaction or deletion still applies, to what is shown at once', async () => {
		await comments.publish(asAdmin(), overdue);
		const c = await commentIn(overdue, inhoud(6));
		await comments.redact(asAdmin(), overdue, c.id, '[weggelaten]');
		const d = await commentIn(overdue, 'Relatie 1: het vertrouwen groeit.');
		await comments.remove(asAdmin(), overdue, d.id);
		const shown = (await comments.publishedComments(fx.store, overdue))!;
		expect(shown[0].texts).toContain('[weggelaten]');
		expect(shown[0].texts).not.toContain(inhoud(6));
		expect(shown[1].texts).not.toContain('Relatie 1: het vertrouwen groeit.');
		expect((await reviewOf(overdue)).status).toBe('published');
	});

	it('refuses to review a round that has no review yet', async () => {
		expect(await comments.publish(asAdmin(), rounds.open.id)).toEqual({
			ok: false,
			errors: { form: expect.stringMatching(/geen toelichtingen om te beoordelen/) }
		});
	});
});

describe('publishedComments', () => {
	it('is null for an open round, and shows nothing of a network smaller than k', async () => {
		expect(await comments.publishedComments(fx.store, rounds.open.id)).toBeNull();
		expect(await comments.publishedComments(fx.store, 'bestaat-niet')).toBeNull();
		await answerRound(fx.store, overdue, 3, 0, written); // k is 5
		await closeRound(job(), overdue);
		await comments.publish(asAdmin(), overdue);
		expect(await comments.publishedComments(fx.store, overdue)).toEqual([]);
		expect((await comments.review(asAdmin(), overdue))!.review!.sections.every((s) => !s.shown)).toBe(true);
	});
});

describe('the demo', () => {
	it('has its closed rounds’ comments fixed: the latest published, an earlier one waiting for review', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'am-comments-demo-'));
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		try {
			await seedDemo(store);
			const closed = store
				.network()
				.rounds.filter((r) => r.status === 'closed')
				.sort((a, b) => b.closesAt.localeCompare(a.closesAt));
			expect(closed.length).toBeGreaterThan(1);
			const statuses = [];
			for (const r of closed) {
				const file = await store.commentReview(r.id);
				expect(file!.review.sections.length).toBeGreaterThan(0);
				statuses.push(file!.review.status);
				for (const resp of (await store.round(r.id))!.responses.values()) expect(resp.comments).toEqual({});
			}
			expect(statuses).toEqual(['published', ...closed.slice(1).map(() => 'pending')]);
			expect((await comments.publishedComments(store, closed[0].id))!.length).toBeGreaterThan(0);
			expect(await comments.publishedComments(store, closed[1].id)).toBeNull();
		} finally {
			await store.close();
			await rm(dir, { recursive: true, force: true });
		}
	});
});
