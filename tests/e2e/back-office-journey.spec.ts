import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { expect, logInAsAdmin, test } from './fresh-install';
import { checkImport } from './csv-import';

/**
 * A new regiobureau's first afternoon, on one empty installation (DEMO=0), in the order they
 * would do it: name the network, import the partners and then the people (each file with one
 * bad row), correct people, erase one on request, add a colleague, set up a second factor, and
 * read back in the audit log what happened. The pages' own specs go into each step's details.
 */
test.describe.configure({ mode: 'serial' });

const ERASED = { name: 'Wilhelmina Erasmus-Kooistra', email: 'w.erasmus@kampen.test' };

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		return statSync(full).isDirectory() ? filesUnder(full) : [full];
	});
}

test('a new regiobureau sets up its network, its people and its team on an empty installation', async ({
	page,
	browser,
	fresh
}) => {
	test.setTimeout(180_000);
	await logInAsAdmin(page, fresh);

	// The network's name and contact.
	await page.getByRole('link', { name: 'Instellingen' }).click();
	await page.getByLabel('Naam', { exact: true }).fill('Regio Testland');
	await page.getByLabel('Contactadres').fill('regiobureau@testland.test');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De instellingen zijn opgeslagen.');
	await expect(page.locator('.site-header')).toContainText('Regio Testland');

	// Partners from a file with one bad row; the fixed file imports.
	const partnersFile = [
		'naam;type;helix;centrumgemeente',
		'Gemeente Zwolle;gemeente;overheid;ja',
		'Gemeente Kampen;gemeente;overheid;misschien',
		'Windesheim;onderwijs;onderwijs;nee'
	].join('\r\n');
	await checkImport(page, '/admin/partners/import', 'partners.csv', partnersFile);
	await expect(page.getByRole('row', { name: /Gemeente Kampen/ })).toContainText(
		'Centrumgemeente is ‘ja’ of ‘nee’, niet ‘misschien’.'
	);
	await expect(page.getByRole('button', { name: /^Importeren/ })).toHaveCount(0);
	await checkImport(page, '/admin/partners/import', 'partners.csv', partnersFile.replace('misschien', 'nee'));
	await page.getByRole('button', { name: 'Importeren: 3 toevoegen, 0 bijwerken' }).click();
	await expect(page.getByRole('status')).toHaveText('Import klaar: 3 toegevoegd, 0 bijgewerkt.');

	// People from a file with one bad row (an unknown partner); the fixed file imports.
	const people = [
		'naam;e-mail;partner;rol;gremia',
		'Anne de Vries;a.devries@zwolle.test;Gemeente Zwolle;bestuurlijk;',
		`${ERASED.name};${ERASED.email};Gemeente Kampen;ambtelijk;`,
		'Bram Veldkamp;b.veldkamp@zwolle.test;Gemeente Zwol;ambtelijk;',
		'Dirk Mulder;d.mulder@windesheim.test;Windesheim;Bestuurlijk;'
	].join('\r\n');
	await checkImport(page, '/admin/deelnemers/import', 'deelnemers.csv', people);
	await expect(page.getByText('1 regel heeft een probleem')).toBeVisible();
	await expect(page.locator('#regel-4')).toContainText('Onbekende partner ‘Gemeente Zwol’');
	await expect(page.getByRole('button', { name: /^Importeren/ })).toHaveCount(0);
	await checkImport(
		page,
		'/admin/deelnemers/import',
		'deelnemers.csv',
		people.replace('Gemeente Zwol;', 'Gemeente Zwolle;')
	);
	await page.getByRole('button', { name: 'Importeren: 4 toevoegen, 0 bijwerken' }).click();
	await expect(page.getByText('Import opgeslagen: 4 toegevoegd, 0 bijgewerkt.')).toBeVisible();

	// A second file updates two people, matched by e-mail.
	const update = [
		'naam;e-mail;partner;rol;gremia',
		'Anne de Vries-Bakker;a.devries@zwolle.test;Gemeente Zwolle;bestuurlijk;',
		'Dirk Mulder;d.mulder@windesheim.test;Windesheim;ambtelijk;'
	].join('\r\n');
	await checkImport(page, '/admin/deelnemers/import', 'wijzigingen.csv', update);
	await expect(page.getByText('2 regels: 0 toevoegen, 2 bijwerken, 0 ongewijzigd.')).toBeVisible();
	await page.getByRole('button', { name: 'Importeren: 0 toevoegen, 2 bijwerken' }).click();
	await expect(page.getByText('Import opgeslagen: 0 toegevoegd, 2 bijgewerkt.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Anne de Vries-Bakker' })).toBeVisible();

	// Edit and deactivate one person.
	await page.getByRole('link', { name: 'Bram Veldkamp' }).click();
	await page.getByLabel('Naam').fill('Bram Veldkamp-de Boer');
	await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
	await expect(page.getByText('De wijzigingen zijn opgeslagen.')).toBeVisible();
	await page.getByRole('button', { name: 'Deactiveren' }).click();
	await expect(page.getByText(/De deelnemer is gedeactiveerd/)).toBeVisible();

	// Erase one on request: the name and e-mail are nowhere in the data folder afterwards.
	expect(filesUnder(fresh.dataDir).some((f) => readFileSync(f, 'latin1').includes(ERASED.email))).toBe(true);
	await page.goto('/admin/deelnemers');
	await page.getByRole('link', { name: ERASED.name }).click();
	await page.getByRole('button', { name: 'Deelnemer wissen' }).click();
	await page.getByLabel('Ik begrijp dat wissen niet ongedaan kan worden gemaakt').check();
	await page.getByRole('button', { name: 'Deelnemer wissen' }).click();
	await expect(page.getByText('De deelnemer is gewist, met de uitnodigingen.')).toBeVisible();
	for (const file of filesUnder(fresh.dataDir)) {
		const text = readFileSync(file, 'latin1');
		expect(text.includes(ERASED.name), file).toBe(false);
		expect(text.includes(ERASED.email), file).toBe(false);
	}

	// A colleague who only reads.
	await page.getByRole('link', { name: 'Team' }).click();
	// Until the Team page is there, 'E-mailadres' also finds the list's 'Zoeken op naam of e-mailadres'.
	await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
	await page.getByLabel('E-mailadres').fill('collega@testland.test');
	await page.getByLabel('Alleen lezen').check();
	await page.getByRole('button', { name: 'Account toevoegen' }).click();
	await expect(page.getByRole('status')).toContainText('Account gemaakt voor collega@testland.test');

	// A second factor, and a login with a code from the authenticator app.
	await page.goto('/admin/account');
	await page.getByRole('button', { name: 'Tweede factor instellen' }).click();
	const secret = (await page.locator('code.secret').textContent())!.replace(/\s/g, '');
	const code = (ahead: number) =>
		new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
			timestamp: Date.now() + ahead * 30_000
		});
	await page.getByLabel('Code uit de app').fill(code(0));
	await page.getByRole('button', { name: 'Bevestigen' }).click();
	await expect(page.getByText(/herstelcodes/i).first()).toBeVisible();
	await page.getByRole('button', { name: 'Uitloggen' }).click();

	const fresh2 = await browser.newContext({ baseURL: fresh.baseURL, locale: 'nl-NL' });
	const again = await fresh2.newPage();
	await again.goto('/login');
	await again.getByLabel('E-mailadres').fill(fresh.admin.email);
	await again.getByLabel('Wachtwoord').fill(fresh.admin.password);
	await again.getByRole('button', { name: 'Inloggen' }).click();
	await expect(again).toHaveURL(/\/login\/code/);
	// One step ahead: the step used to confirm the enrolment is spent.
	await again.getByLabel('Code').fill(code(1));
	await again.getByRole('button', { name: 'Inloggen' }).click();
	await expect(again.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();

	// The audit log kept all of it, and names no erased person.
	await again.getByRole('link', { name: 'Logboek' }).click();
	const log = again.locator('main');
	for (const what of [/instellingen/i, /partners/i, /deelnemers/i, /gewist/i, /account/i, /tweede factor/i])
		await expect(log, String(what)).toContainText(what);
	await expect(log).not.toContainText(ERASED.name);
	await fresh2.close();
});
