import { expect, logInAsAdmin, test } from './fresh-install';
import { expectNoViolations } from './axe';
import type { Page } from '@playwright/test';

/** The back-office for the network's partners and bodies, on an empty installation of its own. */

const csvFile = (text: string, name = 'partners.csv') => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from('\uFEFF' + text, 'utf8')
});

async function addPartner(page: Page, name: string, type: string, helix: string) {
	await page.goto('/admin/partners/nieuw');
	await page.getByLabel('Naam van de organisatie').fill(name);
	await page.getByLabel('Type').selectOption({ label: type });
	await page.getByRole('radio', { name: helix }).check();
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText(`Partner ‘${name}’ is opgeslagen.`);
}

test('an admin adds a partner, sees errors next to the fields, edits it, archives and restores it', async ({
	page,
	fresh
}) => {
	await logInAsAdmin(page, fresh);
	await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Partners' }).click();
	await expect(page.getByRole('heading', { name: 'Partners', level: 1 })).toBeVisible();
	await expectNoViolations(page, 'partners (leeg)');

	await page.getByRole('link', { name: 'Partner toevoegen' }).click();
	await page.getByLabel('Naam', { exact: true }).fill('Jan de Vries');
	await page.getByLabel('E-mailadres').fill('jan-at-zwolle');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	// Nothing saved; each reason sits under its own field, and what was typed stays.
	await expect(page.getByLabel('Naam van de organisatie')).toHaveAccessibleDescription(/Vul de naam van de partner in/);
	await expect(page.getByLabel('Type')).toHaveAccessibleDescription('Kies het soort organisatie');
	await expect(page.getByText('Kies de helix')).toBeVisible();
	await expect(page.getByLabel('E-mailadres')).toHaveAccessibleDescription(/Vul een geldig e-mailadres in/);
	await expect(page.getByLabel('Naam', { exact: true })).toHaveValue('Jan de Vries');
	await expectNoViolations(page, 'partner toevoegen met fouten');

	await page.getByLabel('Naam van de organisatie').fill('Gemeente Zwolle');
	await page.getByLabel('Type').selectOption({ label: 'Gemeente' });
	await page.getByRole('radio', { name: 'Overheid' }).check();
	await page.getByLabel('Centrumgemeente').check();
	await page.getByLabel('E-mailadres').fill('Jan@Zwolle.nl');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page).toHaveURL(/\/admin\/partners\?opgeslagen=gemeente-zwolle$/);
	await expect(page.getByRole('status')).toHaveText('Partner ‘Gemeente Zwolle’ is opgeslagen.');
	const row = page.getByRole('row', { name: /Gemeente Zwolle/ });
	await expect(row).toContainText('Gemeente');
	await expect(row).toContainText('Overheid');
	await expect(row).toContainText('Ja');
	await expect(row).toContainText('jan@zwolle.nl');

	// A second partner of the same name is refused next to the name.
	await page.goto('/admin/partners/nieuw');
	await page.getByLabel('Naam van de organisatie').fill(' gemeente zwolle');
	await page.getByLabel('Type').selectOption({ label: 'Gemeente' });
	await page.getByRole('radio', { name: 'Overheid' }).check();
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByLabel('Naam van de organisatie')).toHaveAccessibleDescription(
		/Er is al een partner met de naam ‘Gemeente Zwolle’/
	);

	await page.goto('/admin/partners');
	await page.getByRole('link', { name: 'Gemeente Zwolle' }).click();
	await expect(page.getByRole('heading', { name: 'Gemeente Zwolle', level: 1 })).toBeVisible();
	await expectNoViolations(page, 'partner bewerken');
	await page.getByLabel('Naam van de organisatie').fill('Gemeente Zwolle (centrum)');
	await page.getByLabel('Naam', { exact: true }).fill('Jan de Vries');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	// The id stays: the address of the partner is the one it had.
	await expect(page).toHaveURL(/\?opgeslagen=gemeente-zwolle$/);
	await expect(page.getByRole('row', { name: /Gemeente Zwolle \(centrum\)/ })).toContainText('Jan de Vries');

	await page.getByRole('link', { name: 'Gemeente Zwolle (centrum)' }).click();
	await page.getByRole('button', { name: 'Archiveren' }).click();
	await expect(page.getByRole('status')).toHaveText('Partner ‘Gemeente Zwolle (centrum)’ is gearchiveerd.');
	await expect(page.getByRole('table')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Gearchiveerd' })).toBeVisible();
	await expectNoViolations(page, 'partners met archief');
	await page.getByRole('button', { name: 'Gemeente Zwolle (centrum) terugzetten' }).click();
	await expect(page.getByRole('status')).toHaveText('Partner ‘Gemeente Zwolle (centrum)’ is teruggezet.');
	await expect(page.getByRole('row', { name: /Gemeente Zwolle \(centrum\)/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Gearchiveerd' })).toHaveCount(0);
});

test('an unused partner can be deleted, after ticking the box', async ({ page, fresh }) => {
	await logInAsAdmin(page, fresh);
	await addPartner(page, 'Per ongeluk BV', 'Overig', 'Maatschappij');
	await page.getByRole('link', { name: 'Per ongeluk BV' }).click();
	await page.getByRole('button', { name: 'Verwijderen' }).click();
	await expect(
		page.getByRole('checkbox', { name: /Ja, verwijder Per ongeluk BV definitief/ })
	).toHaveAccessibleDescription('Vink aan dat u deze partner definitief wilt verwijderen.');
	await page.getByRole('checkbox', { name: /Ja, verwijder/ }).check();
	await page.getByRole('button', { name: 'Verwijderen' }).click();
	await expect(page.getByRole('status')).toHaveText('De partner is verwijderd.');
	await expect(page.getByRole('link', { name: 'Per ongeluk BV' })).toHaveCount(0);
});

test('a partners CSV: the bad row shows its problem, the fixed file imports, a second import updates', async ({
	page,
	fresh
}) => {
	await logInAsAdmin(page, fresh);
	await page.goto('/admin/partners/import');
	await expect(page.getByText(/Een regel met de naam van een bestaande partner werkt die partner bij/)).toBeVisible();
	await expectNoViolations(page, 'partners importeren');

	const bad = [
		'Naam;Type;Helix;Centrumgemeente',
		'Gemeente Kampen;gemeente;overheid;nee',
		'Hogeschool Windesheim;hogeschool;Onderwijs;nee',
		'Landstede;Onderwijs;onderwijs;nee'
	].join('\r\n');
	await page.getByLabel('CSV-bestand').setInputFiles(csvFile(bad));
	await page.getByRole('button', { name: 'Controleren' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'3 regels: 2 toevoegen, 0 bijwerken, 0 ongewijzigd; 1 regel met een probleem.'
	);
	const badRow = page.getByRole('row', { name: /Hogeschool Windesheim/ });
	await expect(badRow.getByRole('cell').first()).toHaveText('3');
	await expect(badRow).toContainText('Onbekend type ‘hogeschool’');
	await expect(page.getByRole('row', { name: /Gemeente Kampen/ })).toContainText('Toevoegen');
	// Confirming is not offered while a row has a problem; nothing was saved.
	await expect(page.getByRole('button', { name: /^Importeren/ })).toHaveCount(0);
	await expectNoViolations(page, 'voorvertoning met probleem');
	await page.goto('/admin/partners');
	await expect(page.getByRole('link', { name: 'Gemeente Kampen' })).toHaveCount(0);

	// The admin fixes the file and imports it.
	await page.goto('/admin/partners/import');
	await page.getByLabel('CSV-bestand').setInputFiles(csvFile(bad.replace('hogeschool;', 'onderwijs;')));
	await page.getByRole('button', { name: 'Controleren' }).click();
	await expect(page.getByRole('status')).toHaveText('3 regels: 3 toevoegen, 0 bijwerken, 0 ongewijzigd.');
	await expectNoViolations(page, 'voorvertoning zonder problemen');
	await page.getByRole('button', { name: 'Importeren: 3 toevoegen, 0 bijwerken' }).click();
	await expect(page.getByRole('status')).toHaveText('Import klaar: 3 toegevoegd, 0 bijgewerkt.');
	await expect(page.getByRole('row', { name: /Hogeschool Windesheim/ })).toContainText('Onderwijs');

	// A second import, comma-separated with contacts, matches by name and updates.
	const second = [
		'naam,type,helix,centrumgemeente,contactpersoon,contact-e-mail',
		'GEMEENTE KAMPEN,Gemeente,Overheid,nee,Els Bakker,els@kampen.nl',
		'Landstede,onderwijs,onderwijs,nee,,',
		'Deltion College,onderwijs,onderwijs,nee,,'
	].join('\n');
	await page.goto('/admin/partners/import');
	await page.getByLabel('CSV-bestand').setInputFiles(csvFile(second, 'tweede.csv'));
	await page.getByRole('button', { name: 'Controleren' }).click();
	await expect(page.getByRole('status')).toHaveText('3 regels: 1 toevoegen, 1 bijwerken, 1 ongewijzigd.');
	await expect(page.getByRole('row', { name: /GEMEENTE KAMPEN/ })).toContainText('Bijwerken');
	await expect(page.getByRole('row', { name: /^2 / })).toContainText('contactpersoon');
	await expect(page.getByRole('row', { name: /Landstede/ })).toContainText('Ongewijzigd');
	await expect(page.getByRole('row', { name: /Deltion/ })).toContainText('Toevoegen');
	await page.getByRole('button', { name: 'Importeren: 1 toevoegen, 1 bijwerken' }).click();
	await expect(page.getByRole('status')).toHaveText('Import klaar: 1 toegevoegd, 1 bijgewerkt.');
	await expect(page.getByRole('row', { name: /GEMEENTE KAMPEN/ })).toContainText('els@kampen.nl');
	await expect(page.getByRole('link', { name: 'Gemeente Kampen', exact: true })).toHaveCount(0);
});

test('rows can be fixed in the preview’s text box instead of the file', async ({ page, fresh }) => {
	await logInAsAdmin(page, fresh);
	await page.goto('/admin/partners/import');
	await page
		.getByLabel('CSV-bestand')
		.setInputFiles(csvFile('naam;type;helix;centrumgemeente\nVNO-NCW Regio Zwolle;ondernemers;bedrijven;nee\n'));
	await page.getByRole('button', { name: 'Controleren' }).click();
	await expect(page.getByRole('row', { name: /VNO-NCW/ })).toContainText('Onbekende helix ‘bedrijven’');
	const box = page.getByLabel('Inhoud van het bestand');
	await box.fill((await box.inputValue()).replace('bedrijven', 'ondernemers'));
	await page.getByRole('button', { name: 'Opnieuw controleren' }).click();
	await expect(page.getByRole('status')).toHaveText('1 regel: 1 toevoegen, 0 bijwerken, 0 ongewijzigd.');
	await page.getByRole('button', { name: 'Importeren: 1 toevoegen, 0 bijwerken' }).click();
	await expect(page.getByRole('row', { name: /VNO-NCW Regio Zwolle/ })).toContainText('Ondernemers');
});

test('bodies: a bestuurlijk overleg and its ambtelijk counterpart are paired both ways', async ({ page, fresh }) => {
	await logInAsAdmin(page, fresh);
	await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Gremia' }).click();
	await expect(page.getByText('Er zijn nog geen gremia.')).toBeVisible();
	await expectNoViolations(page, 'gremia (leeg)');

	await page.getByRole('link', { name: 'Overleg toevoegen' }).click();
	await page.getByLabel('Naam van het overleg').fill('Portefeuillehoudersoverleg Economie');
	await page.getByRole('radio', { name: 'Bestuurlijk' }).check();
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('Overleg ‘Portefeuillehoudersoverleg Economie’ is opgeslagen.');

	await page.getByRole('link', { name: 'Overleg toevoegen' }).click();
	await expectNoViolations(page, 'overleg toevoegen');
	await page.getByLabel('Naam van het overleg').fill('Ambtelijk overleg Economie');
	await page.getByRole('radio', { name: 'Ambtelijk' }).check();
	await page.getByLabel('Tegenhanger').selectOption({ label: 'Portefeuillehoudersoverleg Economie' });
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('row', { name: /^Ambtelijk overleg Economie/ })).toContainText(
		'Portefeuillehoudersoverleg Economie'
	);
	await expect(page.getByRole('row', { name: /^Portefeuillehoudersoverleg Economie/ })).toContainText(
		'Ambtelijk overleg Economie'
	);
	await expectNoViolations(page, 'gremia');

	// A third, bestuurlijk body cannot take a bestuurlijk counterpart.
	await page.getByRole('link', { name: 'Overleg toevoegen' }).click();
	await page.getByLabel('Naam van het overleg').fill('Bestuur Economic Board');
	await page.getByRole('radio', { name: 'Bestuurlijk' }).check();
	await page.getByLabel('Tegenhanger').selectOption({ label: 'Portefeuillehoudersoverleg Economie' });
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByLabel('Tegenhanger')).toHaveAccessibleDescription(
		/De tegenhanger van een bestuurlijk overleg is een ambtelijk overleg; ‘Portefeuillehoudersoverleg Economie’ is ook bestuurlijk\./
	);
	// It takes the ambtelijk one instead, which leaves its old partner without a counterpart.
	await page.getByLabel('Tegenhanger').selectOption({ label: 'Ambtelijk overleg Economie' });
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('row', { name: /^Ambtelijk overleg Economie/ })).toContainText('Bestuur Economic Board');
	await expect(page.getByRole('row', { name: /^Portefeuillehoudersoverleg Economie/ })).toContainText('Geen');

	await page.getByRole('link', { name: 'Bestuur Economic Board' }).click();
	await expect(page.getByLabel('Tegenhanger')).toHaveValue('ambtelijk-overleg-economie');
	await expectNoViolations(page, 'overleg bewerken');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the partner form works as a plain post: errors, save, edit, archive', async ({ page, fresh }) => {
		await logInAsAdmin(page, fresh);
		await page.goto('/admin/partners/nieuw');
		await page.getByLabel('Naam van de organisatie').fill('Provincie Overijssel');
		await page.getByRole('button', { name: 'Opslaan' }).click();
		await expect(page.getByLabel('Type')).toHaveAccessibleDescription('Kies het soort organisatie');
		await expect(page.getByLabel('Naam van de organisatie')).toHaveValue('Provincie Overijssel');
		await page.getByLabel('Type').selectOption({ label: 'Provincie' });
		await page.getByRole('radio', { name: 'Overheid' }).check();
		await page.getByRole('button', { name: 'Opslaan' }).click();
		await expect(page.getByRole('status')).toHaveText('Partner ‘Provincie Overijssel’ is opgeslagen.');

		await page.getByRole('link', { name: 'Provincie Overijssel' }).click();
		await page.getByLabel('Naam', { exact: true }).fill('Anne Smit');
		await page.getByRole('button', { name: 'Opslaan' }).click();
		await expect(page.getByRole('row', { name: /Provincie Overijssel/ })).toContainText('Anne Smit');
		await page.getByRole('link', { name: 'Provincie Overijssel' }).click();
		await page.getByRole('button', { name: 'Archiveren' }).click();
		await expect(page.getByRole('status')).toHaveText('Partner ‘Provincie Overijssel’ is gearchiveerd.');
	});

	test('a CSV import previews and confirms as plain posts, line breaks and all', async ({ page, fresh }) => {
		await logInAsAdmin(page, fresh);
		await page.goto('/admin/partners/import');
		await page
			.getByLabel('CSV-bestand')
			.setInputFiles(
				csvFile(
					'naam;type;helix;centrumgemeente\r\n"Werkgevers\r\nservicepunt";uwv;maatschappij;nee\r\nSBB;sbb;onderwijs;nee\r\n'
				)
			);
		await page.getByRole('button', { name: 'Controleren' }).click();
		await expect(page.getByRole('status')).toHaveText('2 regels: 2 toevoegen, 0 bijwerken, 0 ongewijzigd.');
		await page.getByRole('button', { name: 'Importeren: 2 toevoegen, 0 bijwerken' }).click();
		await expect(page.getByRole('status')).toHaveText('Import klaar: 2 toegevoegd, 0 bijgewerkt.');
		await expect(page.getByRole('row', { name: /SBB/ })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Werkgevers servicepunt' })).toBeVisible();
	});
});
