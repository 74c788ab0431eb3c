import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOW, openRespondentsFixture, type RespondentsFixture } from './respondents.test-fixture';
import { createRound, deleteDraft, likePrevious, updateDraft } from './round-drafts';
import { closeNow, extendClosing, openDueRounds, openRound } from './round-lifecycle';
import { inviteJoiners } from './invitations';
import * as respondents from './respondents';
import { openSurvey } from './survey/access';
import { saveResponse } from './survey/responses';
import { obtainLink } from './links';
import { roundOverview } from './round-overview';
import { emptyRoundForm, parseRoundForm, type RoundFormValues } from '$lib/model/round-forms';
import { surveyToken } from './tokens';
import { linkKey } from './link-key';
import { sha256 } from './tokens';
import { domainContext } from './context';
import type { Selection } from '$lib/model/round';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const later = (ms: number) => new Date(NOW.getTime() + ms);

let fx: RespondentsFixture;
beforeEach(async () => {
	fx = await openRespondentsFixture();
	// Zwolle: two administrators (one in PO Economie), one civil servant, one inactive; Windesheim: one
	// civil servant; the archived partner: one.
	await fx.seed([
		{ id: 'anne', name: 'Anne', partnerId: 'zwolle', role: 'bestuurlijk', bodyIds: ['po-economie'] },
		{ id: 'bram', name: 'Bram', partnerId: 'zwolle', role: 'bestuurlijk' },
		{ id: 'cor', name: 'Cor', partnerId: 'zwolle', role: 'ambtelijk' },
		{ id: 'dina', name: 'Dina', partnerId: 'zwolle', role: 'ambtelijk', active: false },
		{ id: 'eva', name: 'Eva', partnerId: 'windesheim', role: 'ambtelijk', bodyIds: ['ao-economie'] },
		{ id: 'fons', name: 'Fons', partnerId: 'oud', role: 'ambtelijk' }
	]);
});
afterEach(async () => {
	await fx.close();
});

const values = (v: Partial<RoundFormValues> = {}): RoundFormValues => ({
	...emptyRoundForm(),
	name: 'Najaar 2026',
	questionnaire: 'samenwerkingsscan@1',
	// NOW is 15 November 2026, 10:00 UTC (11:00 in Amsterdam).
	opensAt: '2026-11-16T09:00',
	closesAt: '2026-12-14T17:00',
	...v
});

async function draft(v: Partial<RoundFormValues> = {}, at = NOW) {
	const parsed = parseRoundForm(values(v), at);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	const out = await createRound(fx.ctx(at), parsed.input);
	if (!out.ok) throw new Error(JSON.stringify(out.errors));
	return out.value;
}

const invitees = async (roundId: string) =>
	[...((await fx.store.round(roundId))?.invitations.values() ?? [])].map((i) => i.respondentId).sort();
const auditActions = async () => (await fx.store.readAudit()).map((e) => e.action);

