import { readFileSync } from 'node:fs';
import { expect, logInAsAdmin, test } from './fresh-install';
import { expectNoViolations } from './axe';
import type { Page } from '@playwright/test';
import { samenwerkingsscan } from '../../src/lib/questionnaires';
import { SCHEMA_VERSION } from '../../src/lib/model/ids';
import { networkSchema } from '../../src/lib/model/network';

/**
 * Questionnaires on an installation of their own: a new version of the built-in scan with a
 * reworded item, a new item, an item now about the own organisation and other scale labels; its preview as a respondent sees it; export
 * and import back; an import with errors; a version frozen by an open round; the editor without
 * JavaScript. The network has one questionnaire of its own, asked by an open round.
 */
const OPEN_ROUND = { id: 'najaar-2026', name: 'Najaar 2026' };
test.use({
	seedNetwork: {
		run: async (store) => {
			await store.updateNetwork((d) => {
				d.network = networkSchema.parse({ id: 'regio-e2e', name: 'Regio E2E' });
				d.questionnaires = [{ ...samenwerkingsscan, id: 'regio-scan', title: 'Regioscan' }];
				d.rounds = [
					{
						...OPEN_ROUND,
						questionnaireId: 'regio-scan',
						questionnaireVersion: 1,
						status: 'open',
						opensAt: '2026-01-01T08:00:00.000Z',
						closesAt: '2099-01-01T08:00:00.000Z',
						createdAt: '2026-01-01T08:00:00.000Z',
						closedAt: null,
						minimisedAt: null
					}
				];
			});
			await store.replaceRound(OPEN_ROUND.id, {
				schemaVersion: SCHEMA_VERSION,
				roundId: OPEN_ROUND.id,
				invitations: [],
				responses: []
			});
		}
	}
});
test.describe.configure({ mode: 'serial' });

const REWORDED = 'De partners werken samen aan één doel voor de hele regio.';
const ADDED = 'De partners weten van elkaar wat zij voor de regio willen bereiken.';

