import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, logInAsAdmin, test } from './fresh-install';
import { latestClosedRound, loggedIn } from './dashboard-login';
import { expectNoViolations } from './axe';
import { TEST_ORIGIN } from './env';

/**
 * A closed round moves to another installation: the admin of the demo server downloads its
 * ronde.json, the admin of an empty installation (DEMO=0) reads it in on the rounds page, and
 * the dashboard there opens with the same headline. A broken file is refused in Dutch, beside the field.
 */
test.describe.configure({ mode: 'serial' });

/** What the headline shows: the title, participation tiles and the sentence and figures per perspective. */
async function headline(page: Page) {
	await expect(page.locator('.sentences .sentence')).toHaveCount(5, { timeout: 20_000 });
	return {
		title: await page.getByRole('heading', { level: 1 }).textContent(),
		participation: await page.locator('.stats').innerText(),
		sentences: await page.locator('.sentences').innerText()
	};
}

let dir: string;
let archivePath: string;
let demoRound: { id: string; name: string; headline: Awaited<ReturnType<typeof headline>> };

test.beforeAll(async ({ browser }) => {
	dir = mkdtempSync(join(tmpdir(), 'am-e2e-archive-'));
	const context = await browser.newContext({
		baseURL: TEST_ORIGIN,
		storageState: await loggedIn(browser, 'admin', TEST_ORIGIN)
	});
	const page = await context.newPage();
	const round = await latestClosedRound(page);
	await page.goto(round.href);
	const shown = await headline(page);
	await page.getByRole('link', { name: 'Downloads (Excel, CSV)' }).click();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'ronde.json' }).click()
	]);
	archivePath = join(dir, download.suggestedFilename());
	await download.saveAs(archivePath);
	demoRound = { id: round.href.split('/').filter(Boolean)[2], name: round.name, headline: shown };
	await context.close();
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a broken file is refused beside the field, in Dutch, and the page passes axe', async ({ page, fresh }) => {
	await logInAsAdmin(page, fresh);
	await page.getByRole('link', { name: 'Archief inlezen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archief van een ronde inlezen');
	await expectNoViolations(page, 'archief inlezen');

	const text = readFileSync(archivePath, 'utf8');
	// Cut off halfway through: the JSON ends where it should go on.
	await page.getByLabel('Archiefbestand (ronde.json)').setInputFiles({
		name: 'ronde.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text.slice(0, 2000))
	});
	await page.getByRole('button', { name: 'Inlezen' }).click();
	const error = page.locator('#file-error');
	await expect(error).toContainText('Er is 1 fout gevonden; er is niets ingelezen.');
	await expect(error).toContainText(/Regel \d+, kolom \d+/);
	await expect(error).toContainText('Geen geldige JSON');
	await expect(page.getByLabel('Archiefbestand (ronde.json)')).toHaveAttribute('aria-invalid', 'true');
	await expectNoViolations(page, 'archief inlezen, met fout');

	// Valid JSON that breaks the schema names the field.
	const archive = JSON.parse(text);
	archive.round.name = '';
	await page.getByLabel('Archiefbestand (ronde.json)').setInputFiles({
		name: 'ronde.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(archive, null, '\t'))
	});
	await page.getByRole('button', { name: 'Inlezen' }).click();
	await expect(error).toContainText('round.name');
	await expect(error).toContainText('Vul dit veld in');

	await page.goto('/admin');
	await expect(page.getByRole('link', { name: demoRound.name, exact: true })).toHaveCount(0);
});

test('the downloaded ronde.json opens the same dashboard on the empty installation', async ({ page, fresh }) => {
	await logInAsAdmin(page, fresh);
	await page.getByRole('link', { name: 'Archief inlezen' }).click();
	await page.getByLabel('Archiefbestand (ronde.json)').setInputFiles(archivePath);
	await page.getByRole('button', { name: 'Inlezen' }).click();
	await expect(page).toHaveURL(new RegExp(`/admin/rounds/${demoRound.id}$`));
	expect(await headline(page)).toEqual(demoRound.headline);

	// On the rounds list as closed, with the participation frozen at close.
	await page.goto('/admin');
	const row = page.locator('tbody tr').filter({ hasText: demoRound.name });
	await expect(row).toContainText('Gesloten');

	// A second time is refused: the round exists.
	await page.getByRole('link', { name: 'Archief inlezen' }).click();
	await page.getByLabel('Archiefbestand (ronde.json)').setInputFiles(archivePath);
	await page.getByRole('button', { name: 'Inlezen' }).click();
	await expect(page.locator('#file-error')).toContainText(`al een meetronde met id ‘${demoRound.id}’`);
});

test('without JavaScript the form posts and redirects all the same', async ({ browser, fresh }) => {
	const context = await browser.newContext({ baseURL: fresh.baseURL, javaScriptEnabled: false });
	const page = await context.newPage();
	await logInAsAdmin(page, fresh);
	await page.goto('/admin/rounds/import');
	await page.getByLabel('Archiefbestand (ronde.json)').setInputFiles({
		name: 'leeg.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"format": "iets anders"}')
	});
	await page.getByRole('button', { name: 'Inlezen' }).click();
	await expect(page.locator('#file-error')).toContainText('geen archief van een meetronde');
	await context.close();
});
