import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from '@playwright/test';
import { expect, logInAsAdmin, test, type FreshInstall } from './fresh-install';
import { expectNoViolations } from './axe';

/**
 * The network's own settings and the team's accounts on an empty installation: the admin names
 * the network, adds a viewer, sets up a second factor and logs in with it, and reads what the
 * audit log kept of all this. One story, in order, on one fresh server.
 */
test.describe.configure({ mode: 'serial' });

const viewer = { email: 'kijker@regio.test', password: '' };
let secret = '';
let recoveryCodes: string[] = [];

/** What the admin's authenticator app shows: one step ahead, so the code is never one already used. */
const appCode = (ahead = 1) =>
	new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
		timestamp: Date.now() + ahead * 30_000
	});

async function logInWithPassword(page: Page, email: string, password: string) {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
}

async function logInAdminWithCode(page: Page, fresh: FreshInstall, code: string) {
	await logInWithPassword(page, fresh.admin.email, fresh.admin.password);
	await expect(page).toHaveURL(/\/login\/code/);
	await page.getByLabel('Code').fill(code);
	await page.getByRole('button', { name: 'Inloggen' }).click();
}

async function newPage(browser: Browser, fresh: FreshInstall, javaScriptEnabled = true) {
	const context = await browser.newContext({ baseURL: fresh.baseURL, locale: 'nl-NL', javaScriptEnabled });
	return context.newPage();
}

test('the admin names the network and its contact; k below 3 is refused next to the field', async ({ page, fresh }) => {
	await logInAsAdmin(page, fresh);
	await page.getByRole('link', { name: 'Instellingen' }).click();
	await expect(page.getByRole('heading', { name: 'Instellingen' })).toBeVisible();
	await expect(page.getByText('Een lopende meetronde houdt de k waarmee ze werd geopend')).toBeVisible();
	await expect(page.getByText('E-mail is niet ingesteld: de app verstuurt zelf niets.')).toBeVisible();
	await expectNoViolations(page, 'instellingen');

	await page.getByLabel('Naam', { exact: true }).fill('Regio Zwolle');
	await page.getByLabel('Contactadres').fill('Regiobureau@RegioZwolle.nl');
	await page.getByLabel('Afzender van e-mail').fill('Regiobureau Regio Zwolle');
	await page.getByLabel('Kleinste groep (k)').fill('2');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.locator('#kAnonymity-error')).toHaveText(
		'k is nooit kleiner dan 3: kleinere groepen zijn tot personen te herleiden'
	);
	await expect(page.getByLabel('Kleinste groep (k)')).toHaveAttribute('aria-invalid', 'true');
	await expectNoViolations(page, 'instellingen met fout');

	await page.getByLabel('Kleinste groep (k)').fill('6');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De instellingen zijn opgeslagen.');
	await expect(page.locator('.site-header')).toContainText('Regio Zwolle');
	await page.reload();
	await expect(page.getByLabel('Contactadres')).toHaveValue('regiobureau@regiozwolle.nl');
	await expect(page.getByLabel('Kleinste groep (k)')).toHaveValue('6');

	await page.goto('/privacy');
	await expect(page.getByRole('link', { name: 'regiobureau@regiozwolle.nl' }).first()).toBeVisible();
});

