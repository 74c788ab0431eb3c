import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from './partners-test-store';
import * as partners from './partners';
import * as audit from './audit';
import { partnerFormSchema, type PartnerForm } from '$lib/model/partner-forms';

let t: TestStore;
beforeEach(async () => {
	t = await openTestStore();
});
afterEach(async () => {
	await t.close();
});

const zwolle: PartnerForm = {
	name: 'Gemeente Zwolle',
	type: 'gemeente',
	helix: 'overheid',
	isCentre: true,
	contactName: 'Jan de Vries',
	contactEmail: 'jan@zwolle.nl'
};

async function created(input: PartnerForm) {
	const out = await partners.create(t.ctx(), input);
	if (!out.ok) throw new Error(JSON.stringify(out.errors));
	return out.value;
}

describe('partner form', () => {
	it('trims, joins lines and lowercases, and refuses an empty name, a missing type and a bad contact address in Dutch', () => {
		expect(
			partnerFormSchema.parse({ ...zwolle, name: '  Gemeente\r\n  Zwolle ', contactEmail: ' Jan@Zwolle.NL ' })
		).toMatchObject({ name: 'Gemeente Zwolle', contactEmail: 'jan@zwolle.nl' });
		const bad = partnerFormSchema.safeParse({ ...zwolle, name: ' ', type: '', contactEmail: 'jan-at-zwolle' });
		expect(bad.success).toBe(false);
		const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]));
		expect(messages).toEqual({
			name: 'Vul de naam van de partner in',
			type: 'Kies het soort organisatie',
			contactEmail: 'Vul een geldig e-mailadres in, of laat het veld leeg'
		});
	});
});

describe('partners', () => {
	it('adds a partner with an id from its name, keeps the id on rename, and survives a restart', async () => {
		const p = await created(zwolle);
		expect(p).toMatchObject({ id: 'gemeente-zwolle', archived: false, contactName: 'Jan de Vries' });
		const renamed = await partners.update(t.ctx(), p.id, { ...zwolle, name: 'Gemeente Zwolle (centrum)' });
		expect(renamed).toMatchObject({ ok: true, value: { id: 'gemeente-zwolle', name: 'Gemeente Zwolle (centrum)' } });
		await t.reopen();
		expect((await partners.list(t.ctx())).map((x) => [x.id, x.name])).toEqual([
			['gemeente-zwolle', 'Gemeente Zwolle (centrum)']
		]);
	});

	it('gives unique, URL-safe ids and never one that is a page of its own', async () => {
		await created({ ...zwolle, name: 'Hogeschool Windesheim' });
		const again = await created({ ...zwolle, name: 'Hogeschool  Windesheim!' });
		expect(again.id).toBe('hogeschool-windesheim-2');
		expect((await created({ ...zwolle, name: 'Import' })).id).toBe('import-2');
		expect((await created({ ...zwolle, name: 'Zwolle & Kampen — Één' })).id).toBe('zwolle-en-kampen-een');
	});

	it('refuses a second partner with the same name (case and spaces do not count), on add and on edit', async () => {
		await created(zwolle);
		const kampen = await created({ ...zwolle, name: 'Gemeente Kampen', isCentre: false });
		expect(await partners.create(t.ctx(), { ...zwolle, name: ' gemeente  ZWOLLE ' })).toEqual({
			ok: false,
			errors: { name: expect.stringContaining('Er is al een partner met de naam ‘Gemeente Zwolle’') }
		});
		expect(await partners.update(t.ctx(), kampen.id, { ...zwolle, name: 'gemeente zwolle' })).toMatchObject({
			ok: false,
			errors: { name: expect.stringContaining('Er is al een partner') }
		});
		expect((await partners.list(t.ctx())).map((p) => p.name)).toEqual(['Gemeente Kampen', 'Gemeente Zwolle']);
	});

	it('archives and restores, and writes an audit line for each change that names what changed but not the contact', async () => {
		const p = await created(zwolle);
		await partners.update(t.ctx(), p.id, { ...zwolle, type: 'overig', contactName: 'Piet Jansen' });
		await partners.update(t.ctx(), p.id, { ...zwolle, type: 'overig', contactName: 'Piet Jansen' }); // no change, no line
		expect(await partners.archive(t.ctx(), p.id)).toMatchObject({ ok: true, value: { archived: true } });
		expect(await partners.restore(t.ctx(), p.id)).toMatchObject({ ok: true, value: { archived: false } });
		const log = (await audit.list(t.ctx())).entries.reverse();
		expect(log.map((e) => [e.action, e.subject, e.detail])).toEqual([
			['partner.created', 'gemeente-zwolle', 'Partner ‘Gemeente Zwolle’ toegevoegd'],
			[
				'partner.updated',
				'gemeente-zwolle',
				'Partner ‘Gemeente Zwolle’ gewijzigd: type: Gemeente → Overig, contactpersoon'
			],
			['partner.archived', 'gemeente-zwolle', 'Partner ‘Gemeente Zwolle’ gearchiveerd'],
			['partner.restored', 'gemeente-zwolle', 'Partner ‘Gemeente Zwolle’ teruggezet uit het archief']
		]);
		expect(log.map((e) => e.detail).join(' ')).not.toMatch(/Jan|Piet/);
		expect(log[0].actor).toEqual({ id: 'u-1', email: 'beheer@regio.nl' });
	});

	it('deletes an unused partner, with an audit line', async () => {
		const p = await created(zwolle);
		expect((await partners.get(t.ctx(), p.id))?.deletable).toBe(true);
		expect(await partners.remove(t.ctx(), p.id)).toMatchObject({ ok: true });
		expect(await partners.list(t.ctx())).toEqual([]);
		expect((await audit.list(t.ctx())).entries[0]).toMatchObject({ action: 'partner.deleted', subject: p.id });
	});

	it('never deletes a partner that respondents or responses in any round refer to, and says why', async () => {
		const withPeople = await created(zwolle);
		const withHistory = await created({ ...zwolle, name: 'Gemeente Kampen' });
		await t.addRespondent('r-1', withPeople.id);
		await t.addRespondent('r-2', withPeople.id);
		await t.addRoundWithResponses('voorjaar-2026', [{ partnerId: 'elders', bodyIds: [] }]);
		await t.addRoundWithResponses('najaar-2026', [{ partnerId: withHistory.id, bodyIds: [] }]);

		expect(await partners.remove(t.ctx(), withPeople.id)).toEqual({
			ok: false,
			errors: {
				form: 'Deze partner kan niet worden verwijderd. In gebruik bij: 2 deelnemers. Archiveer de partner in plaats daarvan.'
			}
		});
		expect(await partners.remove(t.ctx(), withHistory.id)).toMatchObject({
			ok: false,
			errors: { form: expect.stringContaining('In gebruik bij: 1 ingevulde vragenlijst.') }
		});
		const listed = await partners.list(t.ctx());
		expect(listed.map((p) => [p.id, p.deletable, p.usage])).toEqual([
			['gemeente-kampen', false, { respondents: 0, responses: 1, closedRounds: 0, unreadableRounds: 0 }],
			['gemeente-zwolle', false, { respondents: 2, responses: 0, closedRounds: 0, unreadableRounds: 0 }]
		]);
		// Archiving is what remains, and it keeps the partner with its id.
		expect(await partners.archive(t.ctx(), withHistory.id)).toMatchObject({ ok: true, value: { archived: true } });
		expect((await partners.list(t.ctx())).length).toBe(2);
		expect((await audit.list(t.ctx())).entries.some((e) => e.action === 'partner.deleted')).toBe(false);
	});
});
