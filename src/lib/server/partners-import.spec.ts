import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from './partners-test-store';
import * as partners from './partners';
import * as partnersImport from './partners-import';
import * as audit from './audit';

let t: TestStore;
beforeEach(async () => {
	t = await openTestStore();
});
afterEach(async () => {
	await t.close();
});

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

describe('partner import preview', () => {
	it('lists every row with its line and its problems, and saves nothing', () => {
		const csv = [
			'Naam;Type;Helix;Centrumgemeente',
			'Gemeente Zwolle;gemeente;overheid;ja',
			'Gemeente Kampen;stad;overheid;nee',
			'Windesheim;Onderwijs;kennis;misschien',
			';gemeente;overheid;nee',
			'gemeente zwolle ;Gemeente;Overheid;nee'
		].join('\r\n');
		const p = partnersImport.preview(t.ctx(), withBom(csv));
		expect(p.fileProblem).toBeNull();
		expect(p.rows.map((r) => [r.line, r.action, r.problems])).toEqual([
			[2, 'toevoegen', ['Dezelfde naam staat ook op regel 6.']],
			[3, 'toevoegen', [expect.stringMatching(/^Onbekend type ‘stad’\. Kies uit: Gemeente, Provincie, /)]],
			[
				4,
				'toevoegen',
				[
					expect.stringMatching(
						/^Onbekende helix ‘kennis’\. Kies uit: Overheid, Onderwijs, Ondernemers, Maatschappij\.$/
					),
					'Centrumgemeente is ‘ja’ of ‘nee’, niet ‘misschien’.'
				]
			],
			[5, null, ['De naam ontbreekt.']],
			[6, 'toevoegen', ['Dezelfde naam staat ook op regel 2.']]
		]);
		expect(p.counts).toEqual({ toevoegen: 0, bijwerken: 0, ongewijzigd: 0, problems: 5 });
		expect(t.store.network().partners).toEqual([]);
	});

	it('says which rows add, which update and which change nothing; ids and labels both count, with , too', async () => {
		await partners.create(t.ctx(), {
			name: 'Gemeente Zwolle',
			type: 'gemeente',
			helix: 'overheid',
			isCentre: true,
			contactName: 'Jan',
			contactEmail: 'jan@zwolle.nl'
		});
		await partners.create(t.ctx(), {
			name: 'Economic Board Regio Zwolle',
			type: 'overig',
			helix: 'ondernemers',
			isCentre: false,
			contactName: '',
			contactEmail: ''
		});
		const csv =
			'naam,type,helix,centrumgemeente\n' +
			'GEMEENTE ZWOLLE,Gemeente,overheid,JA\n' +
			'Economic Board Regio Zwolle,Economic Board,Ondernemers,nee\n' +
			'Landstede,onderwijs,onderwijs,\n';
		const p = partnersImport.preview(t.ctx(), utf8(csv));
		expect(p.rows.map((r) => [r.line, r.action, r.partnerId, r.changes, r.problems])).toEqual([
			[2, 'bijwerken', 'gemeente-zwolle', ['naam: Gemeente Zwolle → GEMEENTE ZWOLLE'], []],
			[3, 'bijwerken', 'economic-board-regio-zwolle', ['type: Overig → Economic Board'], []],
			[4, 'toevoegen', null, [], []]
		]);
		const same = partnersImport.preview(
			t.ctx(),
			utf8('naam;type;helix;centrumgemeente\nGemeente Zwolle;gemeente;overheid;ja\n')
		);
		// Without contact columns the contact person stays, so nothing changes.
		expect(same.rows[0]).toMatchObject({ action: 'ongewijzigd', changes: [] });
		expect(same.hasContactColumns).toBe(false);
	});

	it('reports a file it cannot read as a whole, with the reader’s Dutch reason', () => {
		expect(partnersImport.preview(t.ctx(), utf8('naam;type\nX;gemeente\n')).fileProblem).toMatch(
			/^De kopregel mist de kolommen ‘helix’, ‘centrumgemeente’/
		);
		expect(partnersImport.preview(t.ctx(), utf8('naam;type;helix;centrumgemeente\n')).fileProblem).toBe(
			'Het bestand heeft alleen een kopregel en geen partners.'
		);
	});

	it('checks the optional contact columns', () => {
		const p = partnersImport.preview(
			t.ctx(),
			utf8(
				'naam;type;helix;centrumgemeente;contactpersoon;contact-e-mail\nLandstede;onderwijs;onderwijs;nee;Els;els-at-landstede\n'
			)
		);
		expect(p.hasContactColumns).toBe(true);
		expect(p.rows[0].problems).toEqual(['Contactpersoon: Vul een geldig e-mailadres in, of laat het veld leeg.']);
	});
});