describe('creating and changing a draft', () => {
	it('makes a draft with an id from its name, a second one with the same name gets its own', async () => {
		const a = await draft();
		const b = await draft();
		expect([a.id, b.id]).toEqual(['najaar-2026', 'najaar-2026-2']);
		expect(a).toMatchObject({ status: 'draft', opensAt: '2026-11-16T08:00:00.000Z' });
		expect(a.k).toBeUndefined();
		expect(await invitees(a.id)).toEqual([]);
		expect(await auditActions()).toEqual(['round.created', 'round.created']);
	});

	it('refuses a questionnaire, partner or body the network does not have, beside the field', async () => {
		for (const [v, field] of [
			[{ questionnaire: 'bestaat-niet@1' }, 'questionnaire'],
			[{ invite: 'some', partnerIds: ['oud'] }, 'partnerIds'],
			[{ invite: 'some', bodyIds: ['weg'] }, 'bodyIds']
		] as [Partial<RoundFormValues>, string][]) {
			const parsed = parseRoundForm(values(v), NOW);
			if (!parsed.ok) throw new Error('form');
			const out = await createRound(fx.ctx(), parsed.input);
			expect(out.ok ? null : Object.keys(out.errors), field).toEqual([field]);
		}
		expect(fx.store.network().rounds).toEqual([]);
	});

	it('changes a draft, but nothing of an open round', async () => {
		const r = await draft();
		const edit = parseRoundForm(values({ name: 'Najaar 2026 (Zwolle)', invite: 'some', partnerIds: ['zwolle'] }), NOW);
		if (!edit.ok) throw new Error('form');
		expect((await updateDraft(fx.ctx(), r.id, edit.input)).ok).toBe(true);
		expect(fx.store.network().rounds[0]).toMatchObject({ id: r.id, name: 'Najaar 2026 (Zwolle)' });
		await openRound(fx.ctx(), r.id);
		const out = await updateDraft(fx.ctx(), r.id, edit.input);
		expect(!out.ok && out.errors.form).toMatch(/geen concept/);
	});

	it('deletes only drafts, and a deleted draft leaves no invitations for a later round of the same name', async () => {
		const open = await draft({ name: 'Open' });
		await openRound(fx.ctx(), open.id);
		const out = await deleteDraft(fx.ctx(), open.id);
		expect(!out.ok && out.errors.form).toMatch(/Alleen een concept/);

		const r = await draft();
		// As after an opening cut off by a crash: invitations written, round still a draft.
		const { inviteMembers } = await import('./invitations');
		expect(await inviteMembers(fx.ctx(), r.id)).toBe(4);
		expect((await deleteDraft(fx.ctx(), r.id)).ok).toBe(true);
		expect(fx.store.network().rounds.map((x) => x.id)).toEqual(['open']);
		const again = await draft();
		expect(again.id).toBe(r.id);
		expect(await invitees(again.id)).toEqual([]);
		await fx.reopen();
		expect(await invitees(again.id)).toEqual([]);
		expect(await auditActions()).toContain('round.deleted');
	});

	it('pre-fills a new round like the newest one: its settings, tomorrow at its hour, as many days', async () => {
		expect(likePrevious(fx.ctx())).toBeNull();
		await draft({ name: 'Oud', opensAt: '2026-11-20T08:30', closesAt: '2026-11-27T17:00' });
		await draft({
			name: 'Nieuwst',
			invite: 'some',
			roles: ['bestuurlijk'],
			welcomeText: 'Dank!',
			opensAt: '2026-12-01T09:15',
			closesAt: '2026-12-29T16:45'
		});
		const next = likePrevious(fx.ctx(later(HOUR)))!;
		expect(next).toMatchObject({
			name: '',
			questionnaire: 'samenwerkingsscan@1',
			invite: 'some',
			roles: ['bestuurlijk'],
			welcomeText: 'Dank!',
			opensAt: '2026-11-16T09:15',
			closesAt: '2026-12-14T16:45'
		});
	});
});

