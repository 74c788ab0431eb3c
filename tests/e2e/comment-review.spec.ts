import { SCHEMA_VERSION } from '$lib/model/ids';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { expect, logInAsAdmin, test, type FreshInstall } from './fresh-install';
import { expectNoViolations } from './axe';
import { fieldWith, itemOf, leaveOut } from './comment-review';
import type { Role } from '../../src/lib/model/network';
import type { SurveyResponse } from '../../src/lib/model/response';

/**
 * The comment review on a round that closed by its date: the data folder has an open round whose
 * closing date passed before the server started, with six submitted responses carrying comments.
 * The server closes it at start-up; the admin reads the comments, redacts a name, deletes one and
 * publishes; a viewer may not open the review.
 */
test.describe.configure({ mode: 'serial' });

const ROUND = 'voorjaar-2026';
const PAGE = `/admin/rounds/${ROUND}/opmerkingen`;
const NAME = 'Jan de Vries';
const WITH_NAME = `Het overleg met ${NAME} van Windesheim verliep stroef.`;
const REDACTED = 'Het overleg met [weggelaten] van Windesheim verliep stroef.';
const TO_DELETE = 'Dit gaat over één persoon en moet weg.';
const KEPT = 'Het vertrouwen groeit, ook tussen de gemeenten.';
const NO_SCRIPT = 'Vergaderingen met Kees lopen steeds uit.';
const written: Record<string, string>[] = [
	{ inhoud: WITH_NAME, relatie: KEPT },
	{ inhoud: 'De koers is helder, de uitvoering nog niet.' },
	{ relatie: TO_DELETE },
	{ proces: NO_SCRIPT },
	{ proces: '   ' },
	{}
];
const viewer = { email: 'kijker@regio.test', password: '' };
const partnerOf = (i: number) => (i % 2 ? 'kampen' : 'zwolle');
const roleOf = (i: number): Role => (i % 2 ? 'ambtelijk' : 'bestuurlijk');

test.use({
	seedNetwork: {
		run: async (store) => {
			const { samenwerkingsscan } = await import('../../src/lib/questionnaires');
			const { networkSchema, partnerSchema } = await import('../../src/lib/model/network');
			const { surveyToken } = await import('../../src/lib/server/tokens');
			const { randomBytes } = await import('node:crypto');
			const { addUser } = await import('../../src/lib/server/auth/users');
			const day = 24 * 60 * 60 * 1000;
			const at = (days: number) => new Date(Date.now() + days * day).toISOString();
			await store.updateNetwork((d) => {
				d.network = networkSchema.parse({ id: 'regio-e2e', name: 'Regio E2E', kAnonymity: 5 });
				d.partners = (
					[
						['zwolle', 'Gemeente Zwolle', true],
						['kampen', 'Gemeente Kampen', false]
					] as const
				).map(([id, name, isCentre]) =>
					partnerSchema.parse({ id, name, type: 'gemeente', helix: 'overheid', isCentre })
				);
				d.bodies = [];
				d.respondents = written.map((_, i) => ({
					id: `persoon-${i}`,
					partnerId: partnerOf(i),
					name: `Persoon ${i}`,
					email: `persoon${i}@regio.test`,
					role: roleOf(i),
					bodyIds: [],
					active: true,
					createdAt: at(-60),
					lastInvitedAt: at(-30),
					emailWrongAt: null
				}));
				d.questionnaires = [samenwerkingsscan];
				// Open, but its closing date passed while the server was down.
				d.rounds = [
					{
						id: ROUND,
						name: 'Voorjaar 2026',
						questionnaireId: samenwerkingsscan.id,
						questionnaireVersion: samenwerkingsscan.version,
						status: 'open',
						opensAt: at(-30),
						closesAt: at(-1),
						createdAt: at(-35),
						closedAt: null,
						minimisedAt: null
					}
				];
			});
			const items = samenwerkingsscan.sections.flatMap((s) => s.items.map((it) => it.id));
			const invitations = written.map((_, i) => ({
				id: `uitnodiging-${i}`,
				roundId: ROUND,
				respondentId: `persoon-${i}`,
				// The links die at close, so any key will do.
				tokenHash: surveyToken(randomBytes(32), ROUND, `uitnodiging-${i}`).tokenHash,
				createdAt: at(-30),
				responseId: `antwoord-${i}`
			}));
			const responses = written.map((comments, i): SurveyResponse => ({
				id: `antwoord-${i}`,
				roundId: ROUND,
				profile: { partnerId: partnerOf(i), role: roleOf(i), bodyIds: [] },
				answers: Object.fromEntries(items.map((id, j) => [id, ((i + j) % 5) + 1])),
				comments,
				status: 'submitted',
				step: 5,
				createdAt: at(-20),
				updatedAt: at(-20),
				submittedAt: at(-20)
			}));
			await store.replaceRound(ROUND, { schemaVersion: SCHEMA_VERSION, roundId: ROUND, invitations, responses });
			viewer.password = (await addUser(store, viewer.email, 'viewer')).password;
		}
	}
});

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = join(dir, name);
		return statSync(full).isDirectory() ? filesUnder(full) : [full];
	});
}
const filesWith = (fresh: FreshInstall, needle: string) =>
	filesUnder(fresh.dataDir)
		.filter((f) => readFileSync(f, 'utf8').includes(needle))
		.map((f) => f.slice(fresh.dataDir.length + 1))
		.sort();

async function newPage(browser: Browser, fresh: FreshInstall, javaScriptEnabled = true) {
	const context = await browser.newContext({ baseURL: fresh.baseURL, locale: 'nl-NL', javaScriptEnabled });
	return context.newPage();
}

