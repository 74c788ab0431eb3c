import { describe, expect, it } from 'vitest';
import { emptyRoundForm, parseRoundForm, roundFormValues, type RoundFormValues } from './round-forms';
import { roundPhase } from './round-phase';

const NOW = new Date('2026-03-20T10:00:30.000Z');
const form = (v: Partial<RoundFormValues>): RoundFormValues => ({
	...emptyRoundForm(),
	name: 'Voorjaar 2026',
	questionnaire: 'samenwerkingsscan@1',
	opensAt: '2026-03-23T09:00',
	closesAt: '2026-04-20T17:00',
	...v
});

describe('the round form', () => {
	it('stores Amsterdam times as UTC, also when summer time begins in between', () => {
		const out = parseRoundForm(form({}), NOW);
		expect(out).toMatchObject({
			ok: true,
			input: {
				name: 'Voorjaar 2026',
				questionnaireId: 'samenwerkingsscan',
				questionnaireVersion: 1,
				opensAt: '2026-03-23T08:00:00.000Z',
				closesAt: '2026-04-20T15:00:00.000Z',
				selection: { partnerTypes: [], partnerIds: [], roles: [], bodyIds: [] }
			}
		});
	});

	it('puts every error beside its field', () => {
		const out = parseRoundForm(
			form({ name: ' ', questionnaire: '', opensAt: '2026-03-29T02:15', closesAt: 'volgende week', invite: '' }),
			NOW
		);
		expect(out.ok).toBe(false);
		const errors = !out.ok ? out.errors : {};
		expect(Object.keys(errors).sort()).toEqual(['closesAt', 'invite', 'name', 'opensAt', 'questionnaire']);
		expect(errors.opensAt).toMatch(/bestaat niet/);
	});

	it('wants the closing after the opening, and the opening not before this minute', () => {
		const before = parseRoundForm(form({ closesAt: '2026-03-23T09:00' }), NOW);
		expect(!before.ok && before.errors.closesAt).toMatch(/na de opening/);
		const past = parseRoundForm(form({ opensAt: '2026-03-20T10:59' }), NOW);
		expect(!past.ok && past.errors.opensAt).toMatch(/voorbij/);
		// 11:00 in Amsterdam is 10:00 UTC: this minute, allowed although its seconds have passed.
		expect(parseRoundForm(form({ opensAt: '2026-03-20T11:00' }), NOW).ok).toBe(true);
	});

	it('keeps the selection only when part of the network is chosen, and wants something chosen then', () => {
		const some = parseRoundForm(form({ invite: 'some', partnerTypes: ['gemeente'], roles: ['bestuurlijk'] }), NOW);
		expect(some.ok && some.input.selection).toEqual({
			partnerTypes: ['gemeente'],
			partnerIds: [],
			roles: ['bestuurlijk'],
			bodyIds: []
		});
		const all = parseRoundForm(form({ invite: 'all', partnerTypes: ['gemeente'] }), NOW);
		expect(all.ok && all.input.selection.partnerTypes).toEqual([]);
		const nothing = parseRoundForm(form({ invite: 'some' }), NOW);
		expect(!nothing.ok && nothing.errors.invite).toMatch(/ten minste één/);
		const unknown = parseRoundForm(form({ invite: 'some', roles: ['koning'] }), NOW);
		expect(!unknown.ok && unknown.errors.roles).toBeTruthy();
	});

	it('reads a post with its lists, and normalises the welcome text’s line ends', () => {
		const data = new FormData();
		data.set('name', 'Najaar');
		data.set('questionnaire', 'samenwerkingsscan@1');
		data.set('opensAt', '2026-09-14T09:00');
		data.set('closesAt', '2026-10-12T17:00');
		data.set('invite', 'some');
		data.append('partnerIds', 'zwolle');
		data.append('partnerIds', 'windesheim');
		data.set('welcomeText', 'Welkom!\r\nTot slot.');
		const values = roundFormValues(data);
		expect(values).toMatchObject({ name: 'Najaar', invite: 'some', partnerIds: ['zwolle', 'windesheim'] });
		const out = parseRoundForm(values, NOW);
		expect(out.ok && out.input.welcomeText).toBe('Welkom!\nTot slot.');
	});
});

describe('a round’s phase, as the survey sees it', () => {
	const at = (iso: string) => new Date(iso);
	const r = { opensAt: '2026-03-23T08:00:00.000Z', closesAt: '2026-04-20T15:00:00.000Z' };
	it('follows the dates as well as the stored status', () => {
		expect(roundPhase({ ...r, status: 'draft' }, at('2026-03-22T00:00:00Z'))).toBe('draft');
		expect(roundPhase({ ...r, status: 'draft' }, at('2026-03-23T08:00:00Z'))).toBe('opening');
		expect(roundPhase({ ...r, status: 'draft' }, at('2026-04-20T15:00:00Z'))).toBe('expired');
		expect(roundPhase({ ...r, status: 'open' }, at('2026-04-01T00:00:00Z'))).toBe('open');
		expect(roundPhase({ ...r, status: 'open' }, at('2026-04-20T15:00:00Z'))).toBe('closing');
		expect(roundPhase({ ...r, status: 'closed' }, at('2026-04-01T00:00:00Z'))).toBe('closed');
	});
});