describe('opening a round', () => {
	it('invites every active member of the selection once, with a working link, and records it', async () => {
		const r = await draft({
			invite: 'some',
			partnerTypes: ['gemeente', 'overig'],
			roles: ['bestuurlijk', 'ambtelijk']
		});
		const out = await openRound(fx.ctx(), r.id);
		expect(out).toEqual({ ok: true, value: { invited: 3, k: 5 } });
		// Not Dina (inactive), not Fons (archived partner), not Eva (Windesheim).
		expect(await invitees(r.id)).toEqual(['anne', 'bram', 'cor']);
		const state = (await fx.store.round(r.id))!;
		const ids = [...state.invitations.keys()];
		expect(new Set(ids).size).toBe(3);
		for (const inv of state.invitations.values()) {
			const { token, tokenHash } = surveyToken(linkKey(), r.id, inv.id);
			expect(inv.tokenHash).toBe(tokenHash);
			expect(sha256(token)).toBe(tokenHash);
		}
		// Opened before its opening date: it opens now, and the survey agrees.
		const round = fx.store.network().rounds[0];
		expect(round).toMatchObject({ status: 'open', opensAt: NOW.toISOString(), k: 5 });
		const link = await obtainLink(fx.ctx(), r.id, ids[0]);
		expect((await openSurvey(fx.store, link.path.slice(3), NOW)).ok).toBe(true);
		const entry = (await fx.store.readAudit()).find((e) => e.action === 'round.opened')!;
		expect(entry).toMatchObject({ subject: r.id, actor: { email: 'beheer@regio.test' } });
		expect(entry.detail).toMatch(/3 uitnodigingen, k = 5/);
		expect(fx.store.network().respondents.find((p) => p.id === 'anne')!.lastInvitedAt).toBe(NOW.toISOString());
	});

	it('selects by partner type or partner, narrowed by role and body', async () => {
		const cases: [Partial<Selection>, string[]][] = [
			[{ partnerTypes: ['onderwijs'] }, ['eva']],
			[{ partnerTypes: ['onderwijs'], partnerIds: ['zwolle'] }, ['anne', 'bram', 'cor', 'eva']],
			[{ roles: ['ambtelijk'] }, ['cor', 'eva']],
			[{ bodyIds: ['po-economie', 'ao-economie'] }, ['anne', 'eva']],
			[{ partnerIds: ['zwolle'], bodyIds: ['ao-economie'] }, []]
		];
		for (const [i, [s, expected]] of cases.entries()) {
			const r = await draft({ name: `Ronde ${i}`, invite: 'some', ...s });
			await openRound(fx.ctx(), r.id);
			expect(await invitees(r.id), JSON.stringify(s)).toEqual(expected);
		}
	});

	it('keeps the k it opened with when the network’s k changes later', async () => {
		const r = await draft();
		await openRound(fx.ctx(), r.id);
		await fx.store.updateNetwork((d) => {
			d.network!.kAnonymity = 8;
		});
		expect(fx.store.network().rounds[0].k).toBe(5);
		const overview = (await roundOverview(fx.ctx(), r.id))!;
		expect(overview.k).toEqual({ value: 5, frozen: true });
		const token = (await obtainLink(fx.ctx(), r.id, [...(await fx.store.round(r.id))!.invitations.keys()][0])).path;
		const access = await openSurvey(fx.store, token.slice(3), NOW);
		expect(access.ok && access.ctx.round.k).toBe(5);
		// A draft shows the network's k of today, which opening will freeze.
		const d = await draft({ name: 'Later' });
		expect((await roundOverview(fx.ctx(), d.id))!.k).toEqual({ value: 8, frozen: false });
	});

	it('refuses a round that is open, closed, or whose closing time has passed', async () => {
		const r = await draft();
		expect((await openRound(fx.ctx(), r.id)).ok).toBe(true);
		const twice = await openRound(fx.ctx(), r.id);
		expect(!twice.ok && twice.errors.form).toMatch(/al open/);
		const expired = await draft({ name: 'Te laat' });
		const out = await openRound(fx.ctx(later(40 * DAY)), expired.id);
		expect(!out.ok && out.errors.form).toMatch(/sluitdatum .* voorbij/);
	});

	it('opens by itself at its opening time (the open job), but never a draft whose closing has passed', async () => {
		const a = await draft({ name: 'A', opensAt: '2026-11-15T12:00' });
		const b = await draft({ name: 'B', opensAt: '2026-11-20T09:00' });
		const c = await draft({ name: 'C', opensAt: '2026-11-15T11:30', closesAt: '2026-11-15T12:30' });
		// The server's own job: no actor.
		const job = (at: Date) => openDueRounds(domainContext(fx.store, null, () => at));
		expect(await job(NOW)).toEqual([]);
		// 12:00 in Amsterdam is 11:00 UTC; C closed at 11:30 UTC.
		expect(await job(new Date('2026-11-15T11:30:00Z'))).toEqual([a.id]);
		const round = fx.store.network().rounds.find((r) => r.id === a.id)!;
		expect(round).toMatchObject({ status: 'open', opensAt: '2026-11-15T11:00:00.000Z', k: 5 });
		expect(await invitees(a.id)).toHaveLength(4);
		expect(fx.store.network().rounds.find((r) => r.id === c.id)!.status).toBe('draft');
		expect(fx.store.network().rounds.find((r) => r.id === b.id)!.status).toBe('draft');
		const entry = (await fx.store.readAudit()).find((e) => e.action === 'round.opened')!;
		expect(entry.actor).toBeNull();
		expect(entry.detail).toMatch(/op de openingsdatum/);
		// Run again: nothing more.
		expect(await job(new Date('2026-11-15T11:31:00Z'))).toEqual([]);
		expect(await invitees(a.id)).toHaveLength(4);
	});
});

