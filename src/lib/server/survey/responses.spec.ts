import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openSurvey, type SurveyContext } from './access';
import { EmptySubmitError, SurveyRefusedError, currentResponse, saveResponse } from './responses';
import { NOW, openFixture, rounds, type Fixture } from './test-fixture';
import type { SurveyPost } from '$lib/model/survey-form';
import type { SurveyResponse } from '$lib/model/response';
import { partnerSchema } from '$lib/model/network';

let fx: Fixture;
let ctx: SurveyContext;
beforeEach(async () => {
	fx = await openFixture();
	const access = await openSurvey(fx.store, fx.tokens.open[0], NOW);
	if (!access.ok) throw new Error(access.refusal.message);
	ctx = access.ctx;
});
afterEach(async () => {
	await fx.close();
});

const post = (
	answers: Record<string, number>,
	comments: Record<string, string> = {},
	step: number | null = 1
): SurveyPost => ({
	answers,
	comments,
	step,
	nav: 'next'
});

/** The round's responses as the files hold them: snapshot, then every journal line. */
async function responsesOnDisk(roundId: string): Promise<Map<string, SurveyResponse>> {
	const out = new Map<string, SurveyResponse>();
	const snap = JSON.parse(await readFile(join(fx.dir, 'rounds', `${roundId}.json`), 'utf8'));
	for (const r of snap.responses) out.set(r.id, r);
	const log = await readFile(join(fx.dir, 'rounds', `${roundId}.log`), 'utf8').catch(() => '');
	for (const line of log.split('\n').filter(Boolean))
		for (const op of JSON.parse(line)) if (op.t === 'response') out.set(op.v.id, op.v);
	return out;
}