const section = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^Onderdeel ${n}\\b`) });
const item = (page: Page, s: number, i: number) =>
	section(page, s).getByLabel(`Tekst van stelling ${i}`, { exact: true });

test('a new version of the built-in scan: reword an item, add one, relabel the scale, preview, export, import', async ({
	page,
	fresh
}) => {
	// One story with eleven accessibility scans, two of them of a long editor.
	test.setTimeout(180_000);
	await logInAsAdmin(page, fresh);
	await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Vragenlijsten' }).click();
	await expect(page.getByRole('heading', { name: 'Vragenlijsten', level: 1 })).toBeVisible();
	await expect(page.getByRole('row', { name: /Versie 1 van Regioscan/ })).toContainText('Najaar 2026 (open)');
	await expectNoViolations(page, 'vragenlijsten');

	await page.getByRole('link', { name: 'Versie 1 van Samenwerkingsscan', exact: true }).click();
	await expect(page.getByText('Deze vragenlijst hoort bij de app en verandert niet')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Opslaan' })).toHaveCount(0);
	await expectNoViolations(page, 'ingebouwde vragenlijst');
	await page.getByRole('button', { name: 'Nieuwe versie maken' }).click();
	// Versions 1 and 2 are built in: the copy is version 3.
	await expect(page).toHaveURL(/\/admin\/vragenlijsten\/samenwerkingsscan\/3\?gemaakt=1$/);
	await expect(page.getByRole('status')).toHaveText(/Versie 3 is gemaakt als kopie/);
	await expectNoViolations(page, 'vragenlijst bewerken');

	// Reword the first item (it keeps its id), add an item, change the scale's labels.
	await expect(section(page, 1).getByText('Id inhoud-gedeeld-doel')).toBeVisible();
	await item(page, 1, 1).fill(REWORDED);
	await page.getByRole('button', { name: 'Stelling toevoegen aan onderdeel 1' }).click();
	await expect(page.getByRole('status')).toHaveText('Stelling 8 is toegevoegd aan onderdeel 1. Nog niet opgeslagen.');
	await expect(item(page, 1, 1)).toHaveValue(REWORDED);
	await item(page, 1, 8).fill('kort');
	await page.getByLabel('Label bij 1 (het laagste punt)').fill('Zeer oneens');
	await page.getByLabel('Label bij 5 (het hoogste punt)').fill('Zeer eens');
	await page.getByLabel('Label van ‘weet niet’').fill('Geen mening');
	await page.getByRole('button', { name: 'Opslaan' }).first().click();

	// Refused: the reason beside the field, in the list at the top, and nothing typed is lost.
	await expect(item(page, 1, 8)).toHaveAccessibleDescription(/Gebruik ten minste 5 tekens/);
	const reason = page.getByRole('link', {
		name: 'Onderdeel 1 ‘Werken aan een gedeelde ambitie’, stelling 8, tekst: Gebruik ten minste 5 tekens'
	});
	await expect(reason).toBeVisible();
	// Posted without reloading: the list of reasons takes focus, so it is read out.
	await expect(page.locator('[aria-labelledby="fouten-titel"]')).toBeFocused();
	await expect(item(page, 1, 1)).toHaveValue(REWORDED);
	await expect(page.getByLabel('Label bij 1 (het laagste punt)')).toHaveValue('Zeer oneens');
	await expectNoViolations(page, 'vragenlijst bewerken met fouten');
	await item(page, 1, 8).fill(ADDED);
	// Whom a statement is about: the first belangen item now about the own organisation.
	const subject = section(page, 4).getByLabel('Stelling 1 gaat over', { exact: true });
	await expect(subject).toHaveValue('samenwerking');
	await subject.selectOption({ label: 'de eigen organisatie van de deelnemer' });
	await page.getByRole('button', { name: 'Opslaan' }).first().click();
	await expect(page).toHaveURL(/\/samenwerkingsscan\/3\?opgeslagen=1$/);
	await expect(page.getByRole('status')).toHaveText('De wijzigingen zijn opgeslagen.');
	await expect(item(page, 1, 8)).toHaveValue(ADDED);
	await expect(section(page, 1).getByText('Id inhoud-gedeeld-doel')).toBeVisible();
	await expect(section(page, 1).getByText(/^Id inhoud-partners-weten-elkaar/)).toBeVisible();
	// Reopened, the choice is still there.
	await page.goto('/admin/vragenlijsten/samenwerkingsscan/3');
	await expect(section(page, 4).getByLabel('Stelling 1 gaat over', { exact: true })).toHaveValue('eigen-organisatie');
	await expect(section(page, 4).getByLabel('Stelling 2 gaat over', { exact: true })).toHaveValue('samenwerking');

	// The preview is the survey itself, with this version's text and scale.
	await page.getByRole('link', { name: 'Voorbeeld bekijken' }).click();
	await expect(page.getByRole('heading', { name: 'Welkom bij de Samenwerkingsscan' })).toBeVisible();
	// As on a survey link: no SvelteKit client, only the survey's own script.
	expect(await page.evaluate(() => document.querySelectorAll('script[src*="survey-enhance"]').length)).toBe(1);
	expect(await page.evaluate(() => document.getElementById('svelte-announcer'))).toBe(null);
	await expect(page.getByText('Bij elke stelling kiest u van ‘zeer oneens’ tot ‘zeer eens’')).toBeVisible();
	await expectNoViolations(page, 'voorbeeld: welkom');
	await page.getByRole('link', { name: 'Beginnen' }).click();
	await expect(page.getByText('Stap 1 van 6', { exact: true })).toBeVisible();
	const reworded = page.getByRole('group', { name: `1. ${REWORDED}` });
	await expect(reworded.getByRole('radio')).toHaveCount(6);
	await expect(reworded.getByRole('radio', { name: 'Zeer oneens' })).toBeVisible();
	await expect(reworded.getByRole('radio', { name: 'Geen mening' })).toBeVisible();
	await expect(page.getByRole('group', { name: `8. ${ADDED}` })).toBeVisible();
	await expectNoViolations(page, 'voorbeeld: stap 1');
	await reworded.getByText('Zeer eens').click();
	await page.getByRole('button', { name: 'Volgende stap' }).click();
	await expect(page.getByText('Stap 2 van 6', { exact: true })).toBeVisible();
	await page.goto(page.url().replace(/stap\/2$/, 'controle'));
	// Nothing was kept of the answer on step 1: a preview stores nothing.
	await expect(page.getByText('U heeft nog geen stelling beantwoord.')).toBeVisible();
	await expectNoViolations(page, 'voorbeeld: controleren');
	await page.getByRole('button', { name: 'Antwoorden verzenden' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'U heeft het voorbeeld verzonden. Er is niets verzonden of bewaard.'
	);
	await page.getByRole('link', { name: 'Terug naar de vragenlijst' }).click();

	// Export, and import the file back: it becomes the next version.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Exporteren als JSON' }).click()
	]);
	expect(download.suggestedFilename()).toBe('samenwerkingsscan-versie-3.json');
	const exported = readFileSync(await download.path(), 'utf8');
	const json = JSON.parse(exported);
	expect(json).toMatchObject({ id: 'samenwerkingsscan', version: 3 });
	expect(json.scale.labels).toEqual(['Zeer oneens', 'Oneens', 'Neutraal', 'Eens', 'Zeer eens']);
	expect(json.sections[0].items[0]).toEqual({
		id: 'inhoud-gedeeld-doel',
		text: REWORDED,
		reversed: false,
		subject: 'samenwerking'
	});
	expect(json.sections[3].items[0]).toMatchObject({ id: 'belangen-win-win', subject: 'eigen-organisatie' });
	expect(json.sections[0].items[7].text).toBe(ADDED);

	await page.goto('/admin/vragenlijsten/import');
	await expectNoViolations(page, 'vragenlijst importeren');
	await page
		.getByLabel('JSON-bestand')
		.setInputFiles({ name: 'scan.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
	await page.getByRole('button', { name: 'Importeren' }).click();
	await expect(page).toHaveURL(/\/samenwerkingsscan\/4\?geimporteerd=1&was=3$/);
	await expect(page.getByRole('status')).toHaveText(
		'De vragenlijst is geïmporteerd als versie 4: versie 3 van samenwerkingsscan bestond al.'
	);
	await expect(item(page, 1, 1)).toHaveValue(REWORDED);
	await expect(section(page, 4).getByLabel('Stelling 1 gaat over', { exact: true })).toHaveValue('eigen-organisatie');

	// A file with errors: each names its line and field; nothing is stored; the text can be mended on the page.
	const broken = exported.replace(`"text": "${ADDED}"`, '"text": "kort"').replace('"minutes": 12', '"minutes": "12"');
	const lineOf = (needle: string) => broken.slice(0, broken.indexOf(needle)).split('\n').length;
	await page.goto('/admin/vragenlijsten/import');
	await page
		.getByLabel('JSON-bestand')
		.setInputFiles({ name: 'fout.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
	await page.getByRole('button', { name: 'Importeren' }).click();
	const problems = page.getByRole('alert');
	await expect(problems).toContainText('Er zijn 2 fouten gevonden; er is niets opgeslagen.');
	const minutes = problems.getByRole('listitem').filter({ hasText: 'minutes' });
	await expect(minutes).toContainText(`Regel ${lineOf('"minutes"')}`);
	await expect(minutes).toContainText('Verwacht een getal, maar dit is tekst');
	const text = problems.getByRole('listitem').filter({ hasText: 'sections[0].items[7].text' });
	await expect(text).toContainText(`Regel ${lineOf('"text": "kort"')}`);
	await expect(text).toContainText('Onderdeel 1 ‘Werken aan een gedeelde ambitie’, stelling 8, tekst');
	await expect(text).toContainText('Gebruik ten minste 5 tekens');
	await expect(page.getByLabel('JSON-bestand')).toHaveAccessibleDescription(/Regel \d+/);
	await expectNoViolations(page, 'vragenlijst importeren met fouten');

	const mended = page.getByLabel('Inhoud van het bestand');
	await expect(mended).toHaveValue(broken);
	await mended.fill(
		broken.replace('"minutes": "12"', '"minutes": 12,').replace('"text": "kort"', '"text": "Lang genoeg nu."')
	);
	await page.getByRole('button', { name: 'Importeren' }).click();
	await expect(page.getByRole('alert')).toContainText(`Regel ${lineOf('"minutes"')}, kolom 17`);
	await expect(page.getByRole('alert')).toContainText('Geen geldige JSON');
	await page
		.getByLabel('Inhoud van het bestand')
		.fill(broken.replace('"minutes": "12"', '"minutes": 12').replace('"text": "kort"', '"text": "Lang genoeg nu."'));
	await page.getByRole('button', { name: 'Importeren' }).click();
	await expect(page).toHaveURL(/\/samenwerkingsscan\/5\?geimporteerd=1&was=3$/);

	await page.goto('/admin/vragenlijsten');
	for (const v of [1, 2, 3, 4, 5])
		await expect(page.getByRole('link', { name: `Versie ${v} van Samenwerkingsscan`, exact: true })).toBeVisible();
	await expect(page.getByRole('row', { name: /Versie 2 van Samenwerkingsscan/ })).toContainText('Ingebouwd');
	await expect(page.getByRole('row', { name: /Versie 3 van Samenwerkingsscan/ })).toContainText('Concept');
});

test('a version an open round uses is frozen: it offers a new version instead of editing', async ({ page, fresh }) => {
	await logInAsAdmin(page, fresh);
	await page.goto('/admin/vragenlijsten');
	await expect(page.getByRole('row', { name: /Versie 1 van Regioscan/ })).toContainText('Vastgelegd');
	await page.getByRole('link', { name: 'Versie 1 van Regioscan', exact: true }).click();
	await expect(page.getByText('Deze versie ligt vast: meetronde ‘Najaar 2026’ (open) is ermee geopend')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Opslaan' })).toHaveCount(0);
	await expect(page.getByLabel('Titel van de vragenlijst')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Verwijderen' })).toHaveCount(0);
	await expectNoViolations(page, 'vastgelegde vragenlijst');
	await page.getByRole('button', { name: 'Nieuwe versie maken' }).click();
	await expect(page).toHaveURL(/\/admin\/vragenlijsten\/regio-scan\/2\?gemaakt=1$/);
	await expect(page.getByLabel('Titel van de vragenlijst')).toHaveValue('Regioscan');
	await expect(page.getByText('Concept: nog door geen meetronde gebruikt')).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the editor moves, rewords and saves as plain posts, and a draft is deleted', async ({ page, fresh }) => {
		await logInAsAdmin(page, fresh);
		await page.goto('/admin/vragenlijsten/ontwerpcriteria/1');
		await page.getByRole('button', { name: 'Nieuwe versie maken' }).click();
		await expect(page).toHaveURL(/\/ontwerpcriteria\/3\?gemaakt=1$/);
		const second = await item(page, 1, 2).inputValue();
		await item(page, 1, 1).fill('Getypt voor het verplaatsen, en niet kwijt.');
		await section(page, 1).getByRole('button', { name: 'Omhoog stelling 2 van onderdeel 1' }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Stelling 2 van onderdeel 1 staat nu op plaats 1. Nog niet opgeslagen.'
		);
		await expect(item(page, 1, 1)).toHaveValue(second);
		await expect(item(page, 1, 2)).toHaveValue('Getypt voor het verplaatsen, en niet kwijt.');
		await page.getByLabel('Titel van de vragenlijst').fill('');
		await page.getByRole('button', { name: 'Opslaan' }).first().click();
		await expect(page.getByLabel('Titel van de vragenlijst')).toHaveAccessibleDescription('Vul dit veld in');
		await expect(item(page, 1, 2)).toHaveValue('Getypt voor het verplaatsen, en niet kwijt.');
		await page.getByLabel('Titel van de vragenlijst').fill('Ontwerpcriteria 2027');
		await page.getByRole('button', { name: 'Opslaan' }).first().click();
		await expect(page.getByRole('status')).toHaveText('De wijzigingen zijn opgeslagen.');
		await expect(page.getByRole('heading', { name: 'Ontwerpcriteria 2027 versie 3', level: 1 })).toBeVisible();
		await expect(item(page, 1, 1)).toHaveValue(second);
		await expect(item(page, 1, 2)).toHaveValue('Getypt voor het verplaatsen, en niet kwijt.');

		await page.getByLabel('Ja, verwijder versie 3 van Ontwerpcriteria 2027 definitief').check();
		await page.getByRole('button', { name: 'Verwijderen' }).click();
		await expect(page.getByRole('status')).toHaveText('De versie is verwijderd.');
		await expect(page.getByRole('link', { name: /Versie 3 van Ontwerp/ })).toHaveCount(0);
	});
});
