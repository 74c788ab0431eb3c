import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import { expect, freePort, logInAsAdmin, test, type FreshInstall } from './fresh-install';
import { expectNoViolations } from './axe';
import { csv, sheetOf } from './read-back';
import { answerStep } from './survey-helpers';
import { startMailbox, type Mailbox } from '../../src/lib/server/mail/test-smtp';
import { toLocalInput } from '../../src/lib/model/local-time';
import { networkSchema, partnerSchema, respondentSchema } from '../../src/lib/model/network';

/**
 * A round's e-mail, as the regiobureau runs it, through a real SMTP server on loopback that this
 * spec runs: the admin makes and opens a round in the back-office, sends the invitations (one
 * address is refused), a person answers through the link in their message, another declines
 * through theirs, the refused address is corrected and resent, a reminder reaches only the
 * others, a planned reminder goes out at its time, and batches survive a graceful restart
 * (nothing twice) and a kill -9 (at most the one in flight twice, and the log says so).
 */
test.describe.configure({ mode: 'serial' });

const SMTP_PORT = freePort();
const PEOPLE = [
	['anne', 'Anne de Vries', 'zwolle'],
	['bram', 'Bram Veldkamp', 'zwolle'],
	['carla', 'Carla Smit', 'zwolle'],
	['dirk', 'Dirk Mulder', 'kampen'],
	['eva', 'Eva Jansen', 'kampen'],
	['frank', 'Frank de Boer', 'windesheim'],
	['gerda', 'Gerda Bos', 'windesheim'],
	['hans', 'Hans Kok', 'windesheim'],
	['ilse', 'Ilse Meijer', 'kampen'],
	['joost', 'Joost Bakker', 'zwolle'],
	['karin', 'Karin Visser', 'windesheim'],
	['lars', 'Lars Dijkstra', 'kampen']
] as const;
const address = (key: string) => `${key}@regio.test`;
const ROUND_NAME = 'Voorjaar 2027';
const ROUND = 'voorjaar-2027';

