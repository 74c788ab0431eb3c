import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, logInAsAdmin, test, type FreshInstall } from './fresh-install';
import { expectNoViolations } from './axe';
import { toLocalInput } from '../../src/lib/model/local-time';
import { networkSchema, partnerSchema, respondentSchema, bodySchema } from '../../src/lib/model/network';

/**
 * A round from nothing to its dashboard, on an empty installation with its imported people:
 * create it for part of the network (also without JavaScript), walk the test link (nothing is
 * counted), open it, obtain one person's link, answer through it, watch participation, extend
 * the closing date, close it after confirming, see the dashboard. A viewer changes nothing.
 */
test.describe.configure({ mode: 'serial' });

const people = [
	['Anne de Vries', 'zwolle', 'bestuurlijk'],
	['Bram Veldkamp', 'zwolle', 'ambtelijk'],
	['Carla Smit', 'zwolle', 'ambtelijk'],
	['Dirk Mulder', 'kampen', 'bestuurlijk'],
	['Eva Jansen', 'kampen', 'ambtelijk'],
	['Frank de Boer', 'windesheim', 'ambtelijk'],
	['Gerda Bos', 'windesheim', 'bestuurlijk'],
	['Hans Kok', 'windesheim', 'directie']
] as const;

test.use({
	seedNetwork: {
		run: (store) =>
			store.updateNetwork((d) => {
				d.network = networkSchema.parse({ id: 'regio-rondes', name: 'Regio Rondes', kAnonymity: 3 });
				d.partners = [
					partnerSchema.parse({ id: 'zwolle', name: 'Gemeente Zwolle', type: 'gemeente', helix: 'overheid' }),
					partnerSchema.parse({ id: 'kampen', name: 'Gemeente Kampen', type: 'gemeente', helix: 'overheid' }),
					partnerSchema.parse({ id: 'windesheim', name: 'Windesheim', type: 'onderwijs', helix: 'onderwijs' })
				];
				d.bodies = [bodySchema.parse({ id: 'po-economie', name: 'PO Economie', kind: 'bestuurlijk' })];
				d.respondents = people.map(([name, partnerId, role], i) =>
					respondentSchema.parse({
						id: `p-${i}`,
						name,
						email: `${name.split(' ')[0].toLowerCase()}@regio.test`,
						partnerId,
						role,
						createdAt: new Date().toISOString()
					})
				);
			})
	}
});

const DAY = 24 * 3600 * 1000;
/** An Amsterdam wall-clock time `days` from now, at `hour`, as a datetime-local field takes it. */
const local = (days: number, hour: string) =>
	`${toLocalInput(new Date(Date.now() + days * DAY).toISOString()).slice(0, 10)}T${hour}`;

const roundFile = (fresh: FreshInstall, id: string) => join(fresh.dataDir, 'rounds', `${id}.json`);
/** Everything on disk of a round (snapshot, journal, backup) as text. */
const roundData = (fresh: FreshInstall, id: string) =>
	existsSync(join(fresh.dataDir, 'rounds'))
		? readdirSync(join(fresh.dataDir, 'rounds'))
				.filter((f) => f.startsWith(`${id}.`))
				.map((f) => readFileSync(join(fresh.dataDir, 'rounds', f), 'utf8'))
				.join('\n')
		: '';

/** Walks a survey from its welcome page to the thank-you page, answering one statement per step. */
async function walkSurvey(page: Page, start: string, welcome: string) {
	await page.goto(start);
	await expect(page.getByText(welcome)).toBeVisible();
	await page.getByRole('link', { name: 'Beginnen' }).click();
	for (let step = 1; ; step++) {
		await expect(page.getByText(`Stap ${step} van 6`)).toBeVisible();
		await page.locator('input[type=radio][value="4"]').first().check();
		const last = (await page.getByRole('button', { name: 'Volgende: controleren' }).count()) > 0;
		await page.getByRole('button', { name: /^Volgende/ }).click();
		if (last) break;
	}
	await expect(page.getByRole('heading', { name: 'Controleer uw antwoorden' })).toBeVisible();
	await page.getByRole('button', { name: 'Antwoorden verzenden' }).click();
	await expect(page.getByRole('heading', { name: 'Dank u wel!' })).toBeVisible();
}