test('the admin adds a viewer, whose password is shown once, and the viewer logs in', async ({
	page,
	browser,
	fresh
}) => {
	await logInAsAdmin(page, fresh);
	await page.getByRole('link', { name: 'Team' }).click();
	await expect(page.getByRole('heading', { name: 'Team' })).toBeVisible();
	await expectNoViolations(page, 'team');

	await page.getByLabel('E-mailadres').fill(viewer.email);
	await page.getByLabel('Alleen lezen').check();
	await page.getByRole('button', { name: 'Account toevoegen' }).click();
	await expect(page.getByRole('status')).toContainText(`Account gemaakt voor ${viewer.email}`);
	viewer.password = (await page.locator('.password code').textContent())!.trim();
	expect(viewer.password.length).toBeGreaterThanOrEqual(20);
	await expect(page.getByRole('row', { name: new RegExp(viewer.email) })).toContainText('Nog nooit');
	await expectNoViolations(page, 'team met nieuw wachtwoord');
	await page.setViewportSize({ width: 375, height: 800 });
	await expectNoViolations(page, 'team op een telefoon');
	await page.setViewportSize({ width: 1280, height: 800 });
	// Once: a reload shows the list, not the password.
	await page.reload();
	await expect(page.getByText(viewer.password)).toHaveCount(0);

	// The last admin cannot demote themselves.
	const me = page.getByRole('row', { name: new RegExp(fresh.admin.email) });
	await me.getByLabel(`Rol van ${fresh.admin.email}`).selectOption('viewer');
	await me.getByRole('button', { name: /Wijzigen/ }).click();
	await expect(page.getByRole('alert')).toContainText('laatste beheerdersaccount');

	const other = await newPage(browser, fresh);
	await logInWithPassword(other, viewer.email, viewer.password);
	await expect(other.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();
	await expect(other.getByText('(alleen lezen)')).toBeVisible();
	// The team's page is for admins only.
	const refused = await other.goto('/admin/gebruikers');
	expect(refused?.status()).toBe(403);
	await other.context().close();
});

test('the admin enrols a second factor, then logs in with password and code; a recovery code works once', async ({
	page,
	fresh
}) => {
	await logInAsAdmin(page, fresh);
	await page.goto('/admin/account');
	await expect(page.getByRole('heading', { name: 'Uw account' })).toBeVisible();
	await expectNoViolations(page, 'account');
	await page.getByRole('button', { name: 'Tweede factor instellen' }).click();
	await expect(page.getByRole('img', { name: /QR-code/ })).toBeVisible();
	secret = (await page.locator('code.secret').textContent())!.replace(/\s/g, '');
	expect(secret).toMatch(/^[A-Z2-7]{32}$/);
	await expectNoViolations(page, 'account, tweede factor instellen');

	await page.getByLabel('Code uit de app').fill('000000');
	await page.getByRole('button', { name: 'Bevestigen' }).click();
	await expect(page.locator('#code-error')).toContainText('klopt niet');
	await expectNoViolations(page, 'account, foute code');
	await page.getByLabel('Code uit de app').fill(appCode(0));
	await page.getByRole('button', { name: 'Bevestigen' }).click();
	await expect(page.getByText('De tweede factor staat aan.')).toBeVisible();
	recoveryCodes = (await page.getByRole('list', { name: 'Herstelcodes' }).locator('code').allTextContents()).map((c) =>
		c.trim()
	);
	expect(recoveryCodes).toHaveLength(10);
	await expectNoViolations(page, 'account met herstelcodes');

	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await logInWithPassword(page, fresh.admin.email, fresh.admin.password);
	await expect(page).toHaveURL(/\/login\/code/);
	await expectNoViolations(page, 'tweede stap van het inloggen');
	// Without the code there is no session yet.
	await page.goto('/admin');
	await expect(page).toHaveURL(/\/login\?next=/);

	await logInAdminWithCode(page, fresh, '123456');
	await expect(page.locator('#code-error')).toContainText('klopt niet');
	await page.getByLabel('Code').fill(appCode());
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();

	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await logInAdminWithCode(page, fresh, recoveryCodes[0]);
	await expect(page.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();
	await page.goto('/admin/account');
	await expect(page.getByText(/nog\s+9\s+herstelcodes/)).toBeVisible();

	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await logInAdminWithCode(page, fresh, recoveryCodes[0]);
	await expect(page.locator('#code-error')).toContainText('klopt niet');
});

test('the audit log shows who did all this, newest first, in Dutch time', async ({ page, fresh }) => {
	await logInAdminWithCode(page, fresh, recoveryCodes[1]);
	await expect(page.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();
	await page.getByRole('link', { name: 'Logboek' }).click();
	await expect(page.getByRole('heading', { name: 'Logboek' })).toBeVisible();
	await expectNoViolations(page, 'logboek');
	await page.setViewportSize({ width: 375, height: 800 });
	await expectNoViolations(page, 'logboek op een telefoon');
	await page.setViewportSize({ width: 1280, height: 800 });
	const rows = page.locator('tbody tr');
	await expect(rows.first()).toContainText('Ingelogd met een herstelcode');
	for (const what of [
		'Instellingen gewijzigd',
		'Account toegevoegd',
		'Tweede factor aangezet',
		'Ingelogd met een herstelcode'
	])
		await expect(page.getByRole('cell', { name: new RegExp(what) }).first()).toBeVisible();
	await expect(page.getByRole('row', { name: /Account toegevoegd/ })).toContainText(viewer.email);
	await expect(page.getByRole('row', { name: /Instellingen gewijzigd/ })).toContainText('k: 5 → 6');
	// Amsterdam is one hour ahead of UTC in winter, two in summer, whatever the server's zone.
	const time = rows.first().locator('time');
	const shown = Number(/, (\d{2}):\d{2}:\d{2}$/.exec((await time.textContent())!)?.[1]);
	const utc = new Date((await time.getAttribute('datetime'))!).getUTCHours();
	expect([1, 2]).toContain((shown - utc + 24) % 24);
});

test('with JavaScript off, a viewer changes their own password; mistakes are said next to the field', async ({
	browser,
	fresh
}) => {
	const page = await newPage(browser, fresh, false);
	await logInWithPassword(page, viewer.email, viewer.password);
	await expect(page.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();
	await page.getByRole('link', { name: viewer.email }).click();
	await page.getByLabel('Huidige wachtwoord').fill(viewer.password);
	await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('kort');
	await page.getByLabel('Nieuw wachtwoord nog een keer').fill('kort');
	await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
	await expect(page.locator('#next-error')).toHaveText('Kies een wachtwoord van ten minste 12 tekens');
	await expect(page.getByLabel('Nieuw wachtwoord', { exact: true })).toHaveAttribute('aria-invalid', 'true');

	const next = 'een lange zin als wachtwoord';
	await page.getByLabel('Huidige wachtwoord').fill(viewer.password);
	await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(next);
	await page.getByLabel('Nieuw wachtwoord nog een keer').fill(next);
	await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
	await expect(page.getByRole('status')).toContainText('Uw wachtwoord is gewijzigd');
	viewer.password = next;
	await page.context().close();
});

test('when the network requires it, a new admin without a second factor gets only their account page', async ({
	page,
	browser,
	fresh
}) => {
	await logInAdminWithCode(page, fresh, recoveryCodes[2]);
	await expect(page.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();
	await page.goto('/admin/instellingen');
	await page.getByLabel('Tweede factor verplicht voor beheerders').check();
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De instellingen zijn opgeslagen.');
	await page.goto('/admin/gebruikers');
	await page.getByLabel('E-mailadres').fill('tweede@regio.test');
	await page.getByLabel('Beheerder', { exact: true }).check();
	await page.getByRole('button', { name: 'Account toevoegen' }).click();
	const password = (await page.locator('.password code').textContent())!.trim();

	const other = await newPage(browser, fresh);
	await logInWithPassword(other, 'tweede@regio.test', password);
	await expect(other).toHaveURL(/\/admin\/account$/);
	await expect(other.getByText('vraagt van elke beheerder een tweede factor')).toBeVisible();
	// Following the navigation (client-side) and typing an address both lead back here.
	await other.getByRole('link', { name: 'Team' }).click();
	await expect(other).toHaveURL(/\/admin\/account$/);
	await other.goto('/admin/logboek');
	await expect(other).toHaveURL(/\/admin\/account$/);
	await other.context().close();
});
