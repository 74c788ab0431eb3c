import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, logInAsAdmin, test } from './fresh-install';
import { expectNoViolations } from './axe';
import { checkImport } from './csv-import';
import type { Page } from '@playwright/test';

/**
 * The back-office's respondents on an installation of their own: import with a preview,
 * a second import that updates, search and filters, edit, deactivate, erase (and the name is
 * gone from the data folder), export.
 */
test.use({
	seedNetwork: {
		run: (store) =>
			store.updateNetwork((d) => {
				d.network = {
					id: 'regio-e2e',
					name: 'Regio E2E',
					description: '',
					isDemo: false,
					kAnonymity: 5,
					contactEmail: '',
					senderName: '',
					retentionMonths: 24,
					requireTotpForAdmins: false
				};
				d.partners = [
					{
						id: 'zwolle',
						name: 'Gemeente Zwolle',
						type: 'gemeente',
						helix: 'overheid',
						isCentre: true,
						contactName: '',
						contactEmail: '',
						archived: false
					},
					{
						id: 'windesheim',
						name: 'Windesheim',
						type: 'onderwijs',
						helix: 'onderwijs',
						isCentre: false,
						contactName: '',
						contactEmail: '',
						archived: false
					}
				];
				d.bodies = [
					{ id: 'po-economie', name: 'PO Economie', kind: 'bestuurlijk', counterpartId: 'ao-economie' },
					{ id: 'ao-economie', name: 'AO Economie', kind: 'ambtelijk', counterpartId: 'po-economie' }
				];
			})
	}
});
test.describe.configure({ mode: 'serial' });

const ERASED = { name: 'Geertruida Wissinkhof', email: 'g.wissinkhof@zwolle.test' };
const header = 'naam;e-mail;partner;rol;gremia';
const firstFile = [
	header,
	`${ERASED.name};${ERASED.email};Gemeente Zwolle;bestuurlijk;PO Economie`,
	'Bram Veldkamp;b.veldkamp@zwolle.test;zwolle;Ambtelijk;AO Economie',
	'Chantal Oosting;c.oosting@windesheim.test;Windesheim;directie;',
	'Dirk Mulder;d.mulder@windesheim.test;Gemeente Kampen;ambtelijk;PO Economie|AO Economie'
].join('\n');

async function upload(page: Page, name: string, text: string) {
	await checkImport(page, '/admin/deelnemers/import', name, text);
	await expect(page.getByRole('heading', { name: 'Voorbeeld' })).toBeVisible();
}

const row = (page: Page, line: number) => page.locator(`#regel-${line}`);

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile())
		.map((e) => join(e.parentPath, e.name));
}

test.beforeEach(async ({ page, fresh }) => {
	await logInAsAdmin(page, fresh);
});

test('an import shows each row’s problem before saving; the corrected file imports', async ({ page }) => {
	await upload(page, 'deelnemers.csv', firstFile);
	await expect(row(page, 5)).toContainText('Onbekende partner ‘Gemeente Kampen’');
	await expect(row(page, 2)).toContainText('toevoegen');
	await expect(page.getByText('1 regel heeft een probleem')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Importeren/ })).toHaveCount(0);
	await expectNoViolations(page, 'importvoorbeeld met een probleem');
	// Nothing was saved.
	await page.goto('/admin/deelnemers');
	await expect(page.getByText('Er zijn nog geen deelnemers.')).toBeVisible();

	await upload(page, 'deelnemers.csv', firstFile.replace('Gemeente Kampen', 'Windesheim'));
	await expect(page.getByText('4 regels: 4 toevoegen, 0 bijwerken, 0 ongewijzigd.')).toBeVisible();
	await page.getByRole('button', { name: 'Importeren: 4 toevoegen, 0 bijwerken' }).click();
	await expect(page.getByText('Import opgeslagen: 4 toegevoegd, 0 bijgewerkt.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Dirk Mulder' })).toBeVisible();
	await expect(page.getByText('4 deelnemers.')).toBeVisible();
});