describe('partner import', () => {
	it('adds and updates what the preview showed, in one write, with one audit line', async () => {
		await partners.create(t.ctx(), {
			name: 'Gemeente Zwolle',
			type: 'overig',
			helix: 'overheid',
			isCentre: false,
			contactName: 'Jan',
			contactEmail: 'jan@zwolle.nl'
		});
		const bytes = utf8(
			'naam;type;helix;centrumgemeente;contactpersoon;contact-e-mail\n' +
				'Gemeente Zwolle;gemeente;overheid;ja;Jan;jan@zwolle.nl\n' +
				'Landstede;onderwijs;onderwijs;nee;Els Bakker;Els@Landstede.nl\n' +
				'Hogeschool Windesheim;onderwijs;onderwijs;nee;;\n'
		);
		const p = partnersImport.preview(t.ctx(), bytes);
		expect(p.counts).toEqual({ toevoegen: 2, bijwerken: 1, ongewijzigd: 0, problems: 0 });
		expect(await partnersImport.apply(t.ctx(), bytes, p.plan)).toEqual({ ok: true, added: 2, updated: 1 });
		expect(t.store.network().partners.map((x) => [x.id, x.type, x.isCentre, x.contactEmail])).toEqual([
			['gemeente-zwolle', 'gemeente', true, 'jan@zwolle.nl'],
			['landstede', 'onderwijs', false, 'els@landstede.nl'],
			['hogeschool-windesheim', 'onderwijs', false, '']
		]);
		expect((await audit.list(t.ctx())).entries[0]).toMatchObject({
			action: 'partners.imported',
			detail: '2 toegevoegd, 1 bijgewerkt'
		});
		// The same file again changes nothing.
		const again = partnersImport.preview(t.ctx(), bytes);
		expect(again.rows.map((r) => r.action)).toEqual(['ongewijzigd', 'ongewijzigd', 'ongewijzigd']);
	});

	it('refuses while any row has a problem, even when the browser sends a made-up plan', async () => {
		const bytes = utf8('naam;type;helix;centrumgemeente\nLandstede;onderwijs;onderwijs;nee\nX;stad;overheid;nee\n');
		const p = partnersImport.preview(t.ctx(), bytes);
		const out = await partnersImport.apply(t.ctx(), bytes, p.plan);
		expect(out).toMatchObject({ ok: false, reason: 'Er zijn nog regels met problemen; er is niets opgeslagen.' });
		expect(!out.ok && out.preview.rows[1].problems[0]).toMatch(/^Onbekend type ‘stad’/);
		expect(t.store.network().partners).toEqual([]);
		expect((await audit.list(t.ctx())).total).toBe(0);
	});

	it('refuses when the partners changed after the preview, and shows the new preview', async () => {
		const bytes = utf8('naam;type;helix;centrumgemeente\nLandstede;onderwijs;onderwijs;nee\n');
		const p = partnersImport.preview(t.ctx(), bytes);
		expect(p.rows[0].action).toBe('toevoegen');
		// Another admin adds the same partner meanwhile: the row would now update, not add.
		await partners.create(t.ctx(), {
			name: 'Landstede',
			type: 'overig',
			helix: 'onderwijs',
			isCentre: false,
			contactName: '',
			contactEmail: ''
		});
		const out = await partnersImport.apply(t.ctx(), bytes, p.plan);
		expect(out).toMatchObject({
			ok: false,
			reason: expect.stringContaining('Sinds de voorvertoning is er iets veranderd')
		});
		expect(!out.ok && out.preview.rows[0].action).toBe('bijwerken');
		expect(t.store.network().partners.map((x) => x.type)).toEqual(['overig']);
	});

	it('reads a Windows-1252 file from Excel and gives the text back for correction', () => {
		const bytes = new Uint8Array([
			...utf8('naam;type;helix;centrumgemeente\r\nGemeente Hattem;gemeente;overheid;nee\r\nCaf'),
			0xe9,
			...utf8(' Zwolle;ondernemers;ondernemers;nee\r\n')
		]);
		const p = partnersImport.preview(t.ctx(), bytes);
		expect(p.rows[1].cells.naam).toBe('Café Zwolle');
		expect(p.text).toContain('Café Zwolle;ondernemers');
	});
});
