import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as respondents from './respondents';
import * as audit from './audit';
import { openRespondentsFixture, type RespondentsFixture } from './respondents.test-fixture';
import { parseRespondentFilter, respondentFormSchema } from '$lib/model/respondent-forms';

let fx: RespondentsFixture;
beforeEach(async () => {
	fx = await openRespondentsFixture();
});
afterEach(async () => {
	await fx.close();
});

const form = (fields: Record<string, unknown>) =>
	respondentFormSchema.parse({
		name: 'Anna de Vries',
		email: 'anna@zwolle.nl',
		partnerId: 'zwolle',
		role: 'bestuurlijk',
		...fields
	});
const filter = (query = '') => parseRespondentFilter(new URLSearchParams(query));

describe('respondents', () => {
	it('adds a person with a random id, a lowercase e-mail and the date added; the audit line names no one', async () => {
		const id = await respondents.create(fx.ctx(), form({ email: ' Anna@Zwolle.NL ', bodyIds: ['po-economie'] }));
		expect(id).toMatch(/^d-[a-z2-7]{10}$/);
		expect(respondents.get(fx.ctx(), id)).toMatchObject({
			name: 'Anna de Vries',
			email: 'anna@zwolle.nl',
			bodyIds: ['po-economie'],
			active: true,
			createdAt: '2026-11-15T10:00:00.000Z'
		});
		const line = (await audit.list(fx.ctx())).entries[0];
		expect(line).toMatchObject({ action: 'respondent.created', subject: id });
		expect(JSON.stringify(line)).not.toMatch(/anna/i);
	});

	it('refuses a taken e-mail, an unknown or archived partner and an unknown body, next to the field', async () => {
		await respondents.create(fx.ctx(), form({}));
		await expect(respondents.create(fx.ctx(), form({ name: 'Ander' }))).rejects.toMatchObject({
			errors: { email: 'Er is al een deelnemer met dit e-mailadres' }
		});
		await expect(
			respondents.create(fx.ctx(), form({ email: 'b@x.nl', partnerId: 'oud', bodyIds: ['nergens'] }))
		).rejects.toMatchObject({
			errors: { partnerId: expect.stringMatching(/gearchiveerd/), bodyIds: expect.stringMatching(/bestaat niet/) }
		});
		await expect(respondents.create(fx.ctx(), form({ email: 'c@x.nl', partnerId: 'weg' }))).rejects.toBeInstanceOf(
			respondents.RespondentInputError
		);
		expect(fx.store.network().respondents).toHaveLength(1);
	});

	it('refuses a form with a bad e-mail or no name, in Dutch', () => {
		const bad = respondentFormSchema.safeParse({ name: ' ', email: 'geen-adres', partnerId: '', role: 'x' });
		expect(bad.success).toBe(false);
		const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]));
		expect(messages).toMatchObject({
			name: 'Vul de naam in',
			email: expect.stringMatching(/^Vul een geldig e-mailadres in/),
			partnerId: 'Kies een partner',
			role: 'Kies een rol'
		});
	});

	it('edits a person (the audit says which fields, not their values) and deactivates and reactivates them', async () => {
		const id = await respondents.create(fx.ctx(), form({}));
		await respondents.update(fx.ctx(), id, form({ name: 'Anna Jansen', role: 'directie', partnerId: 'windesheim' }));
		expect(respondents.get(fx.ctx(), id)).toMatchObject({
			name: 'Anna Jansen',
			role: 'directie',
			partnerId: 'windesheim'
		});
		let log = (await audit.list(fx.ctx())).entries;
		expect(log[0]).toMatchObject({
			action: 'respondent.updated',
			subject: id,
			detail: 'Gewijzigd: naam, partner, rol'
		});
		expect(JSON.stringify(log)).not.toMatch(/jansen|anna/i);

		await respondents.setActive(fx.ctx(), id, false);
		expect(respondents.get(fx.ctx(), id)?.active).toBe(false);
		await respondents.setActive(fx.ctx(), id, false);
		await respondents.setActive(fx.ctx(), id, true);
		log = (await audit.list(fx.ctx())).entries;
		expect(log.map((e) => e.action).slice(0, 2)).toEqual(['respondent.activated', 'respondent.deactivated']);
		await fx.reopen();
		expect(respondents.get(fx.ctx(), id)).toMatchObject({ name: 'Anna Jansen', active: true });
	});

	it('searches name (without accents) and e-mail, filters by partner, role, body and status, and pages', async () => {
		await fx.seed([
			{ name: 'José Sánchez', email: 'jose@zwolle.nl', role: 'bestuurlijk', bodyIds: ['po-economie'] },
			{ name: 'Piet Bakker', email: 'piet@windesheim.nl', partnerId: 'windesheim', bodyIds: ['ao-economie'] },
			{ name: 'Karin Smit', email: 'karin@zwolle.nl', active: false },
			...Array.from({ length: 120 }, (_, i) => ({ name: `Persoon ${i}`, email: `p${i}@zwolle.nl` }))
		]);
		const names = (q: string) => respondents.list(fx.ctx(), filter(q)).rows.map((r) => r.name);
		expect(names('q=sanchez')).toEqual(['José Sánchez']);
		expect(names('q=WINDESHEIM.nl')).toEqual(['Piet Bakker']);
		expect(names('partner=windesheim')).toEqual(['Piet Bakker']);
		expect(names('role=bestuurlijk')).toEqual(['José Sánchez']);
		expect(names('body=ao-economie')).toEqual(['Piet Bakker']);
		expect(names('status=inactief')).toEqual(['Karin Smit']);
		expect(respondents.list(fx.ctx(), filter('status=actief')).total).toBe(122);

		const first = respondents.list(fx.ctx(), filter());
		expect(first).toMatchObject({ total: 123, all: 123, page: 1, pages: 3 });
		expect(first.rows).toHaveLength(50);
		expect(first.rows[0]).toMatchObject({ name: 'José Sánchez', partner: 'Gemeente Zwolle', bodies: ['PO Economie'] });
		const last = respondents.list(fx.ctx(), filter('page=99'));
		expect(last.page).toBe(3);
		expect(last.rows).toHaveLength(23);
		// Nonsense in the query is no filter, not an error.
		expect(respondents.list(fx.ctx(), filter('role=koning&status=x&page=-1')).total).toBe(123);
	});
});