test('the round closed at start-up: its comments wait for review, and only there', async ({ page, fresh }) => {
	await logInAsAdmin(page, fresh);
	await expect(page.getByRole('row', { name: /Voorjaar 2026/ })).toContainText('Gesloten');
	await page.goto(PAGE);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toelichtingen Voorjaar 2026');
	await expect(page.locator('.status')).toHaveText('Status: wacht op beoordeling · 5 toelichtingen');
	// Five comments (the blank one is not a comment), in three sections.
	await expect(page.locator('textarea')).toHaveCount(5);
	await expect(page.getByRole('heading', { level: 2, name: /toelichting/ })).toHaveCount(3);
	await expect(
		page.getByRole('heading', { name: /Werken aan een gedeelde ambitie \(2 toelichtingen\)/ })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Publiceren' })).toBeVisible();
	await expect(page.getByText('in willekeurige volgorde, zonder naam, profiel of tijdstip')).toBeVisible();
	await expectNoViolations(page, 'toelichtingen beoordelen');
	// Fixed in the review file only: the responses no longer hold them.
	expect(filesWith(fresh, NAME)).toEqual([`rounds/${ROUND}.comments.json`, `rounds/${ROUND}.comments.json.bak`]);
});

test('a change other than leaving out is refused next to the field, and the typed text stays', async ({
	page,
	fresh
}) => {
	await logInAsAdmin(page, fresh);
	await page.goto(PAGE);
	const field = await fieldWith(page, NAME);
	await field.fill(WITH_NAME.replace('stroef', 'prima'));
	await itemOf(page, field)
		.getByRole('button', { name: /^Opslaan/ })
		.click();
	await expect(field).toHaveAccessibleDescription(/Alleen weglaten is toegestaan/);
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(field).toHaveValue(WITH_NAME.replace('stroef', 'prima'));
	await page.reload();
	await expect(await fieldWith(page, NAME)).toHaveValue(WITH_NAME);
});

test('the admin leaves out a name, deletes a comment and publishes', async ({ page, fresh }) => {
	await logInAsAdmin(page, fresh);
	await page.goto(PAGE);

	// Select the name and leave it out.
	await leaveOut(page, NAME);
	await expect(await fieldWith(page, REDACTED)).toBeVisible();
	expect(filesWith(fresh, NAME)).toEqual([]);

	// Delete one, in two steps.
	const doomed = itemOf(page, await fieldWith(page, TO_DELETE));
	await doomed.getByText(/^Verwijderen/).click();
	await doomed.getByRole('button', { name: /definitief verwijderen/ }).click();
	await expect(page.getByText('Toelichting verwijderd.')).toBeVisible();
	await expect(page.locator('textarea')).toHaveCount(4);
	expect(filesWith(fresh, TO_DELETE)).toEqual([]);

	await page.getByRole('button', { name: 'Publiceren' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'De toelichtingen zijn gepubliceerd.' })).toBeVisible();
	await expect(page.locator('.status')).toHaveText(
		/^Status: gepubliceerd op \w+dag \d+ \w+ \d{4} om \d\d:\d\d uur · 4 toelichtingen$/
	);
	await expect(page.getByRole('button', { name: 'Publiceren' })).toHaveCount(0);
	await expect(await fieldWith(page, REDACTED)).toBeVisible();
	await expect(await fieldWith(page, KEPT)).toBeVisible();
	await expect(page.getByText(NAME)).toHaveCount(0);
	await expectNoViolations(page, 'toelichtingen gepubliceerd');

	// The audit log says what was done, never the text.
	await page.goto('/admin/logboek');
	for (const label of [
		'Passage weggelaten uit een toelichting',
		'Toelichting verwijderd',
		'Toelichtingen gepubliceerd'
	])
		await expect(page.getByRole('cell', { name: new RegExp(`^${label} comments\\.`) })).toBeVisible();
	await expect(page.getByText('Windesheim verliep')).toHaveCount(0);
});

test('without JavaScript, a passage is left out after publishing too', async ({ browser, fresh }) => {
	const page = await newPage(browser, fresh, false);
	await logInAsAdmin(page, fresh);
	await page.goto(PAGE);
	const field = await fieldWith(page, NO_SCRIPT);
	const item = itemOf(page, field);
	await expect(item.getByRole('button', { name: /^Selectie weglaten/ })).toHaveCount(0);
	await field.fill(NO_SCRIPT.replace('Kees', 'iemand'));
	await item.getByRole('button', { name: /^Opslaan/ }).click();
	const refused = await fieldWith(page, 'Vergaderingen met iemand');
	await expect(refused).toHaveAccessibleDescription(/Alleen weglaten is toegestaan/);
	await expect(refused).toHaveValue(NO_SCRIPT.replace('Kees', 'iemand'));
	await field.fill(NO_SCRIPT.replace('met Kees ', 'met [weggelaten] '));
	await item.getByRole('button', { name: /^Opslaan/ }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
	await page.goto(PAGE);
	await expect(await fieldWith(page, 'Vergaderingen met [weggelaten] lopen steeds uit.')).toBeVisible();
	expect(filesWith(fresh, 'Kees')).toEqual([]);
	await page.context().close();
});

test('a viewer may not open the review, nor publish', async ({ browser, fresh }) => {
	const page = await newPage(browser, fresh);
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(viewer.email);
	await page.getByLabel('Wachtwoord').fill(viewer.password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('heading', { name: 'Meetrondes' })).toBeVisible();
	const refused = await page.goto(PAGE);
	expect(refused?.status()).toBe(403);
	await expect(page.getByText(KEPT)).toHaveCount(0);
	const post = await page.request.post(`${PAGE}?/publish`, {
		headers: { origin: fresh.baseURL },
		form: {}
	});
	expect(post.status()).toBe(403);
	expect(await post.text()).toBe('Alleen een beheerder kan dit wijzigen.');
	await page.context().close();
});