describe('people who join the selection while the round is open', () => {
	it('are invited where people change, once, however often it runs', async () => {
		const r = await draft({ invite: 'some', partnerIds: ['zwolle'] });
		await openRound(fx.ctx(), r.id);
		expect(await invitees(r.id)).toEqual(['anne', 'bram', 'cor']);

		// New, re-activated, moved to the selected partner.
		const newId = await respondents.create(fx.ctx(), {
			name: 'Gijs',
			email: 'gijs@zwolle.test',
			partnerId: 'zwolle',
			role: 'ambtelijk',
			bodyIds: []
		});
		await respondents.setActive(fx.ctx(), 'dina', true);
		const eva = fx.store.network().respondents.find((p) => p.id === 'eva')!;
		await respondents.update(fx.ctx(), 'eva', {
			name: eva.name,
			email: 'eva@zwolle.test',
			partnerId: 'zwolle',
			role: eva.role,
			bodyIds: eva.bodyIds
		});
		expect(await invitees(r.id)).toEqual(['anne', 'bram', 'cor', 'dina', 'eva', newId].sort());

		// Leaving the selection keeps the invitation (links given out work until close).
		await respondents.setActive(fx.ctx(), 'anne', false);
		await respondents.setActive(fx.ctx(), 'anne', true);
		expect(await inviteJoiners(fx.ctx())).toBe(0);
		expect(await openDueRounds(fx.ctx())).toEqual([]);
		const all = await invitees(r.id);
		expect(all).toHaveLength(6);
		expect(new Set(all).size).toBe(6);
		expect((await fx.store.readAudit()).filter((e) => e.action === 'round.invited')).toHaveLength(3);
	});

	it('never makes two invitations for one person when top-ups run at the same time', async () => {
		const r = await draft();
		await openRound(fx.ctx(), r.id);
		await fx.seed([
			{ id: 'h1', partnerId: 'zwolle' },
			{ id: 'h2', partnerId: 'windesheim' }
		]);
		const counts = await Promise.all([inviteJoiners(fx.ctx()), inviteJoiners(fx.ctx()), inviteJoiners(fx.ctx())]);
		expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
		const all = await invitees(r.id);
		expect(all).toHaveLength(new Set(all).size);
		expect(all).toEqual(expect.arrayContaining(['h1', 'h2']));
	});

	it('leaves rounds without a stored rule (the demo’s, seeded ones) and rounds past their closing alone', async () => {
		const r = await draft();
		await openRound(fx.ctx(), r.id);
		await fx.store.updateNetwork((d) => {
			delete d.rounds[0].selection;
		});
		await fx.seed([{ id: 'nieuw-1', partnerId: 'zwolle' }]);
		expect(await inviteJoiners(fx.ctx())).toBe(0);
		const s = await draft({ name: 'Met regel' });
		await openRound(fx.ctx(), s.id);
		await fx.seed([{ id: 'nieuw-2', partnerId: 'zwolle' }]);
		expect(await inviteJoiners(fx.ctx(later(40 * DAY)))).toBe(0);
	});
});

