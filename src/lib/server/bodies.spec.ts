import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from './partners-test-store';
import * as bodies from './bodies';
import * as audit from './audit';
import type { BodyForm } from '$lib/model/partner-forms';

let t: TestStore;
beforeEach(async () => {
	t = await openTestStore();
});
afterEach(async () => {
	await t.close();
});

async function created(input: BodyForm) {
	const out = await bodies.create(t.ctx(), input);
	if (!out.ok) throw new Error(JSON.stringify(out.errors));
	return out.value;
}
const pairs = async () => Object.fromEntries((await bodies.list(t.ctx())).map((b) => [b.id, b.counterpartId]));

describe('bodies and their counterparts', () => {
	it('pairs both ways when one side names the other', async () => {
		const pho = await created({ name: 'PHO Economie', kind: 'bestuurlijk', counterpartId: null });
		const ao = await created({ name: 'AO Economie', kind: 'ambtelijk', counterpartId: pho.id });
		expect(await pairs()).toEqual({ 'pho-economie': 'ao-economie', 'ao-economie': 'pho-economie' });
		expect((await bodies.get(t.ctx(), pho.id))?.counterpartName).toBe('AO Economie');
		expect((await audit.list(t.ctx())).entries[0].detail).toBe(
			'Overleg ‘AO Economie’ (ambtelijk) toegevoegd, tegenhanger: ‘PHO Economie’'
		);
		expect(ao.counterpartId).toBe(pho.id);
	});

	it('undoes the old pairings on both sides when a body gets another counterpart, and when it gets none', async () => {
		const a = await created({ name: 'PHO Economie', kind: 'bestuurlijk', counterpartId: null });
		const b = await created({ name: 'AO Economie', kind: 'ambtelijk', counterpartId: a.id });
		const c = await created({ name: 'PHO Mobiliteit', kind: 'bestuurlijk', counterpartId: null });
		const d = await created({ name: 'AO Mobiliteit', kind: 'ambtelijk', counterpartId: c.id });
		// A now pairs with D: B (A's old partner) and C (D's old partner) are left without one.
		expect(
			await bodies.update(t.ctx(), a.id, { name: a.name, kind: 'bestuurlijk', counterpartId: d.id })
		).toMatchObject({
			ok: true
		});
		expect(await pairs()).toEqual({
			[a.id]: d.id,
			[d.id]: a.id,
			[b.id]: null,
			[c.id]: null
		});
		await bodies.update(t.ctx(), d.id, { name: d.name, kind: 'ambtelijk', counterpartId: null });
		expect(Object.values(await pairs())).toEqual([null, null, null, null]);
		expect((await audit.list(t.ctx())).entries[0].detail).toBe('Overleg ‘AO Mobiliteit’ gewijzigd: tegenhanger: geen');
	});

	it('refuses a counterpart of the same kind, itself, or one that does not exist, and saves nothing', async () => {
		const a = await created({ name: 'PHO Economie', kind: 'bestuurlijk', counterpartId: null });
		const b = await created({ name: 'AO Economie', kind: 'ambtelijk', counterpartId: a.id });
		const other = await created({ name: 'PHO Ruimte', kind: 'bestuurlijk', counterpartId: null });
		expect(
			await bodies.update(t.ctx(), other.id, { name: other.name, kind: 'bestuurlijk', counterpartId: a.id })
		).toEqual({
			ok: false,
			errors: {
				counterpartId:
					'De tegenhanger van een bestuurlijk overleg is een ambtelijk overleg; ‘PHO Economie’ is ook bestuurlijk.'
			}
		});
		// Changing the kind while the pairing stays would pair two ambtelijke bodies.
		expect(await bodies.update(t.ctx(), a.id, { name: a.name, kind: 'ambtelijk', counterpartId: b.id })).toMatchObject({
			ok: false,
			errors: { counterpartId: expect.stringContaining('ook ambtelijk') }
		});
		expect(
			await bodies.update(t.ctx(), a.id, { name: a.name, kind: 'bestuurlijk', counterpartId: a.id })
		).toMatchObject({
			ok: false,
			errors: { counterpartId: 'Een overleg is niet zijn eigen tegenhanger.' }
		});
		expect(await bodies.create(t.ctx(), { name: 'X', kind: 'ambtelijk', counterpartId: 'weg' })).toMatchObject({
			ok: false,
			errors: { counterpartId: 'Dit overleg bestaat niet (meer).' }
		});
		expect(
			await bodies.create(t.ctx(), { name: 'pho economie', kind: 'ambtelijk', counterpartId: null })
		).toMatchObject({
			ok: false,
			errors: { name: 'Er is al een overleg met de naam ‘PHO Economie’.' }
		});
		expect(await pairs()).toEqual({ [a.id]: b.id, [b.id]: a.id, [other.id]: null });
		expect((await bodies.list(t.ctx())).map((x) => x.kind)).toEqual(['ambtelijk', 'bestuurlijk', 'bestuurlijk']);
	});

	it('deletes an unused body and clears its counterpart', async () => {
		const a = await created({ name: 'PHO Economie', kind: 'bestuurlijk', counterpartId: null });
		const b = await created({ name: 'AO Economie', kind: 'ambtelijk', counterpartId: a.id });
		expect(await bodies.remove(t.ctx(), b.id)).toMatchObject({ ok: true });
		expect(await pairs()).toEqual({ [a.id]: null });
		expect((await audit.list(t.ctx())).entries[0]).toMatchObject({
			action: 'body.deleted',
			subject: b.id,
			detail: 'Overleg ‘AO Economie’ verwijderd'
		});
	});

	it('refuses to delete a body that respondents sit in or responses name, saying how many', async () => {
		const a = await created({ name: 'PHO Economie', kind: 'bestuurlijk', counterpartId: null });
		const b = await created({ name: 'AO Economie', kind: 'ambtelijk', counterpartId: null });
		await t.addRespondent('r-1', 'p', [a.id]);
		await t.addRespondent('r-2', 'p', [a.id, a.id]);
		await t.addRoundWithResponses('voorjaar-2026', [
			{ partnerId: 'p', bodyIds: [a.id] },
			{ partnerId: 'p', bodyIds: [b.id] },
			{ partnerId: 'p', bodyIds: [b.id] }
		]);
		expect(await bodies.remove(t.ctx(), a.id)).toEqual({
			ok: false,
			errors: {
				form: expect.stringMatching(
					/^Dit overleg kan niet worden verwijderd\. In gebruik bij: 2 deelnemers en 1 ingevulde vragenlijst\./
				)
			}
		});
		expect(await bodies.remove(t.ctx(), b.id)).toMatchObject({
			ok: false,
			errors: { form: expect.stringContaining('In gebruik bij: 2 ingevulde vragenlijsten.') }
		});
		expect((await bodies.list(t.ctx())).map((x) => [x.id, x.deletable])).toEqual([
			[b.id, false],
			[a.id, false]
		]);
	});
});
