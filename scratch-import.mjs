import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const base = 'http://localhost:3411';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const width of [1280, 375]) {
	const ctx = await browser.newContext({ viewport: { width, height: 900 } });
	const page = await ctx.newPage();
	await page.goto(base + '/login');
	await page.getByLabel('E-mailadres').fill('beheerder@regiozwolle.demo');
	await page.getByLabel('Wachtwoord').fill(process.env.PW);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL(/\/admin/);
	await page.goto(base + '/admin/vragenlijsten/import');
	await page.screenshot({ path: `/tmp/qshots/import-${width}.png`, fullPage: true });
	const res = await page.request.get(base + '/admin/vragenlijsten/samenwerkingsscan/1/export');
	const text = (await res.text()).replace('"minutes": 12', '"minutes": "12"').replace('"reversed": true', '"reverse": true').replace('"Oneens",', '');
	await page.getByLabel('JSON-bestand').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(text) });
	await page.getByRole('button', { name: 'Importeren' }).click();
	await page.getByRole('alert').waitFor();
	await page.screenshot({ path: `/tmp/qshots/import-err-${width}.png`, fullPage: false, clip: { x: 0, y: 0, width, height: width < 600 ? 1400 : 1000 } });
	await page.goto(base + '/admin/vragenlijsten/samenwerkingsscan/1/voorbeeld/controle');
	await page.screenshot({ path: `/tmp/qshots/review-${width}.png`, clip: { x: 0, y: 0, width, height: 1000 } });
	await ctx.close();
}
await browser.close();
