import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSurvey } from './access';
import { closeRound } from '../closing';
import { samenwerkingsscan } from '$lib/questionnaires';
import { domainContext } from '../context';
import { NOW, openFixture, rounds, type Fixture } from './test-fixture';

let fx: Fixture;
beforeEach(async () => {
	fx = await openFixture();
});
afterEach(async () => {
	await fx.close();
});

describe('openSurvey', () => {
	it('opens a valid link with the respondent’s partner, role and questionnaire', async () => {
		const access = await openSurvey(fx.store, fx.tokens.open[0], NOW);
		if (!access.ok) throw new Error(access.refusal.message);
		expect(access.ctx.round.id).toBe(rounds.open.id);
		expect(access.ctx.partner?.name).toBe('Gemeente Zwolle');
		expect(access.ctx.respondent.role).toBe('bestuurlijk');
		expect(access.ctx.questionnaire.sections).toHaveLength(5);
	});

	it.each([
		['garbage', 'not-a-token'],
		['an unknown round', 'bestaat-niet.AAAAAAAAAAAAAAAAAAAAAAAA'],
		['an unknown secret in a known round', `${rounds.open.id}.AAAAAAAAAAAAAAAAAAAAAAAA`]
	])('refuses %s with 404 and names whom to contact', async (_, token) => {
		const access = await openSurvey(fx.store, token, NOW);
		expect(access.ok).toBe(false);
		if (access.ok) return;
		expect(access.refusal.status).toBe(404);
		expect(access.refusal.message).toBe('Deze link werkt niet (meer)');
		expect(access.refusal.detail).toContain('team@regio-test.invalid');
	});

	it('refuses a valid token whose secret belongs to another round', async () => {
		const secret = fx.tokens.other[0].split('.')[1];
		const access = await openSurvey(fx.store, `${rounds.open.id}.${secret}`, NOW);
		expect(access.ok ? 200 : access.refusal.status).toBe(404);
	});

	it('answers a closed round with 410 and a friendly explanation', async () => {
		const access = await openSurvey(fx.store, fx.tokens.closed[0], NOW);
		if (access.ok) throw new Error('expected a refusal');
		expect(access.refusal.status).toBe(410);
		expect(access.refusal.message).toBe('Deze meetronde is gesloten');
		expect(access.refusal.detail).toMatch(/niet meer invullen/);
	});

	it('adds the closed round’s published network results, and never anyone’s own answers', async () => {
		const before = await openSurvey(fx.store, fx.tokens.closed[0], NOW);
		expect(before.ok || before.refusal.results).toBeUndefined();
		const answers = Object.fromEntries(samenwerkingsscan.sections.flatMap((s) => s.items.map((i) => [i.id, 4])));
		const at = rounds.closed.opensAt;
		await fx.store.transactRound(rounds.closed.id, () => ({
			ops: fx.store
				.network()
				.respondents.slice(0, 6)
				.map((r, i) => ({
					t: 'response' as const,
					v: {
						id: `antwoord-${i}`,
						roundId: rounds.closed.id,
						profile: { partnerId: r.partnerId, role: r.role, bodyIds: r.bodyIds },
						answers,
						comments: {},
						status: 'submitted' as const,
						step: 5,
						createdAt: at,
						updatedAt: at,
						submittedAt: at
					}
				})),
			result: null
		}));
		await closeRound(
			domainContext(fx.store, null, () => NOW),
			rounds.closed.id
		);
		const access = await openSurvey(fx.store, fx.tokens.closed[0], NOW);
		if (access.ok) throw new Error('expected a refusal');
		expect(access.refusal.status).toBe(410);
		const results = access.refusal.results!;
		expect(results.referenceRound).toBe(rounds.closed.name);
		expect(results.sections).toHaveLength(5);
		const items = results.sections.flatMap((s) => s.items);
		expect(items.every((i) => i.own === null)).toBe(true);
		expect(items[0].others).toEqual({ n: 6, disagree: 0, neutral: 0, agree: 100 });
	});

	it('treats a round past its closing time as closed, even while marked open', async () => {
		const access = await openSurvey(fx.store, fx.tokens.overdue[0], NOW);
		expect(access.ok ? 200 : access.refusal.status).toBe(410);
	});

	it('says when a round that is not open yet opens', async () => {
		const access = await openSurvey(fx.store, fx.tokens.upcoming[0], NOW);
		if (access.ok) throw new Error('expected a refusal');
		expect(access.refusal.status).toBe(403);
		expect(access.refusal.message).toBe('Deze vragenlijst is nog niet geopend');
		expect(access.refusal.detail).toMatch(/opent op \w+dag 14 januari 2027 om \d\d:\d\d uur/);
	});

	it('refuses a link whose respondent was removed', async () => {
		await fx.store.updateNetwork((d) => void (d.respondents = d.respondents.filter((r) => r.id !== 'zwolle-1')));
		const access = await openSurvey(fx.store, fx.tokens.open[0], NOW);
		expect(access.ok ? 200 : access.refusal.status).toBe(404);
	});
});
