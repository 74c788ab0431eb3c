import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, logInAsAdmin, test, type FreshInstall } from './fresh-install';
import { expectNoViolations } from './axe';
import { checkImport } from './csv-import';
import { leaveOut } from './comment-review';
import { answerStep } from './survey-helpers';
import { toLocalInput } from '../../src/lib/model/local-time';
import { networkSchema, partnerSchema, bodySchema } from '../../src/lib/model/network';

/**
 * A round from nothing to its dashboard, on an empty installation whose partners are set up:
 * the people come in through the CSV import, the admin makes a version of the scan with one
 * reworded statement, creates a round with it for part of the network (also without
 * JavaScript), walks the test link (nothing is counted), opens it, obtains three people's links
 * (each in the audit log), they answer through them (two with a comment, one naming someone),
 * participation follows each step, the closing date moves later, the round closes after
 * confirming, the name is left out of the comments, they are published, and the dashboard shows
 * them. A viewer changes nothing.
 */
test.describe.configure({ mode: 'serial' });

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
			})
	}
});

/** The network's people as the regiobureau keeps them: partners by name, roles and bodies as words. */
const PEOPLE_FILE = [
	'naam;e-mail;partner;rol;gremia',
	'Anne de Vries;anne@regio.test;Gemeente Zwolle;Bestuurlijk;PO Economie',
	'Bram Veldkamp;bram@regio.test;Gemeente Zwolle;ambtelijk;',
	'Carla Smit;carla@regio.test;Gemeente Zwolle;ambtelijk;',
	'Dirk Mulder;dirk@regio.test;Gemeente Kampen;bestuurlijk;PO Economie',
	'Eva Jansen;eva@regio.test;Gemeente Kampen;ambtelijk;',
	'Frank de Boer;frank@regio.test;Windesheim;ambtelijk;',
	'Gerda Bos;gerda@regio.test;Windesheim;bestuurlijk;',
	'Hans Kok;hans@regio.test;Windesheim;directie;'
].join('\r\n');

const ROUND = 'najaar-2026';
const DAY = 24 * 3600 * 1000;
/** An Amsterdam wall-clock time `days` from now, at `hour`, as a datetime-local field takes it. */
const local = (days: number, hour: string) =>
	`${toLocalInput(new Date(Date.now() + days * DAY).toISOString()).slice(0, 10)}T${hour}`;

const WELCOME = 'Dank dat u meedoet aan deze ronde voor de gemeenten.';
/** The one statement the new version rewords: the fourth of the third section (relatie). */
const CHANGED = {
	step: 3,
	number: 4,
	id: 'relatie-openheid',
	was: 'Lastige onderwerpen kunnen open op tafel komen.',
	now: 'Ook lastige onderwerpen komen in de samenwerking open op tafel.'
};
const COMMENT_LABEL = 'Toelichting of voorbeeld (optioneel)';
const NAME = 'Kees Hoekstra';
const WITH_NAME = `Het overleg met ${NAME} van de provincie verliep stroef.`;
const REDACTED = 'Het overleg met [weggelaten] van de provincie verliep stroef.';
const KEPT = 'De koers is helder, de uitvoering nog niet.';
const IN_TEST = 'Alleen een proef, dit mag nergens staan.';

const roundFile = (fresh: FreshInstall, id: string) => join(fresh.dataDir, 'rounds', `${id}.json`);
/** Everything on disk of a round (snapshot, journal, backup) as text. */
const roundData = (fresh: FreshInstall, id: string) =>
	existsSync(join(fresh.dataDir, 'rounds'))
		? readdirSync(join(fresh.dataDir, 'rounds'))
				.filter((f) => f.startsWith(`${id}.`))
				.map((f) => readFileSync(join(fresh.dataDir, 'rounds', f), 'utf8'))
				.join('\n')
		: '';
