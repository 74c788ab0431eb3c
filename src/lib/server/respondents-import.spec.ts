import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as importer from './respondents-import';
import * as exporter from './respondents-export';
import * as respondents from './respondents';
import * as audit from './audit';
import { CsvError } from './csv/read';
import { openRespondentsFixture, type RespondentsFixture } from './respondents.test-fixture';
import { parseRespondentFilter } from '$lib/model/respondent-forms';

let fx: RespondentsFixture;
beforeEach(async () => {
	fx = await openRespondentsFixture();
});
afterEach(async () => {
	await fx.close();
});

const csv = (...lines: string[]) => ['naam;e-mail;partner;rol;gremia', ...lines].join('\r\n');
const all = parseRespondentFilter(new URLSearchParams());

describe('respondents import', () => {
	it('lists every kind of problem next to its row and saves nothing', async () => {
		await fx.seed([{ name: 'Al Bekend', email: 'bekend@zwolle.nl' }]);
		const p = importer.preview(
			fx.ctx(),
			csv(
				'Goed Mens;goed@zwolle.nl;Gemeente Zwolle;bestuurlijk;PO Economie',
				'Onbekend;o@x.nl;Gemeente Kampen;ambtelijk;',
				'Rolloos;r@x.nl;zwolle;wethouder;',
				'Slecht Adres;geen-adres;zwolle;ambtelijk;',
				'Dubbel Een;dubbel@x.nl;zwolle;ambtelijk;',
				'Dubbel Twee;DUBBEL@x.nl;windesheim;ambtelijk;',
				'Gremiumloos;g@x.nl;zwolle;ambtelijk;PO Economie|Nergensoverleg',
				';leeg@x.nl;Oude Partner;;'
			)
		);
		const problems = Object.fromEntries(p.rows.map((r) => [r.line, r.problems]));
		expect(problems[2]).toEqual([]);
		expect(problems[3]).toEqual(['Onbekende partner ‘Gemeente Kampen’']);
		expect(problems[4]).toEqual([expect.stringMatching(/^Onbekende rol ‘wethouder’; kies uit bestuurlijk, ambtelijk/)]);
		expect(problems[5]).toEqual(['Ongeldig e-mailadres ‘geen-adres’']);
		expect(problems[6]).toEqual(['Dit e-mailadres staat ook op regel 7']);
		expect(problems[7]).toEqual(['Dit e-mailadres staat ook op regel 6']);
		expect(problems[8]).toEqual(['Onbekend gremium ‘Nergensoverleg’']);
		expect(problems[9]).toEqual(['Vul de naam in', 'Partner ‘Oude Partner’ is gearchiveerd', 'Vul een rol in']);
		expect(p.counts).toMatchObject({ add: 8, problems: 7 });

		await expect(importer.commit(fx.ctx(), csv('Goed;goed@zwolle.nl;zwolle;x;'), p.plan)).rejects.toBeInstanceOf(
			importer.ImportProblemsError
		);
		expect(fx.store.network().respondents).toHaveLength(1);
	});

	it('adds new people and updates those it finds by e-mail, and the preview says which', async () => {
		await fx.seed([
			{ name: 'Anna de Vries', email: 'anna@zwolle.nl', role: 'ambtelijk' },
			{ name: 'Bert Boer', email: 'bert@zwolle.nl', role: 'bestuurlijk', bodyIds: ['po-economie'] },
			{ name: 'Cor Kok', email: 'cor@zwolle.nl', role: 'directie' }
		]);
		const file = csv(
			'Anna de Vries;Anna@Zwolle.nl;zwolle;Bestuurlijk;',
			'Bert Boer;bert@zwolle.nl;Gemeente Zwolle;bestuurlijk;po-economie',
			'Cor Kok-Jansen;cor@zwolle.nl;Windesheim;directie;AO Economie|PO Economie',
			'Nieuw Mens;nieuw@windesheim.nl;windesheim;raad/staten;'
		);
		const p = importer.preview(fx.ctx(), file);
		expect(p.rows.map((r) => [r.line, r.action, r.changes])).toEqual([
			[2, 'update', ['rol']],
			[3, 'unchanged', []],
			[4, 'update', ['naam', 'partner', 'gremia']],
			[5, 'add', []]
		]);
		expect(p.counts).toEqual({ add: 1, update: 2, unchanged: 1, problems: 0 });

		expect(await importer.commit(fx.ctx(), file, p.plan)).toEqual({ added: 1, updated: 2, unchanged: 1 });
		const people = respondents.matching(fx.ctx(), all);
		expect(people).toHaveLength(4);
		expect(people.find((r) => r.email === 'anna@zwolle.nl')).toMatchObject({ id: 'seed-1', role: 'bestuurlijk' });
		expect(people.find((r) => r.email === 'cor@zwolle.nl')).toMatchObject({
			name: 'Cor Kok-Jansen',
			partnerId: 'windesheim',
			bodyIds: ['ao-economie', 'po-economie']
		});
		expect(people.find((r) => r.email === 'nieuw@windesheim.nl')).toMatchObject({
			id: expect.stringMatching(/^d-[a-z2-7]{10}$/),
			role: 'raad-staten',
			active: true,
			createdAt: '2026-11-15T10:00:00.000Z'
		});
		expect((await audit.list(fx.ctx())).entries[0]).toMatchObject({
			action: 'respondents.imported',
			detail: '1 toegevoegd, 2 bijgewerkt, 1 ongewijzigd'
		});
	});

	it('refuses a commit when the network changed since the preview, and shows the new preview', async () => {
		const file = csv('Anna;anna@zwolle.nl;zwolle;ambtelijk;');
		const p = importer.preview(fx.ctx(), file);
		expect(p.rows[0].action).toBe('add');
		await fx.seed([{ name: 'Anna', email: 'anna@zwolle.nl', role: 'bestuurlijk' }]);
		const refusal = await importer.commit(fx.ctx(), file, p.plan).catch((e) => e);
		expect(refusal).toBeInstanceOf(importer.ImportChangedError);
		expect(refusal.preview.rows[0]).toMatchObject({ action: 'update', changes: ['rol'] });
		expect(fx.store.network().respondents[0].role).toBe('bestuurlijk');
	});

	it('flags an e-mail that two existing people share instead of guessing which one to update', async () => {
		await fx.seed([
			{ name: 'Een', email: 'gedeeld@zwolle.nl' },
			{ name: 'Twee', email: 'gedeeld@zwolle.nl' }
		]);
		const p = importer.preview(fx.ctx(), csv('Een;gedeeld@zwolle.nl;zwolle;ambtelijk;'));
		expect(p.rows[0].problems).toEqual([expect.stringMatching(/^2 bestaande deelnemers hebben dit e-mailadres/)]);
	});

	it('refuses an unreadable file with a Dutch reason', () => {
		expect(() => importer.preview(fx.ctx(), 'naam;partner\nA;zwolle')).toThrow(CsvError);
		expect(() => importer.preview(fx.ctx(), 'naam;partner\nA;zwolle')).toThrow(/mist de kolommen ‘e-mail’, ‘rol’/);
	});

	it('exports in the import format; importing the export changes nothing, and formulas are neutralised', async () => {
		await fx.seed([
			{ name: "=cmd|' /C calc'!A0", email: 'formule@zwolle.nl', bodyIds: ['po-economie', 'ao-economie'] },
			{ name: '+31 Telefoon', email: 'plus@zwolle.nl', partnerId: 'windesheim', role: 'raad-staten' },
			{ name: '@Mention; "quotes"', email: 'at@zwolle.nl', active: false },
			{ name: 'Gewoon Mens', email: 'gewoon@zwolle.nl', partnerId: 'oud' }
		]);
		const text = exporter.respondentsCsv(fx.ctx(), all);
		expect(text.startsWith('\uFEFFnaam;e-mail;partner;rol;gremia;actief\r\n')).toBe(true);
		expect(text).toContain(
			"'=cmd|' /C calc'!A0;formule@zwolle.nl;Gemeente Zwolle;Ambtelijk;PO Economie|AO Economie;ja"
		);
		expect(text).toContain("'+31 Telefoon;plus@zwolle.nl;Windesheim;Raad / Staten;;ja");
		expect(text).toContain('"\'@Mention; ""quotes""";at@zwolle.nl;');
		expect(text).not.toMatch(/(^|;|\n)[=+@-]/);

		const before = structuredClone(fx.store.network().respondents);
		const p = importer.preview(fx.ctx(), new TextEncoder().encode(text));
		// The archived partner's person is unchanged too, but an import may not add anyone to it.
		expect(p.rows.filter((r) => r.action !== 'unchanged')).toEqual([]);
		expect(p.rows.find((r) => r.email === 'gewoon@zwolle.nl')?.problems).toEqual([
			'Partner ‘Oude Partner’ is gearchiveerd'
		]);
		const rest = text
			.split('\r\n')
			.filter((l) => !l.includes('gewoon@'))
			.join('\r\n');
		const p2 = importer.preview(fx.ctx(), rest);
		expect(p2.counts).toEqual({ add: 0, update: 0, unchanged: 3, problems: 0 });
		await importer.commit(fx.ctx(), rest, p2.plan);
		expect(fx.store.network().respondents).toEqual(before);
	});

	it('previews and commits 10,000 rows (the bench times it: npm run bench import)', async () => {
		await fx.seed(Array.from({ length: 2000 }, (_, i) => ({ name: `Bestaand ${i}`, email: `p${i}@zwolle.nl` })));
		const lines = Array.from(
			{ length: 10_000 },
			(_, i) =>
				`Persoon ${i} Achternaam;p${i}@zwolle.nl;${i % 2 ? 'Gemeente Zwolle' : 'windesheim'};${i % 3 ? 'ambtelijk' : 'Bestuurlijk'};${i % 4 ? 'PO Economie' : 'po-economie|AO Economie'}`
		);
		const bytes = new TextEncoder().encode(csv(...lines));
		const p = importer.preview(fx.ctx(), bytes);
		const result = await importer.commit(fx.ctx(), bytes, p.plan);
		expect(p.counts).toEqual({ add: 8000, update: 2000, unchanged: 0, problems: 0 });
		expect(result).toEqual({ added: 8000, updated: 2000, unchanged: 0 });
		expect(fx.store.network().respondents).toHaveLength(10_000);
	});
});