test('a row fixed in the preview itself checks again and imports; a second import updates two people', async ({
	page
}) => {
	await upload(
		page,
		'tweede.csv',
		[
			header,
			'Bram Veldkamp;b.veldkamp@zwolle.test;zwolle;bestuurlijk;AO Economie|PO Economie',
			'Chantal Oosting-Kramer;c.oosting@windesheim.test;Windesheim;directie;',
			'Dirk Mulder;d.mulder@windesheim.test;Windesheim;ambtelijk;PO Economie|AO Economie',
			'Eva Smit;eva.smit@windesheim;Windesheim;ambtelijk;'
		].join('\n')
	);
	await expect(row(page, 5)).toContainText('Ongeldig e-mailadres ‘eva.smit@windesheim’');
	await expect(row(page, 2)).toContainText('bijwerken (rol, gremia)');
	await expect(row(page, 3)).toContainText('bijwerken (naam)');
	await expect(row(page, 4)).toContainText('ongewijzigd');
	// The admin drops the bad row in the text box and checks again.
	const text = page.getByLabel('Inhoud van het bestand');
	await text.fill((await text.inputValue()).replace(/\nEva Smit[^\n]*/, ''));
	await page.getByRole('button', { name: 'Opnieuw controleren' }).click();
	await expect(page.getByText('3 regels: 0 toevoegen, 2 bijwerken, 1 ongewijzigd.')).toBeVisible();
	await page.getByRole('button', { name: 'Importeren: 0 toevoegen, 2 bijwerken' }).click();
	await expect(page.getByText('Import opgeslagen: 0 toegevoegd, 2 bijgewerkt.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Chantal Oosting-Kramer' })).toBeVisible();
	await expect(page.getByText('4 deelnemers.')).toBeVisible();
});

test('search and filters live in the URL', async ({ page }) => {
	await page.goto('/admin/deelnemers');
	await page.getByLabel('Zoeken op naam of e-mailadres').fill('veldkamp');
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page).toHaveURL(/\?q=veldkamp/);
	await expect(page.getByText('1 van 4 deelnemers gevonden.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Bram Veldkamp' })).toBeVisible();

	await page.goto('/admin/deelnemers');
	await page.getByLabel('Partner').selectOption({ label: 'Windesheim' });
	await page.getByLabel('Rol').selectOption({ label: 'Ambtelijk' });
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page).toHaveURL(/partner=windesheim&role=ambtelijk/);
	await expect(page.getByRole('row')).toHaveCount(2);
	await expect(page.getByRole('link', { name: 'Dirk Mulder' })).toBeVisible();

	await page.goto('/admin/deelnemers?body=po-economie');
	await expect(page.getByText('3 van 4 deelnemers gevonden.')).toBeVisible();
	await expect(page.getByLabel('Gremium')).toHaveValue('po-economie');
	await expectNoViolations(page, 'deelnemerslijst met filter');
});

test('edit and deactivate a person; a taken e-mail is refused next to the field', async ({ page }) => {
	await page.goto('/admin/deelnemers');
	await page.getByRole('link', { name: 'Bram Veldkamp' }).click();
	await expect(page.getByRole('heading', { name: 'Bram Veldkamp' })).toBeVisible();
	await expectNoViolations(page, 'deelnemer bewerken');

	await page.getByLabel('E-mailadres').fill('d.mulder@windesheim.test');
	await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
	await expect(page.locator('#email-error')).toHaveText('Er is al een deelnemer met dit e-mailadres');
	await expect(page.getByLabel('E-mailadres')).toHaveAttribute('aria-invalid', 'true');

	await page.getByLabel('Naam').fill('Bram Veldkamp-de Boer');
	await page.getByLabel('E-mailadres').fill('b.veldkamp@zwolle.test');
	await page.getByLabel('Directie').check();
	await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
	await expect(page.getByText('De wijzigingen zijn opgeslagen.')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Bram Veldkamp-de Boer' })).toBeVisible();

	await page.getByRole('button', { name: 'Deactiveren' }).click();
	await expect(page.getByText(/De deelnemer is gedeactiveerd/)).toBeVisible();
	await page.goto('/admin/deelnemers?status=inactief');
	await expect(page.getByRole('link', { name: 'Bram Veldkamp-de Boer' })).toBeVisible();
	await expect(page.getByText('1 van 4 deelnemers gevonden.')).toBeVisible();
	await page.goto('/admin/deelnemers?role=directie');
	await expect(page.getByRole('link', { name: 'Bram Veldkamp-de Boer' })).toBeVisible();
});

test('export downloads the list as a CSV in the import format', async ({ page }) => {
	await page.goto('/admin/deelnemers');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Exporteren als CSV' }).click()
	]);
	expect(download.suggestedFilename()).toBe('deelnemers.csv');
	const text = readFileSync(await download.path(), 'utf8');
	expect(text.startsWith('\uFEFFnaam;e-mail;partner;rol;gremia;actief\r\n')).toBe(true);
	expect(text).toContain(
		'Bram Veldkamp-de Boer;b.veldkamp@zwolle.test;Gemeente Zwolle;Directie;AO Economie|PO Economie;nee'
	);
	expect(text.trim().split('\r\n')).toHaveLength(5);
	// Re-importing the export changes nothing.
	await upload(page, 'deelnemers.csv', text);
	await expect(page.getByText('4 regels: 0 toevoegen, 0 bijwerken, 4 ongewijzigd.')).toBeVisible();
});