/** The files in the data folder (relative) that contain `needle`. */
const filesWith = (fresh: FreshInstall, needle: string) =>
	readdirSync(fresh.dataDir, { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile())
		.map((e) => join(e.parentPath, e.name))
		.filter((f) => readFileSync(f, 'utf8').includes(needle))
		.map((f) => f.slice(fresh.dataDir.length + 1))
		.sort();

type Walk = { comments?: Record<number, string>; until?: number; seed?: number };

/**
 * Answers every statement from the step on screen on (`seed` varies the answers between people),
 * with a comment on the steps given, up to step `until` or the last; the reworded statement
 * shows on its own step, and the old wording nowhere.
 */
async function answerSteps(page: Page, from: number, { comments = {}, until, seed = 0 }: Walk = {}) {
	for (let step = from; ; step++) {
		await expect(page.getByText(`Stap ${step} van 6`, { exact: true })).toBeVisible();
		await expect(page.getByText(CHANGED.was)).toHaveCount(0);
		if (step === CHANGED.step)
			await expect(page.getByRole('group', { name: `${CHANGED.number}. ${CHANGED.now}` })).toBeVisible();
		else await expect(page.getByText(CHANGED.now)).toHaveCount(0);
		await answerStep(page, (i) => ((i + step + seed) % 5) + 1);
		if (comments[step]) await page.getByLabel(COMMENT_LABEL).fill(comments[step]);
		const last = (await page.getByRole('button', { name: 'Volgende: controleren' }).count()) > 0;
		await page.getByRole('button', { name: /^Volgende/ }).click();
		if (last) return;
		if (step === until) {
			await expect(page.getByText(`Stap ${step + 1} van 6`, { exact: true })).toBeVisible();
			return;
		}
	}
}

async function send(page: Page) {
	await expect(page.getByRole('heading', { name: 'Controleer uw antwoorden' })).toBeVisible();
	await page.getByRole('button', { name: 'Antwoorden verzenden' }).click();
	await expect(page.getByRole('heading', { name: 'Dank u wel!' })).toBeVisible();
}

/** From the welcome page to the thank-you page. */
async function walkSurvey(page: Page, start: string, walk: Walk = {}) {
	await page.goto(start);
	await expect(page.getByText(WELCOME)).toBeVisible();
	await page.getByRole('link', { name: 'Beginnen' }).click();
	await answerSteps(page, 1, walk);
	await send(page);
}

/** Obtains one invited person's link on the round page: first what it means, then the link. */
async function obtainLink(page: Page, name: string, { scan = false } = {}) {
	await page.goto(`/admin/rounds/${ROUND}/beheer`);
	await page.getByRole('link', { name: `Link opvragen van ${name}` }).click();
	await expect(page.locator('#link-opvragen')).toContainText(`opent u de opgeslagen antwoorden van ${name}`);
	await expect(page.locator('#link-opvragen')).toContainText('logboek');
	if (scan) await expectNoViolations(page, 'rondepagina, link opvragen');
	await page.getByRole('button', { name: 'Link tonen' }).click();
	const link = await page.getByLabel(`Enquêtelink van ${name}`).inputValue();
	expect(link).toMatch(new RegExp(`^${new URL(page.url()).origin}/s/${ROUND}\\.[A-Za-z0-9_-]+$`));
	return link;
}

/** A respondent's own browser. */
async function respondent(browser: Browser, fresh: FreshInstall) {
	const context = await browser.newContext({ baseURL: fresh.baseURL, locale: 'nl-NL' });
	return context.newPage();
}

/** The round page's participation: the totals line and each partner's row (invited, started, sent, rate). */
async function expectParticipation(page: Page, total: string, rows: string[]) {
	await page.goto(`/admin/rounds/${ROUND}/beheer`);
	await expect(page.getByText(`${total}. Alleen wie meedoet`)).toBeVisible();
	const byPartner = page.getByRole('table', { name: 'Respons per partner' });
	for (const row of rows) await expect(byPartner.getByRole('row', { name: row, exact: true })).toBeVisible();
}

async function noScriptPage(browser: Browser, fresh: FreshInstall) {
	const context = await browser.newContext({ baseURL: fresh.baseURL, locale: 'nl-NL', javaScriptEnabled: false });
	const page = await context.newPage();
	await logInAsAdmin(page, fresh);
	return { context, page };
}

test('an admin imports the people, makes a version, creates a round for part of the network, tests, opens, follows, closes and publishes it', async ({
	page,
	browser,
	fresh
}) => {
	// One story: an import, a version, four walks through the survey and thirteen accessibility scans.
	test.setTimeout(300_000);
	await logInAsAdmin(page, fresh);
	await expect(page.getByText('Er zijn nog geen meetrondes.')).toBeVisible();

	// The people, from the regiobureau's file.
	await checkImport(page, '/admin/deelnemers/import', 'deelnemers.csv', PEOPLE_FILE);
	await expect(page.getByText('8 regels: 8 toevoegen, 0 bijwerken, 0 ongewijzigd.')).toBeVisible();
	await page.getByRole('button', { name: 'Importeren: 8 toevoegen, 0 bijwerken' }).click();
	await expect(page.getByText('Import opgeslagen: 8 toegevoegd, 0 bijgewerkt.')).toBeVisible();
	await expect(page.getByText('8 deelnemers.')).toBeVisible();

	// A new version of the built-in scan, with one statement reworded (it keeps its id).
	await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Vragenlijsten' }).click();
	await expectNoViolations(page, 'vragenlijsten');
	await page.getByRole('link', { name: 'Versie 1 van Samenwerkingsscan', exact: true }).click();
	await page.getByRole('button', { name: 'Nieuwe versie maken' }).click();
	// Versions 1 and 2 are built in: the copy is version 3.
	await expect(page).toHaveURL(/\/admin\/vragenlijsten\/samenwerkingsscan\/3\?gemaakt=1$/);
	const changed = page
		.getByRole('group', { name: new RegExp(`^Onderdeel ${CHANGED.step}\\b`) })
		.getByLabel(`Tekst van stelling ${CHANGED.number}`, { exact: true });
	await expect(changed).toHaveValue(CHANGED.was);
	await changed.fill(CHANGED.now);
	await page.getByRole('button', { name: 'Opslaan' }).first().click();
	await expect(page.getByRole('status')).toHaveText('De wijzigingen zijn opgeslagen.');
	await expect(changed).toHaveValue(CHANGED.now);
	await expect(page.getByText(`Id ${CHANGED.id}`)).toBeVisible();
	await expectNoViolations(page, 'vragenlijst bewerken');

	await page.goto('/admin');
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

	await page.getByLabel('Vragenlijst').selectOption({ label: 'Samenwerkingsscan, versie 3' });
	await page.getByLabel('Sluit op').fill(local(16, '17:00'));
	await page.getByLabel('Gemeente', { exact: true }).check();
	await page.getByRole('button', { name: 'Ronde aanmaken' }).click();
	await expect(page).toHaveURL(new RegExp(`/admin/rounds/${ROUND}/beheer`));
	await expect(page.locator('.badge')).toHaveText('Concept');
	await expect(page.getByText('Samenwerkingsscan, versie 3')).toBeVisible();
	await expect(page.getByText('Actieve deelnemers van type gemeente: nu 5 deelnemers')).toBeVisible();
	await expect(page.getByText(/3; de instelling van het netwerk nu/)).toBeVisible();
	await expectNoViolations(page, 'rondepagina (concept)');

	// The test link: the respondent's pages with this round's welcome text and version, and nothing stored.
	await page.getByRole('link', { name: 'Testlink' }).click();
	await expect(page.getByText('Testlink: er wordt niets opgeslagen')).toBeVisible();
	await expectNoViolations(page, 'testlink, welkom');
	await walkSurvey(page, page.url(), { comments: { 1: IN_TEST } });
	await expect(page.getByText('Testlink: er wordt niets opgeslagen')).toBeVisible();
	await expectNoViolations(page, 'testlink, bedankt');
	await page.goto(`/admin/rounds/${ROUND}/test/stap/${CHANGED.step}`);
	await expect(page.getByRole('group', { name: `${CHANGED.number}. ${CHANGED.now}` })).toBeVisible();
	await expectNoViolations(page, `testlink, stap ${CHANGED.step}`);
	await page.goto(`/admin/rounds/${ROUND}/test/controle`);
	await expect(page.getByRole('button', { name: 'Opnieuw verzenden' })).toBeVisible();
	await expectNoViolations(page, 'testlink, controle');
	await page.getByRole('button', { name: 'Opnieuw beginnen' }).click();
	await expect(page.getByRole('link', { name: 'Beginnen' })).toBeVisible();
	expect(roundData(fresh, ROUND)).not.toMatch(/"responses":\[\{|"t":"response"/);
	expect(filesWith(fresh, IN_TEST)).toEqual([]);

	// Open it: five invitations (the municipalities' people), none started.
	await page.goto(`/admin/rounds/${ROUND}/beheer`);
	await page.getByRole('button', { name: 'Nu openen' }).click();
	await expect(page.getByRole('status').first()).toContainText('De ronde is open');
	await expect(page.locator('.badge')).toHaveText('Open');
	await expect(page.getByText('3, vastgelegd bij het openen')).toBeVisible();
	await expect(page.getByRole('row', { name: /Windesheim/ })).toHaveCount(0);
	await expectNoViolations(page, 'rondepagina (open)');
	await expectParticipation(page, '5 uitgenodigd, 0 begonnen, 0 verzonden', [
		'Gemeente Zwolle 3 0 0 0%',
		'Gemeente Kampen 2 0 0 0%'
	]);

	// All five links for a mail merge, as a CSV with a BOM and `;` (a native form post).
	await expect(page.locator('#mailmerge-uitleg')).toContainText('opent de opgeslagen antwoorden');
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Links downloaden (CSV)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe(`links-${ROUND}.csv`);
	const csv = readFileSync(await download.path(), 'utf8');
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	const lines = csv.slice(1).trim().split(/\r\n/);
	expect(lines[0]).toBe('naam;e-mail;partner;link');
	expect(lines).toHaveLength(6);
	expect(lines.some((l) => l.startsWith('Dirk Mulder;') && l.includes(`${fresh.baseURL}/s/${ROUND}.`))).toBe(true);
	expect(csv).not.toContain('Windesheim');

	// Dirk's link; the panel first says what obtaining it means.
	const dirkLink = await obtainLink(page, 'Dirk Mulder', { scan: true });

	// Dirk answers the first step, with a comment that names someone: started, not sent.
	const dirk = await respondent(browser, fresh);
	await dirk.goto(dirkLink);
	await expect(dirk.getByText(WELCOME)).toBeVisible();
	await dirk.getByRole('link', { name: 'Beginnen' }).click();
	await answerSteps(dirk, 1, { until: 1, comments: { 1: WITH_NAME }, seed: 0 });
	await expectParticipation(page, '5 uitgenodigd, 1 begonnen, 0 verzonden', [
		'Gemeente Zwolle 3 0 0 0%',
		'Gemeente Kampen 2 1 0 0%'
	]);
	await expect(page.getByRole('row', { name: /Dirk Mulder/ })).toContainText('Begonnen');

	// He finishes and sends.
	await answerSteps(dirk, 2, { seed: 0 });
	await send(dirk);
	await expectParticipation(page, '5 uitgenodigd, 1 begonnen, 1 verzonden', [
		'Gemeente Zwolle 3 0 0 0%',
		'Gemeente Kampen 2 1 1 50%'
	]);
	await expect(page.getByRole('heading', { name: 'Nog niet verzonden (4)' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Link opvragen van Dirk Mulder' })).toHaveCount(0);

	// Anne (Zwolle) answers with a comment, Eva (Kampen) without one.
	const anne = await respondent(browser, fresh);
	await walkSurvey(anne, await obtainLink(page, 'Anne de Vries'), { comments: { 1: KEPT }, seed: 1 });
	await expectParticipation(page, '5 uitgenodigd, 2 begonnen, 2 verzonden', [
		'Gemeente Zwolle 3 1 1 33%',
		'Gemeente Kampen 2 1 1 50%'
	]);
	const eva = await respondent(browser, fresh);
	await walkSurvey(eva, await obtainLink(page, 'Eva Jansen'), { seed: 3 });
	await expectParticipation(page, '5 uitgenodigd, 3 begonnen, 3 verzonden', [
		'Gemeente Zwolle 3 1 1 33%',
		'Gemeente Kampen 2 2 2 100%'
	]);
	await expect(
		page.getByRole('table', { name: 'Respons per type partner' }).getByRole('row', { name: 'Gemeente 5 3 3 60%' })
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Nog niet verzonden (2)' })).toBeVisible();

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
	// Closed by hand: the closing date became that moment, so only the moment is shown.
	await expect(page.getByText('Sluitdatum was')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Toelichtingen beoordelen' })).toBeVisible();
	await expectNoViolations(page, 'rondepagina (gesloten)');
	expect(readFileSync(roundFile(fresh, ROUND), 'utf8')).not.toMatch(/"responseId":"r-/);

	// The links stop working.
	await dirk.goto(dirkLink);
	await expect(dirk.getByRole('heading', { name: 'Deze meetronde is gesloten' })).toBeVisible();
	for (const p of [dirk, anne, eva]) await p.context().close();

	// The dashboard shows the round with the new wording; the comments wait for review.
	await page.getByRole('link', { name: 'Dashboard' }).click();
	await expect(page.getByRole('heading', { name: 'Dashboard Najaar 2026' })).toBeVisible();
	await expect(page.locator('main')).toContainText(CHANGED.now);
	const inhoud = page.getByRole('region', { name: 'Werken aan een gedeelde ambitie', exact: true });
	await expect(inhoud.getByText('Toelichtingen worden getoond zodra de beheerder ze heeft beoordeeld.')).toBeVisible();

	// The review: the name left out, then published.
	await page.getByRole('link', { name: 'Toelichtingen beoordelen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toelichtingen Najaar 2026');
	await expect(page.locator('.status')).toHaveText('Status: wacht op beoordeling · 2 toelichtingen');
	await expectNoViolations(page, 'toelichtingen beoordelen');
	await leaveOut(page, NAME);
	expect(filesWith(fresh, NAME)).toEqual([]);
	await page.getByRole('button', { name: 'Publiceren' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'De toelichtingen zijn gepubliceerd.' })).toBeVisible();
	await expect(page.locator('.status')).toHaveText(/^Status: gepubliceerd op .* · 2 toelichtingen$/);

	// The dashboard shows them for the whole network, without the name.
	await page.getByRole('link', { name: '← Dashboard Najaar 2026' }).click();
	await expect(page.getByRole('heading', { name: 'Dashboard Najaar 2026' })).toBeVisible();
	await inhoud.getByText('Toon de 2 toelichtingen').click();
	await expect(inhoud.locator('.comments li')).toHaveCount(2);
	await expect(inhoud.getByRole('listitem').filter({ hasText: REDACTED })).toBeVisible();
	await expect(inhoud.getByRole('listitem').filter({ hasText: KEPT })).toBeVisible();
	await expect(page.getByText(NAME)).toHaveCount(0);
	await page.goto('/admin');
	await expect(page.getByRole('row', { name: /Najaar 2026 Gesloten .* 5 3 60%/ })).toBeVisible();

	// The audit log says who did what: each obtained link once, by the admin, never the person's name.
	await page.goto('/admin/logboek');
	for (const what of [
		'Ronde aangemaakt',
		'Ronde geopend',
		'Sluitdatum verschoven',
		'Ronde gesloten',
		'Passage weggelaten uit een toelichting',
		'Toelichtingen gepubliceerd'
	])
		await expect(page.locator('main'), what).toContainText(what);
	const obtained = page.getByRole('row').filter({ hasText: 'Enquêtelink van een deelnemer opgevraagd' });
	await expect(obtained).toHaveCount(3);
	await expect(page.getByRole('row').filter({ hasText: 'Enquêtelinks gedownload voor een mailmerge' })).toHaveCount(1);
	for (const row of await obtained.all()) {
		await expect(row).toContainText(fresh.admin.email);
		await expect(row).toContainText(`ronde ${ROUND}`);
	}
	for (const name of ['Dirk Mulder', 'Anne de Vries', 'Eva Jansen']) await expect(page.getByText(name)).toHaveCount(0);
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
	await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible();
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