async function noScriptPage(browser: Browser, fresh: FreshInstall) {
	const context = await browser.newContext({ baseURL: fresh.baseURL, locale: 'nl-NL', javaScriptEnabled: false });
	const page = await context.newPage();
	await logInAsAdmin(page, fresh);
	return { context, page };
}

const WELCOME = 'Dank dat u meedoet aan deze ronde voor de gemeenten.';

test('an admin creates a round for part of the network, tests, opens, follows and closes it', async ({
	page,
	browser,
	fresh
}) => {
	test.setTimeout(180_000);
	await logInAsAdmin(page, fresh);
	await expect(page.getByText('Er zijn nog geen meetrondes.')).toBeVisible();
	await page.getByRole('link', { name: 'Nieuwe ronde' }).click();
	await expect(page.getByRole('heading', { name: 'Nieuwe ronde' })).toBeVisible();
	await expectNoViolations(page, '/admin/rounds/nieuw');

	// A post with mistakes: every error beside its field, nothing typed lost.
	await page.getByLabel('Naam van de ronde').fill('Najaar 2026');
	await page.getByLabel('Opent op').fill(local(2, '09:00'));
	await page.getByLabel('Sluit op').fill(local(1, '17:00'));
	await page.getByLabel('Een deel van het netwerk').check();
	await page.getByLabel('Welkomsttekst').fill(WELCOME);
	await page.getByRole('button', { name: 'Ronde aanmaken' }).click();
	await expect(page.getByRole('alert')).toContainText('De ronde is niet gemaakt');
	await expect(page.locator('#questionnaire-error')).toHaveText('Kies een vragenlijst');
	await expect(page.locator('#closesAt-error')).toHaveText('De sluiting moet na de opening liggen.');
	await expect(page.locator('#invite-error')).toContainText('ten minste één');
	await expect(page.getByLabel('Naam van de ronde')).toHaveValue('Najaar 2026');
	await expect(page.getByLabel('Welkomsttekst')).toHaveValue(WELCOME);
	await expectNoViolations(page, '/admin/rounds/nieuw met fouten');

	await page.getByLabel('Vragenlijst').selectOption({ label: 'Samenwerkingsscan, versie 1 (standaard)' });
	await page.getByLabel('Sluit op').fill(local(16, '17:00'));
	await page.getByLabel('Gemeente', { exact: true }).check();
	await page.getByRole('button', { name: 'Ronde aanmaken' }).click();
	await expect(page).toHaveURL(/\/admin\/rounds\/najaar-2026\/beheer/);
	await expect(page.locator('.badge')).toHaveText('Concept');
	await expect(page.getByText('Actieve deelnemers van type gemeente: nu 5 deelnemers')).toBeVisible();
	await expect(page.getByText(/3; de instelling van het netwerk nu/)).toBeVisible();
	await expectNoViolations(page, 'rondepagina (concept)');

	// The test link: the respondent's pages with this round's welcome text, and nothing stored.
	await page.getByRole('link', { name: 'Testlink' }).click();
	await expect(page.getByText('Testlink: er wordt niets opgeslagen')).toBeVisible();
	await expectNoViolations(page, 'testlink, welkom');
	await walkSurvey(page, page.url(), WELCOME);
	await expect(page.getByText('Testlink: er wordt niets opgeslagen')).toBeVisible();
	await expectNoViolations(page, 'testlink, bedankt');
	await page.goto('/admin/rounds/najaar-2026/test/stap/2');
	await expectNoViolations(page, 'testlink, stap 2');
	await page.goto('/admin/rounds/najaar-2026/test/controle');
	await expect(page.getByRole('button', { name: 'Opnieuw verzenden' })).toBeVisible();
	await expectNoViolations(page, 'testlink, controle');
	await page.getByRole('button', { name: 'Opnieuw beginnen' }).click();
	await expect(page.getByRole('link', { name: 'Beginnen' })).toBeVisible();
	expect(roundData(fresh, 'najaar-2026')).not.toMatch(/"responses":\[\{|"t":"response"/);

	// Open it: five invitations (the municipalities' people), none started.
	await page.goto('/admin/rounds/najaar-2026/beheer');
	await page.getByRole('button', { name: 'Nu openen' }).click();
	await expect(page.getByRole('status').first()).toContainText('De ronde is open');
	await expect(page.locator('.badge')).toHaveText('Open');
	await expect(page.getByText('5 uitgenodigd, 0 begonnen, 0 verzonden.')).toBeVisible();
	await expect(page.getByText('3, vastgelegd bij het openen')).toBeVisible();
	await expect(page.getByRole('row', { name: /Windesheim/ })).toHaveCount(0);
	await expectNoViolations(page, 'rondepagina (open)');

	// One person's link: first what obtaining it means, then the link.
	await page.getByRole('link', { name: 'Link opvragen van Dirk Mulder' }).click();
	await expect(page.locator('#link-opvragen')).toContainText('opent u de opgeslagen antwoorden van Dirk Mulder');
	await expect(page.locator('#link-opvragen')).toContainText('logboek');
	await expectNoViolations(page, 'rondepagina, link opvragen');
	await page.getByRole('button', { name: 'Link tonen' }).click();
	const link = await page.getByLabel('Enquêtelink van Dirk Mulder').inputValue();
	expect(link).toMatch(new RegExp(`^${fresh.baseURL}/s/najaar-2026\\.[A-Za-z0-9_-]+$`));

	// Dirk answers and sends, in a browser of his own.
	const dirk = await browser.newContext({ baseURL: fresh.baseURL, locale: 'nl-NL' });
	const dirkPage = await dirk.newPage();
	await walkSurvey(dirkPage, link, WELCOME);

	await page.goto('/admin/rounds/najaar-2026/beheer');
	await expect(page.getByText('5 uitgenodigd, 1 begonnen, 1 verzonden.')).toBeVisible();
	await expect(page.getByRole('row', { name: /Gemeente Kampen 2 1 1 50%/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Nog niet verzonden (4)' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Link opvragen van Dirk Mulder' })).toHaveCount(0);

	// The closing date: never earlier, later is fine.
	await page.getByLabel('Nieuwe sluitdatum').fill(local(10, '17:00'));
	await page.getByRole('button', { name: 'Sluitdatum opslaan' }).click();
	await expect(page.locator('#closesAt-error')).toContainText('kan alleen later');
	await page.getByLabel('Nieuwe sluitdatum').fill(local(30, '17:00'));
	await page.getByRole('button', { name: 'Sluitdatum opslaan' }).click();
	await expect(page.getByRole('status').first()).toHaveText('De sluitdatum is verschoven.');

	// Closing says what it does, and needs the tick.
	await expect(page.locator('#sluiten-uitleg')).toContainText(
		'verbreekt elke koppeling tussen uitnodiging en antwoord'
	);
	await expect(page.locator('#sluiten-uitleg')).toContainText('gebeurt vanzelf precies hetzelfde');
	await page.getByRole('button', { name: 'Sluiten', exact: true }).click();
	await expect(page.locator('#close-error')).toHaveText('Vink aan dat u de ronde nu wilt sluiten.');
	await page.getByLabel('Ja, sluit Najaar 2026 nu').check();
	await page.getByRole('button', { name: 'Sluiten', exact: true }).click();
	await expect(page.getByRole('status').first()).toContainText('De ronde is gesloten');
	await expect(page.locator('.badge')).toHaveText('Gesloten');
	await expect(page.getByRole('button', { name: /openen|Sluiten|opslaan/i })).toHaveCount(0);
	await expectNoViolations(page, 'rondepagina (gesloten)');
	expect(readFileSync(roundFile(fresh, 'najaar-2026'), 'utf8')).not.toMatch(/"responseId":"r-/);

	// Dirk's link stops working; the dashboard shows the round.
	await dirkPage.goto(link);
	await expect(dirkPage.getByRole('heading', { name: 'Deze meetronde is gesloten' })).toBeVisible();
	await dirk.close();
	await page.getByRole('link', { name: 'Dashboard' }).click();
	await expect(page.getByRole('heading', { name: 'Dashboard Najaar 2026' })).toBeVisible();
	await page.goto('/admin');
	await expect(page.getByRole('row', { name: /Najaar 2026 Gesloten/ })).toBeVisible();

	// The audit log says who did what.
	await page.goto('/admin/logboek');
	for (const what of [
		'Ronde aangemaakt',
		'Ronde geopend',
		'Enquêtelink van een deelnemer opgevraagd',
		'Sluitdatum verschoven',
		'Ronde gesloten'
	])
		await expect(page.locator('main'), what).toContainText(what);
});

test('without JavaScript a round is created, pre-filled like the previous one, and a draft deleted', async ({
	page: scripted,
	browser,
	fresh
}) => {
	const { context, page } = await noScriptPage(browser, fresh);
	await page.goto('/admin/rounds/nieuw');
	await page.getByRole('link', { name: 'Nieuwe ronde zoals de vorige' }).click();
	await expect(page.getByText('Ingevuld zoals de vorige ronde')).toBeVisible();
	await expect(page.getByLabel('Welkomsttekst')).toHaveValue(WELCOME);
	await expect(page.getByLabel('Gemeente', { exact: true })).toBeChecked();
	await expect(page.getByLabel('Een deel van het netwerk')).toBeChecked();
	// A refused post keeps what was typed, without a script too.
	await page.getByLabel('Naam van de ronde').fill('Voorjaar 2027');
	await page.getByLabel('Opent op').fill(local(-1, '09:00'));
	await page.getByRole('button', { name: 'Ronde aanmaken' }).click();
	await expect(page.locator('#opensAt-error')).toContainText('al voorbij');
	await expect(page.getByLabel('Naam van de ronde')).toHaveValue('Voorjaar 2027');
	await expect(page.getByLabel('Welkomsttekst')).toHaveValue(WELCOME);
	await page.getByLabel('Opent op').fill(local(40, '09:00'));
	await page.getByLabel('Sluit op').fill(local(60, '17:00'));
	await page.getByLabel('Windesheim').check();
	await page.getByRole('button', { name: 'Ronde aanmaken' }).click();
	await expect(page).toHaveURL(/\/admin\/rounds\/voorjaar-2027\/beheer/);
	await expect(page.getByText('Actieve deelnemers van type gemeente of Windesheim: nu 8 deelnemers')).toBeVisible();

	// Changed while a draft; the page says when it opens by itself.
	await page.getByRole('link', { name: 'Wijzigen' }).click();
	// axe runs as a script, so in a browser that runs them.
	await logInAsAdmin(scripted, fresh);
	await scripted.goto(new URL(page.url()).pathname);
	await expectNoViolations(scripted, '/admin/rounds/[id]/wijzigen');
	await page.getByLabel('Iedereen die actief is').check();
	await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
	await expect(page.getByText('Iedereen die actief is: nu 8 deelnemers')).toBeVisible();
	await expect(page.getByText(/De ronde opent vanzelf op/)).toBeVisible();

	await page.getByRole('button', { name: 'Verwijderen' }).click();
	await expect(page.locator('#delete-error')).toBeVisible();
	await page.getByLabel('Ja, verwijder Voorjaar 2027 definitief').check();
	await page.getByRole('button', { name: 'Verwijderen' }).click();
	await expect(page.getByText('Het concept is verwijderd.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Voorjaar 2027' })).toHaveCount(0);
	await context.close();
});

test('a viewer gets 403 on the round page and on each of its actions', async ({ page, browser, fresh }) => {
	await logInAsAdmin(page, fresh);
	await page.getByRole('link', { name: 'Team' }).click();
	await page.getByLabel('E-mailadres').fill('kijker@regio.test');
	await page.getByLabel('Alleen lezen').check();
	await page.getByRole('button', { name: 'Account toevoegen' }).click();
	const password = (await page.locator('.password code').textContent())!.trim();

	const context = await browser.newContext({ baseURL: fresh.baseURL, locale: 'nl-NL' });
	const viewer = await context.newPage();
	await viewer.goto('/login');
	await viewer.getByLabel('E-mailadres').fill('kijker@regio.test');
	await viewer.getByLabel('Wachtwoord').fill(password);
	await viewer.getByRole('button', { name: 'Inloggen' }).click();
	await expect(viewer.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();
	await expect(viewer.getByRole('link', { name: 'Nieuwe ronde' })).toHaveCount(0);
	await expect(viewer.getByRole('link', { name: /Beheer/ })).toHaveCount(0);
	for (const path of ['/admin/rounds/najaar-2026/beheer', '/admin/rounds/nieuw', '/admin/rounds/najaar-2026/test'])
		expect((await viewer.request.get(path)).status(), path).toBe(403);
	for (const action of ['open', 'extend', 'close', 'delete', 'link'])
		expect(
			(
				await viewer.request.post(`/admin/rounds/najaar-2026/beheer?/${action}`, {
					form: { sure: 'ja', closesAt: local(90, '09:00'), invitationId: 'x' },
					headers: { origin: fresh.baseURL }
				})
			).status(),
			action
		).toBe(403);
	await context.close();
});