test.use({
	serverEnv: { SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`, MAIL_FROM: 'monitor@regio.test', MAIL_RATE: '6000' },
	seedNetwork: {
		run: (store) =>
			store.updateNetwork((d) => {
				d.network = networkSchema.parse({
					id: 'regio-mail',
					name: 'Regio Mail',
					kAnonymity: 3,
					contactEmail: 'team@regio.test',
					senderName: 'Regiobureau Regio Mail'
				});
				d.partners = [
					partnerSchema.parse({ id: 'zwolle', name: 'Gemeente Zwolle', type: 'gemeente', helix: 'overheid' }),
					partnerSchema.parse({ id: 'kampen', name: 'Gemeente Kampen', type: 'gemeente', helix: 'overheid' }),
					partnerSchema.parse({ id: 'windesheim', name: 'Windesheim', type: 'onderwijs', helix: 'onderwijs' })
				];
				d.bodies = [];
				d.respondents = PEOPLE.map(([key, name, partnerId], i) =>
					respondentSchema.parse({
						id: `persoon-${key}`,
						name,
						email: address(key),
						partnerId,
						role: i % 2 ? 'ambtelijk' : 'bestuurlijk',
						createdAt: new Date().toISOString()
					})
				);
			})
	}
});

let box: Mailbox;
test.beforeAll(async () => {
	box = await startMailbox({ port: SMTP_PORT });
});
test.afterAll(() => box.close());

const toOf = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? (m.to.value[0].address ?? '') : '');
const linkOf = (m: ParsedMail) => /(https?:\/\/\S+\/s\/[A-Za-z0-9._-]+)(?=\s)/.exec(m.text ?? '')?.[1] ?? '';
/** The messages since `from` whose subject starts so, by recipient. */
const since = (from: number, subject: RegExp) => box.received.slice(from).filter((m) => subject.test(m.subject ?? ''));
const recipients = (mails: ParsedMail[]) => mails.map(toOf).sort();

const DAY = 24 * 3600 * 1000;
const local = (ms: number) => toLocalInput(new Date(Date.now() + ms).toISOString());

async function respondent(browser: Browser, fresh: FreshInstall) {
	const context = await browser.newContext({ baseURL: fresh.baseURL, locale: 'nl-NL' });
	return context.newPage();
}

async function emailPage(page: Page) {
	await page.goto(`/admin/rounds/${ROUND}/e-mail`);
	await expect(page.getByRole('heading', { name: 'E-mail: uitnodigingen en herinneringen' })).toBeVisible();
}

/** A reminder to everyone who has not sent, now; returns where its messages start in the mailbox. */
async function remindNow(page: Page) {
	await emailPage(page);
	const from = box.received.length;
	await page.getByLabel('Iedereen die nog niet verzond').check();
	await page.getByLabel('Nu', { exact: true }).check();
	await page.getByRole('button', { name: 'Herinnering versturen of plannen' }).click();
	await expect(page.getByRole('status').first()).toContainText('De herinnering gaat uit');
	return from;
}

/** Who should get a reminder from here on: everyone but Anne (sent) and Bram (declined). */
const REMINDED = PEOPLE.map(([key]) => key)
	.filter((k) => k !== 'anne' && k !== 'bram')
	.map((k) => (k === 'frank' ? 'frank.nieuw@regio.test' : address(k)))
	.sort();

test('invitations go out, a person answers through theirs, one declines, a refused address is corrected and resent, a reminder reaches only the others', async ({
	page,
	fresh,
	browser
}) => {
	test.setTimeout(180_000);
	await logInAsAdmin(page, fresh);
	// The round, made in the back-office, for the whole network.
	await page.goto('/admin/rounds/nieuw');
	await page.getByLabel('Naam van de ronde').fill(ROUND_NAME);
	await page.getByLabel('Vragenlijst').selectOption({ index: 1 });
	await page.getByLabel('Opent op').fill(local(DAY));
	await page.getByLabel('Sluit op').fill(local(20 * DAY));
	await page.getByRole('button', { name: 'Ronde aanmaken' }).click();
	await expect(page).toHaveURL(new RegExp(`/admin/rounds/${ROUND}/beheer`));
	await expect(page.locator('#e-mail + p')).toContainText('Er is nog geen e-mail verstuurd');
	// With SMTP set, the app sends the links itself: no mail-merge file is offered.
	await expect(page.getByRole('heading', { name: 'Links voor een mailmerge' })).toHaveCount(0);

	// The texts: a wrong placeholder is named next to its field, and nothing typed is lost.
	await page.goto(`/admin/rounds/${ROUND}/e-mail/teksten`);
	await expectNoViolations(page, 'e-mailteksten');
	const body = page.locator('#invitationBody');
	await body.fill('Beste {naaam},\n\nDoe mee namens {partner}.');
	await page.getByRole('button', { name: 'Teksten opslaan' }).click();
	await expect(page.locator('#invitationBody-error')).toContainText('Onbekend: {naaam}');
	await expect(page.locator('#invitationBody-error')).toContainText('De app kent {naam}');
	await expect(body).toHaveValue('Beste {naaam},\n\nDoe mee namens {partner}.');
	await expectNoViolations(page, 'e-mailteksten met fout');
	await body.fill('Beste {naam},\n\nDoe mee namens {partner}, vóór {sluitdatum}:\n{link}\n\nGroet,\n{afzender}');
	await page.getByRole('button', { name: 'Teksten opslaan' }).click();
	await expect(page.getByRole('status')).toContainText('De teksten zijn opgeslagen');
	// The preview, as one real invitee gets it, without a working link.
	await page.getByLabel('Zoals deze persoon het krijgt').selectOption({ label: 'Dirk Mulder (Gemeente Kampen)' });
	await page.getByRole('button', { name: 'Voorbeeld tonen' }).click();
	await expect(page.locator('pre')).toContainText('Beste Dirk Mulder,');
	await expect(page.locator('pre')).toContainText('Doe mee namens Gemeente Kampen');
	await expect(page.locator('pre')).toContainText('/s/(persoonlijke-link)');
	await expect(page.locator('pre')).toContainText('Groet,\nRegiobureau Regio Mail');
	await expect(page.locator('.envelope')).toContainText('dirk@regio.test');
	await expectNoViolations(page, 'e-mailteksten, voorbeeld');

	// Open the round, then send; Frank's mailbox does not exist.
	await page.goto(`/admin/rounds/${ROUND}/beheer`);
	await page.getByRole('button', { name: 'Nu openen' }).click();
	await expect(page.locator('.badge')).toHaveText('Open');
	box.refuse.add(address('frank'));
	await emailPage(page);
	await expectNoViolations(page, 'e-mail, voor verzenden');
	await page.getByRole('button', { name: `Uitnodigingen versturen (${PEOPLE.length})` }).click();
	await expect(page.getByRole('status').first()).toContainText('De uitnodigingen gaan uit');
	await expect.poll(() => since(0, /^Uitnodiging/).length).toBe(PEOPLE.length - 1);
	await emailPage(page);
	await expect(page.getByText(`${PEOPLE.length - 1} van ${PEOPLE.length} verstuurd`)).toBeVisible();
	const problem = page.getByRole('row', { name: /Frank de Boer/ });
	await expect(problem).toContainText('Uitnodiging geweigerd');
	await expect(problem).toContainText('Mailbox unknown');
	await expectNoViolations(page, 'e-mail, na verzenden met een weigering');
	expect(recipients(since(0, /^Uitnodiging/))).not.toContain(address('frank'));

	// Anne reads her message, opens its link and sends.
	const anneMail = box.received.find((m) => toOf(m) === address('anne'))!;
	expect(anneMail.text).toContain('Beste Anne de Vries,');
	expect(anneMail.text).toContain('Doe mee namens Gemeente Zwolle');
	expect(anneMail.html).toContain(`<a href="${linkOf(anneMail)}">`);
	const anne = await respondent(browser, fresh);
	await anne.goto(linkOf(anneMail));
	await anne.getByRole('link', { name: 'Beginnen' }).click();
	await answerStep(anne, () => 4);
	await anne.getByRole('button', { name: /^Volgende/ }).click();
	await anne.goto(`${linkOf(anneMail)}/controle`);
	await anne.getByRole('button', { name: 'Antwoorden verzenden' }).click();
	await expect(anne.getByRole('heading', { name: 'Dank u wel!' })).toBeVisible();

	// Bram follows the decline link in his message.
	const bramMail = box.received.find((m) => toOf(m) === address('bram'))!;
	const bram = await respondent(browser, fresh);
	await bram.goto(`${linkOf(bramMail)}/niet-meedoen`);
	expect(bramMail.text).toContain(`${linkOf(bramMail)}/niet-meedoen`);
	await expect(bram.getByRole('heading', { name: 'Doet u deze keer niet mee?' })).toBeVisible();
	await expectNoViolations(bram, 'niet meedoen');
	await bram.getByRole('button', { name: 'Ik doe deze keer niet mee' }).click();
	await expect(bram.getByRole('heading', { name: 'U doet deze keer niet mee' })).toBeVisible();
	await expectNoViolations(bram, 'niet meedoen, bevestigd');

	// Frank's address is corrected and his invitation resent.
	await emailPage(page);
	await problem.getByRole('link', { name: /Adres wijzigen/ }).click();
	await page.getByLabel('E-mailadres').fill('frank.nieuw@regio.test');
	await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
	await emailPage(page);
	await page
		.getByRole('row', { name: /Frank de Boer/ })
		.getByRole('button', { name: /Opnieuw versturen/ })
		.click();
	await expect(page.getByRole('status').first()).toContainText('Het bericht gaat opnieuw uit');
	await expect.poll(() => box.recipients()).toContain('frank.nieuw@regio.test');
	await emailPage(page);
	await expect(page.getByText(`${PEOPLE.length} van ${PEOPLE.length} verstuurd`)).toBeVisible();
	await expect(page.getByRole('heading', { name: /Niet aangekomen/ })).toHaveCount(0);

	// Participation counts the decline; the reminder skips Anne and Bram.
	await page.goto(`/admin/rounds/${ROUND}/beheer`);
	await expect(page.getByText(/1 verzonden, 1 doet deze keer niet mee/)).toBeVisible();
	const from = await remindNow(page);
	await expect.poll(() => since(from, /^Herinnering/).length).toBe(REMINDED.length);
	expect(recipients(since(from, /^Herinnering/))).toEqual(REMINDED);
	await anne.context().close();
	await bram.context().close();
});

test('a planned reminder goes out at its time, to whoever has not sent by then', async ({ page, fresh }) => {
	test.setTimeout(180_000);
	await logInAsAdmin(page, fresh);
	await emailPage(page);
	const from = box.received.length;
	// The next whole minute (the field takes minutes), at least 20 seconds away.
	const at = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
	await page.getByLabel('Op een later moment').check();
	await page.getByLabel('Moment (als later)').fill(toLocalInput(at.toISOString()));
	await page.getByRole('button', { name: 'Herinnering versturen of plannen' }).click();
	await expect(page.getByRole('status').first()).toContainText('De herinnering is gepland');
	await expect(page.getByRole('row', { name: /Gepland op/ })).toBeVisible();
	await expectNoViolations(page, 'e-mail, herinnering gepland');
	expect(since(from, /^Herinnering/)).toHaveLength(0);
	await expect.poll(() => since(from, /^Herinnering/).length, { timeout: 120_000 }).toBe(REMINDED.length);
	expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
	expect(recipients(since(from, /^Herinnering/))).toEqual(REMINDED);
});

test('a graceful restart in the middle of a batch sends nothing twice; after kill -9 at most one message goes twice, and the log says so', async ({
	page,
	fresh
}) => {
	test.setTimeout(120_000);
	await logInAsAdmin(page, fresh);
	box.delayMs = 300;
	const first = await remindNow(page);
	await expect.poll(() => since(first, /^Herinnering/).length).toBeGreaterThanOrEqual(2);
	await fresh.restart('SIGTERM');
	expect(since(first, /^Herinnering/).length).toBeLessThan(REMINDED.length);
	await expect.poll(() => since(first, /^Herinnering/).length, { timeout: 30_000 }).toBe(REMINDED.length);
	expect(recipients(since(first, /^Herinnering/))).toEqual(REMINDED);
	expect(fresh.output()).not.toContain('kan twee keer aankomen');

	// The session survived the restart: the admin is still logged in.
	const second = await remindNow(page);
	await expect.poll(() => since(second, /^Herinnering/).length).toBeGreaterThanOrEqual(2);
	// Halfway through a message: the server has it, the app has not recorded it yet.
	await new Promise((r) => setTimeout(r, 150));
	await fresh.restart('SIGKILL');
	await expect
		.poll(() => new Set(recipients(since(second, /^Herinnering/))).size, { timeout: 30_000 })
		.toBe(REMINDED.length);
	await new Promise((r) => setTimeout(r, 1000));
	const got = recipients(since(second, /^Herinnering/));
	const twice = got.filter((a, i) => got.indexOf(a) !== i);
	expect(twice.length).toBeLessThanOrEqual(1);
	if (twice.length) expect(fresh.output()).toContain(`${twice[0]} (ronde ${ROUND}) was onderweg toen de server stopte`);
	box.delayMs = 0;
});

const roundFiles = (fresh: FreshInstall) =>
	existsSync(join(fresh.dataDir, 'rounds'))
		? readdirSync(join(fresh.dataDir, 'rounds'))
				.filter((f) => f.startsWith(`${ROUND}.`))
				.map((f) => readFileSync(join(fresh.dataDir, 'rounds', f), 'utf8'))
				.join('\n')
		: '';
const FORMULA = '=HYPERLINK("https://aanval.invalid","Klik hier")';

test('more people answer through their messages, the round closes, and its files read back without a person in them', async ({
	page,
	fresh,
	browser
}) => {
	test.setTimeout(120_000);
	await logInAsAdmin(page, fresh).catch(() => undefined);
	const answering = ['carla', 'dirk', 'eva', 'frank.nieuw', 'gerda'];
	for (const [i, key] of answering.entries()) {
		const mail = box.received.findLast((m) => toOf(m) === address(key))!;
		const p = await respondent(browser, fresh);
		await p.goto(linkOf(mail));
		await p.getByRole('link', { name: 'Beginnen' }).click();
		await answerStep(p, (j) => ((i + j) % 5) + 1);
		if (i === 0) await p.getByLabel('Toelichting of voorbeeld (optioneel)').fill(FORMULA);
		if (i === 1) await p.getByLabel('Toelichting of voorbeeld (optioneel)').fill('De samenwerking groeit.');
		await p.getByRole('button', { name: /^Volgende/ }).click();
		await p.goto(`${linkOf(mail)}/controle`);
		await p.getByRole('button', { name: 'Antwoorden verzenden' }).click();
		await expect(p.getByRole('heading', { name: 'Dank u wel!' })).toBeVisible();
		await p.context().close();
	}
	// Per person, the SMTP server's answer to each invitation.
	await emailPage(page);
	const logHref = await page
		.getByRole('link', { name: /Per persoon, met het antwoord van de server/ })
		.first()
		.getAttribute('href');
	const log = csv(await (await page.request.get(logHref!)).body());
	expect(log).toHaveLength(PEOPLE.length);
	expect(log.every((r) => r.stand === 'verstuurd' && /^250 /.test(r.antwoord_server))).toBe(true);
	expect(log.map((r) => r['e-mail'])).toContain('frank.nieuw@regio.test');
	expect(log.some((r) => /\/s\//.test(Object.values(r).join(' ')))).toBe(false);
	// Before the close the outbox names people's addresses; after it nothing in the round's files does.
	const addressesIn = (files: string) => PEOPLE.map(([key]) => address(key)).filter((a) => files.includes(a));
	expect(addressesIn(roundFiles(fresh)).length).toBeGreaterThan(0);
	await page.goto(`/admin/rounds/${ROUND}/beheer`);
	await page.getByLabel(`Ja, sluit ${ROUND_NAME} nu`).check();
	await page.getByRole('button', { name: 'Sluiten', exact: true }).click();
	await expect(page.locator('.badge')).toHaveText('Gesloten');
	expect(addressesIn(roundFiles(fresh))).toEqual([]);
	expect(/"declinedAt":"/.test(roundFiles(fresh))).toBe(false);
	await emailPage(page);
	await expect(page.getByText('De ronde is gesloten: er gaat geen e-mail meer uit.')).toBeVisible();
	await expect(page.getByRole('button', { name: /versturen/ })).toHaveCount(0);
	await page.goto(`/admin/rounds/${ROUND}/opmerkingen`);
	await page.getByRole('button', { name: 'Publiceren' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'De toelichtingen zijn gepubliceerd.' })).toBeVisible();

	// Participation as published: the decline counts, without saying whose.
	const published = JSON.parse(readFileSync(join(fresh.dataDir, 'rounds', `${ROUND}.published.json`), 'utf8'));
	expect(published.participation).toMatchObject({ invited: 12, submitted: 6, declined: 1 });
	const base = `/admin/rounds/${ROUND}/export`;
	const get = async (path: string) => (await page.request.get(`${base}/${path}`)).body();
	// Results: six answered the first step; a partner with two respondents is withheld, with 403.
	const results = csv(await get('resultaten.csv'));
	expect(results[0].n).toBe('6');
	expect(results[0].gemiddelde).toMatch(/^\d,\d\d$/);
	const sheet = await sheetOf(await get('resultaten.xlsx'));
	expect(sheet.getRow(1).getCell(1).value).toBe('stelling');
	expect(sheet.getRow(2).getCell(5).value).toBe(6);
	expect((await page.request.get(`${base}/resultaten.csv?partner=windesheim`)).status()).toBe(403);
	// Responses: one row per response, item ids as columns, no person.
	const answersBytes = await get('antwoorden.csv');
	const rows = csv(answersBytes);
	expect(rows).toHaveLength(6);
	expect(Object.keys(rows[0]).every((c) => /^[a-z0-9-]+$/.test(c))).toBe(true);
	for (const banned of ['naam', 'e-mail', 'partner', 'rol', 'gremia', 'id', 'token'])
		expect(Object.keys(rows[0])).not.toContain(banned);
	const answersText = answersBytes.toString('utf8');
	expect(answersText).not.toContain('@');
	for (const [, name] of PEOPLE) expect(answersText).not.toContain(name);
	const answersSheet = await sheetOf(await get('antwoorden.xlsx'));
	expect(answersSheet.rowCount).toBe(7);
	// Comments: shuffled, no profile, and the formula arrives as text.
	const comments = csv(await get('toelichtingen.csv'));
	expect(Object.keys(comments[0])).toEqual(['onderdeel', 'toelichting']);
	expect(comments).toHaveLength(2);
	const formula = comments.find((c) => c.toelichting.includes('HYPERLINK('))!;
	expect(formula.toelichting).not.toMatch(/^[=+\-@\t\r]/);
	expect(formula.toelichting).toContain(FORMULA);
});