test('erasing a person leaves the name and e-mail nowhere in the data folder', async ({ page, fresh }) => {
	const before = filesUnder(fresh.dataDir).filter((f) => readFileSync(f, 'latin1').includes(ERASED.name));
	expect(before.map((f) => f.slice(fresh.dataDir.length + 1))).toContain('network.json');

	await page.goto('/admin/deelnemers');
	await page.getByRole('link', { name: ERASED.name }).click();
	await page.getByRole('button', { name: 'Deelnemer wissen' }).click();
	await expect(page.locator('#confirm-error')).toContainText('Vink aan');
	await page.getByLabel('Ik begrijp dat wissen niet ongedaan kan worden gemaakt').check();
	await page.getByRole('button', { name: 'Deelnemer wissen' }).click();
	await expect(page.getByText('De deelnemer is gewist, met de uitnodigingen.')).toBeVisible();
	await expect(page.getByText('3 deelnemers.')).toBeVisible();

	const files = filesUnder(fresh.dataDir);
	expect(files.length).toBeGreaterThan(3);
	for (const f of files) {
		const text = readFileSync(f, 'latin1');
		expect(text, f).not.toContain(ERASED.name);
		expect(text, f).not.toContain('Wissinkhof');
		expect(text, f).not.toContain(ERASED.email);
	}
});

test('the add, import and retention pages pass axe', async ({ page }) => {
	await page.goto('/admin/deelnemers/nieuw');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.locator('#name-error')).toHaveText('Vul de naam in');
	await expectNoViolations(page, 'deelnemer toevoegen met fouten');
	await page.goto('/admin/deelnemers/import');
	await expectNoViolations(page, 'importeren');
	await page.goto('/admin/deelnemers/bewaartermijn');
	await expect(page.getByRole('heading', { name: 'Bewaartermijn' })).toBeVisible();
	await expect(page.getByText('Niemand is over de bewaartermijn.')).toBeVisible();
	await expectNoViolations(page, 'bewaartermijn');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('adding a person works, and a mistake keeps what was typed', async ({ page }) => {
		await page.goto('/admin/deelnemers/nieuw');
		await page.getByLabel('Naam').fill('Fenna Zonder Script');
		await page.getByLabel('E-mailadres').fill('fenna@zwolle');
		await page.getByLabel('Partner').selectOption({ label: 'Gemeente Zwolle' });
		await page.getByLabel('Ambtelijk').check();
		await page.getByLabel('AO Economie').check();
		await page.getByRole('button', { name: 'Opslaan' }).click();
		await expect(page.locator('#email-error')).toContainText('Vul een geldig e-mailadres in');
		await expect(page.getByLabel('Naam')).toHaveValue('Fenna Zonder Script');
		await expect(page.getByLabel('AO Economie')).toBeChecked();
		await expect(page.getByLabel('Ambtelijk')).toBeChecked();

		await page.getByLabel('E-mailadres').fill('fenna@zwolle.test');
		await page.getByRole('button', { name: 'Opslaan' }).click();
		await expect(page.getByText('De deelnemer is toegevoegd.')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Fenna Zonder Script' })).toBeVisible();
		await expect(page).toHaveURL(/\/admin\/deelnemers\/d-[a-z2-7]{10}\?/);
	});
});