describe('saveResponse', () => {
	it('creates one draft with the respondent’s profile, never the name, and links it to the invitation', async () => {
		const saved = await saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 4 }), { now: NOW, resumeAt: 1 });
		expect(saved).toMatchObject({
			status: 'draft',
			step: 1,
			answers: { 'inhoud-gedeeld-doel': 4 },
			profile: { partnerId: 'zwolle', role: 'bestuurlijk', bodyIds: ['po-economie'] }
		});
		expect(JSON.stringify(saved)).not.toContain('Persoon 1');
		const state = await fx.store.round(rounds.open.id);
		expect(state!.invitations.get(ctx.invitation.id)!.responseId).toBe(saved!.id);
		const disk = await responsesOnDisk(rounds.open.id);
		expect([...disk.values()].map((r) => r.id)).toEqual([saved!.id]);
	});

	it('merges steps, keeps earlier answers and clears an emptied comment', async () => {
		await saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 4 }, { inhoud: 'Goed bezig' }), { now: NOW });
		await saveResponse(fx.store, ctx, post({ 'proces-tempo': 0 }, {}, 2), { now: NOW, resumeAt: 2 });
		let r = await currentResponse(fx.store, ctx);
		expect(r!.answers).toEqual({ 'inhoud-gedeeld-doel': 4, 'proces-tempo': 0 });
		expect(r!.comments).toEqual({ inhoud: 'Goed bezig' });
		await saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 2 }, { inhoud: '' }), { now: NOW, resumeAt: 0 });
		r = await currentResponse(fx.store, ctx);
		expect(r!.answers['inhoud-gedeeld-doel']).toBe(2);
		expect(r!.comments).toEqual({});
		expect(r!.step).toBe(0);
	});

	it('stores nothing while nothing was answered', async () => {
		expect(await saveResponse(fx.store, ctx, post({}), { now: NOW, resumeAt: 1 })).toBeNull();
		expect((await fx.store.round(rounds.open.id))!.responses.size).toBe(0);
	});

	it('makes exactly one response from parallel double submits, and the last submit counts', async () => {
		await saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 4 }), { now: NOW });
		const submits = await Promise.all(
			Array.from({ length: 5 }, () =>
				saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 5 }, {}, null), { now: NOW, submit: true })
			)
		);
		expect(new Set(submits.map((r) => r!.id)).size).toBe(1);
		const later = new Date(NOW.getTime() + 60_000);
		const resubmit = await saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 1 }, {}, null), {
			now: later,
			submit: true
		});
		expect(resubmit).toMatchObject({ id: submits[0]!.id, status: 'submitted', submittedAt: later.toISOString() });
		const disk = await responsesOnDisk(rounds.open.id);
		expect(disk.size).toBe(1);
		expect(disk.get(resubmit!.id)!.answers['inhoud-gedeeld-doel']).toBe(1);
	});

	it('writes nothing for an unchanged repeat', async () => {
		await saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 4 }, {}, null), { now: NOW, submit: true });
		const before = await readFile(join(fx.dir, 'rounds', `${rounds.open.id}.log`), 'utf8');
		await saveResponse(fx.store, ctx, post({}, {}, null), { now: new Date(NOW.getTime() + 1000), submit: true });
		expect(await readFile(join(fx.dir, 'rounds', `${rounds.open.id}.log`), 'utf8')).toBe(before);
	});

	it('keeps a submitted response submitted when a step is saved afterwards', async () => {
		await saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 4 }, {}, null), { now: NOW, submit: true });
		const r = await saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 3 }), { now: NOW });
		expect(r).toMatchObject({ status: 'submitted', answers: { 'inhoud-gedeeld-doel': 3 } });
	});

	it('freezes the profile at the first save: later moves of the respondent in the network change nothing', async () => {
		const first = await saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 4 }), { now: NOW });
		const frozen = { partnerId: 'zwolle', role: 'bestuurlijk', bodyIds: ['po-economie'] };
		expect(first!.profile).toEqual(frozen);
		await fx.store.updateNetwork((d) => {
			d.partners.push(
				partnerSchema.parse({
					id: 'kampen',
					name: 'Gemeente Kampen',
					type: 'gemeente',
					helix: 'overheid',
					isCentre: false
				})
			);
			d.bodies.push({ id: 'ao-wonen', name: 'AO Wonen', kind: 'ambtelijk', counterpartId: null });
			const me = d.respondents.find((r) => r.id === ctx.respondent.id)!;
			me.partnerId = 'kampen';
			me.role = 'ambtelijk';
			me.bodyIds = ['ao-wonen'];
		});
		// A fresh open, as the next request would do, so the context really carries the new profile.
		const reopened = await openSurvey(fx.store, fx.tokens.open[0], NOW);
		if (!reopened.ok) throw new Error(reopened.refusal.message);
		expect(reopened.ctx.respondent).toMatchObject({ partnerId: 'kampen', role: 'ambtelijk', bodyIds: ['ao-wonen'] });

		const later = new Date(NOW.getTime() + 60_000);
		const step = await saveResponse(fx.store, reopened.ctx, post({ 'proces-tempo': 2 }, {}, 2), {
			now: later,
			resumeAt: 2
		});
		expect(step!.profile).toEqual(frozen);
		const submitted = await saveResponse(fx.store, reopened.ctx, post({ 'inhoud-gedeeld-doel': 5 }, {}, null), {
			now: later,
			submit: true
		});
		expect(submitted).toMatchObject({ id: first!.id, status: 'submitted', profile: frozen });
		expect((await responsesOnDisk(rounds.open.id)).get(first!.id)!.profile).toEqual(frozen);
	});

	it('refuses an empty submit', async () => {
		await expect(saveResponse(fx.store, ctx, post({}, {}, null), { now: NOW, submit: true })).rejects.toBeInstanceOf(
			EmptySubmitError
		);
	});

	it('refuses with 410 when the round closed after the page was opened, and stores nothing', async () => {
		await saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 4 }), { now: NOW });
		await fx.store.updateNetwork((d) => {
			const r = d.rounds.find((x) => x.id === rounds.open.id)!;
			r.status = 'closed';
			r.closedAt = NOW.toISOString();
		});
		const attempt = saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 1 }), { now: NOW });
		await expect(attempt).rejects.toBeInstanceOf(SurveyRefusedError);
		await expect(attempt).rejects.toMatchObject({ refusal: { status: 410 } });
		expect((await currentResponse(fx.store, ctx))!.answers['inhoud-gedeeld-doel']).toBe(4);
	});

	it('refuses with 410 once the closing time has passed', async () => {
		const after = new Date(Date.parse(rounds.open.closesAt) + 1000);
		await expect(saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 4 }), { now: after })).rejects.toMatchObject(
			{
				refusal: { status: 410 }
			}
		);
	});

	it('keeps the responses of different invitations apart', async () => {
		const other = await openSurvey(fx.store, fx.tokens.open[1], NOW);
		if (!other.ok) throw new Error('fixture');
		await saveResponse(fx.store, ctx, post({ 'inhoud-gedeeld-doel': 4 }), { now: NOW });
		await saveResponse(fx.store, other.ctx, post({ 'inhoud-gedeeld-doel': 2 }), { now: NOW });
		expect((await currentResponse(fx.store, ctx))!.answers['inhoud-gedeeld-doel']).toBe(4);
		expect((await currentResponse(fx.store, other.ctx))!.profile.role).toBe('ambtelijk');
		expect((await fx.store.round(rounds.open.id))!.responses.size).toBe(2);
	});

	it('gives every response its own random id of 64 bits', async () => {
		const ids = new Set<string>();
		for (const token of fx.tokens.open.slice(0, 3)) {
			const access = await openSurvey(fx.store, token, NOW);
			if (!access.ok) throw new Error('fixture');
			ids.add((await saveResponse(fx.store, access.ctx, post({ 'inhoud-gedeeld-doel': 3 }), { now: NOW }))!.id);
		}
		expect([...ids]).toHaveLength(3);
		for (const id of ids) expect(id).toMatch(/^r-[0-9a-f]{16}$/);
	});
});