describe('an open round’s closing date and closing it', () => {
	it('moves only later, never for a round that has stopped taking answers', async () => {
		const r = await draft();
		await openRound(fx.ctx(), r.id);
		const closes = fx.store.network().rounds[0].closesAt;
		const earlier = await extendClosing(fx.ctx(), r.id, new Date(Date.parse(closes) - HOUR).toISOString());
		expect(!earlier.ok && earlier.errors.closesAt).toMatch(/alleen later/);
		const same = await extendClosing(fx.ctx(), r.id, closes);
		expect(same.ok).toBe(false);
		const next = new Date(Date.parse(closes) + 7 * DAY).toISOString();
		expect((await extendClosing(fx.ctx(), r.id, next)).ok).toBe(true);
		expect(fx.store.network().rounds[0].closesAt).toBe(next);
		// Past the (new) closing time the round takes no answers: it is closing, not to be reopened.
		const past = await extendClosing(fx.ctx(later(60 * DAY)), r.id, new Date(NOW.getTime() + 90 * DAY).toISOString());
		expect(!past.ok && past.errors.closesAt).toMatch(/gesloten/);
		const d = await draft({ name: 'Concept' });
		const ofDraft = await extendClosing(fx.ctx(), d.id, next);
		expect(!ofDraft.ok && ofDraft.errors.closesAt).toMatch(/concept/);
		expect(await auditActions()).toContain('round.extended');
	});

	it('closes by hand exactly as at the date: the survey refuses from that moment, results published, links cut', async () => {
		const r = await draft();
		await openRound(fx.ctx(), r.id);
		const link = await obtainLink(fx.ctx(), r.id, [...(await fx.store.round(r.id))!.invitations.keys()][0]);
		const access = await openSurvey(fx.store, link.path.slice(3), NOW);
		if (!access.ok) throw new Error('closed');
		await saveResponse(
			fx.store,
			access.ctx,
			{ answers: { 'inhoud-gedeeld-doel': 4 }, comments: {}, step: 1, nav: 'next' },
			{ now: NOW, submit: true }
		);
		const closeAt = later(2 * DAY);
		expect((await closeNow(fx.ctx(closeAt), r.id)).ok).toBe(true);
		const round = fx.store.network().rounds[0];
		expect(round).toMatchObject({ status: 'closed', closesAt: closeAt.toISOString(), closedAt: closeAt.toISOString() });
		expect(await fx.store.publishedSnapshot(r.id)).not.toBeNull();
		const state = (await fx.store.round(r.id))!;
		expect([...state.invitations.values()].every((i) => i.responseId === null)).toBe(true);
		expect((await openSurvey(fx.store, link.path.slice(3), closeAt)).ok).toBe(false);
		const again = await closeNow(fx.ctx(closeAt), r.id);
		expect(!again.ok && again.errors.form).toMatch(/al gesloten/);
		const d = await draft({ name: 'Concept' });
		const ofDraft = await closeNow(fx.ctx(), d.id);
		expect(!ofDraft.ok && ofDraft.errors.form).toMatch(/concept/i);
	});
});

describe('the round page’s participation', () => {
	it('counts invited, started and submitted per partner and type, and names who has not submitted', async () => {
		const r = await draft();
		await openRound(fx.ctx(), r.id);
		const state = (await fx.store.round(r.id))!;
		const byPerson = new Map([...state.invitations.values()].map((i) => [i.respondentId, i.id]));
		const answer = async (who: string, submit: boolean) => {
			const link = await obtainLink(fx.ctx(), r.id, byPerson.get(who)!);
			const access = await openSurvey(fx.store, link.path.slice(3), NOW);
			if (!access.ok) throw new Error('closed');
			await saveResponse(
				fx.store,
				access.ctx,
				{ answers: { 'inhoud-gedeeld-doel': 3 }, comments: {}, step: 1, nav: 'next' },
				{ now: NOW, submit }
			);
		};
		await answer('anne', true);
		await answer('eva', false);
		const o = (await roundOverview(fx.ctx(), r.id))!;
		expect(o.participation!.total).toEqual({ invited: 4, started: 2, submitted: 1, declined: 0 });
		expect(o.participation!.byPartner).toEqual([
			{ id: 'zwolle', name: 'Gemeente Zwolle', invited: 3, started: 1, submitted: 1, declined: 0 },
			{ id: 'windesheim', name: 'Windesheim', invited: 1, started: 1, submitted: 0, declined: 0 }
		]);
		expect(o.participation!.byType.map((t) => [t.name, t.invited, t.submitted])).toEqual([
			['Gemeente', 3, 1],
			['Onderwijs', 1, 0]
		]);
		expect(o.notAnswered!.map((p) => [p.name, p.partner, p.started])).toEqual([
			['Bram', 'Gemeente Zwolle', false],
			['Cor', 'Gemeente Zwolle', false],
			['Eva', 'Windesheim', true]
		]);
		// Participation only: no answer and no response id anywhere in what the page gets.
		const text = JSON.stringify(o);
		expect(text).not.toMatch(/inhoud-gedeeld-doel|"r-/);
		expect(o.selection).toEqual({ description: 'Iedereen die actief is', members: 4 });
	});
});
