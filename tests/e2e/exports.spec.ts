import { readFile } from 'node:fs/promises';
import { expect, latestClosedRound, test } from './dashboard-login';
import { expectNoViolations } from './axe';
import { csv, sheetOf } from './read-back';
import { demo } from './demo-output';

/**
 * The downloads of the demo's latest closed round: the admin takes every file and reads it back
 * with the libraries a reader would use; a viewer gets the results and 403 for everything else.
 */

const roundIdOf = (href: string) => href.split('/').filter(Boolean)[2];

test('the admin downloads every file of a closed round and reads it back', async ({ page }) => {
	const round = await latestClosedRound(page);
	await page.goto(round.href);
	await page.getByRole('link', { name: 'Downloads (Excel, CSV)' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Downloads ${round.name}`);
	await expectNoViolations(page, 'downloads (beheerder)');
	const base = `/admin/rounds/${roundIdOf(round.href)}/export`;

	// The results as a browser downloads them: the form's button, the whole network.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'resultaten.xlsx' }).click()
	]);
	expect(download.suggestedFilename()).toBe('resultaten.xlsx');
	const results = await sheetOf(await readFile((await download.path())!));
	expect(results.getRow(1).getCell(1).value).toBe('stelling');
	expect(results.rowCount).toBeGreaterThan(30);
	expect(typeof results.getRow(2).getCell(5).value).toBe('number');

	const resultsCsv = csv(await (await page.request.get(`${base}/resultaten.csv`)).body());
	expect(resultsCsv.length).toBe(results.rowCount - 1);
	expect(resultsCsv[0].gemiddelde).toMatch(/^\d,\d\d$/);

	// One group at a time, as on the dashboard; a combination is refused.
	const group = await page.locator('#cel optgroup[label="Rol"] option').first().getAttribute('value');
	const one = await page.request.get(`${base}/resultaten.csv?${group!.replace(':', '=')}`);
	expect(one.status()).toBe(200);
	expect(one.headers()['content-disposition']).toMatch(/resultaten-role-/);
	const both = await page.request.get(`${base}/resultaten.csv?role=ambtelijk&helix=overheid`);
	expect(both.status()).toBe(403);

	// Responses: item ids as columns, nothing about a person.
	const people = demo();
	const answers = await (await page.request.get(`${base}/antwoorden.csv`)).body();
	const rows = csv(answers);
	expect(rows.length).toBeGreaterThan(100);
	const columns = Object.keys(rows[0]);
	expect(columns.every((c) => /^[a-z0-9-]+$/.test(c))).toBe(true);
	for (const banned of ['naam', 'e-mail', 'partner', 'rol', 'gremia', 'id', 'token'])
		expect(columns).not.toContain(banned);
	expect(answers.toString('utf8')).not.toContain('@');
	expect(answers.toString('utf8')).not.toContain(people.email);
	const sheet = await sheetOf(await (await page.request.get(`${base}/antwoorden.xlsx`)).body());
	expect(sheet.rowCount).toBe(rows.length + 1);
	expect(sheet.getRow(1).getCell(1).value).toBe(columns[0]);

	const archive = JSON.parse((await (await page.request.get(`${base}/ronde.json`)).body()).toString('utf8'));
	expect(archive.round.name).toBe(round.name);
	expect(archive.responses).toHaveLength(rows.length);
	expect(archive.published.snapshot.cells.length).toBeGreaterThan(1);

	// The demo publishes the latest closed round's comments: section and text, shuffled, nothing else.
	const comments = csv(await (await page.request.get(`${base}/toelichtingen.csv`)).body());
	expect(comments.length).toBeGreaterThan(5);
	expect(Object.keys(comments[0])).toEqual(['onderdeel', 'toelichting']);
	expect(comments.every((c) => !/^[=+\-@\t\r]/.test(c.toelichting))).toBe(true);

	// Each download of the responses is in the log.
	await page.goto('/admin/logboek');
	await expect(page.getByText('Antwoorden van een gesloten ronde gedownload').first()).toBeVisible();
});

test.describe('as the regiobureau (viewer)', () => {
	test.use({ account: 'viewer' });
	test('a viewer downloads the results and gets 403 for responses, comments and the archive', async ({ page }) => {
		const round = await latestClosedRound(page);
		const base = `/admin/rounds/${roundIdOf(round.href)}/export`;
		await page.goto(base);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Downloads ${round.name}`);
		await expect(page.getByRole('heading', { name: /Antwoorden/ })).toHaveCount(0);
		await expectNoViolations(page, 'downloads (kijker)');
		expect((await page.request.get(`${base}/resultaten.csv`)).status()).toBe(200);
		expect((await page.request.get(`${base}/resultaten.xlsx`)).status()).toBe(200);
		for (const file of ['antwoorden.csv', 'antwoorden.xlsx', 'toelichtingen.csv', 'ronde.json'])
			expect((await page.request.get(`${base}/${file}`)).status(), file).toBe(403);
	});
});
