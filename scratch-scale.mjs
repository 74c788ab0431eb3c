import { chromium } from '@playwright/test';
const base = 'http://localhost:3411';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const js of [false]) {
	const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1280, height: 900 } });
	const page = await ctx.newPage();
	await page.goto(base + '/login');
	await page.getByLabel('E-mailadres').fill('beheerder@regiozwolle.demo');
	await page.getByLabel('Wachtwoord').fill(process.env.PW);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL(/\/admin/);
	await page.goto(base + '/admin/vragenlijsten/samenwerkingsscan/2');
	await page.getByLabel('Aantal schaalpunten').selectOption(js ? '7' : '4');
	console.log(js, 'labels after select', await page.getByLabel(/^Label bij \d/).count());
	if (!js) {
		await page.getByRole('button', { name: 'Opslaan' }).first().click();
		console.log('nojs save error:', await page.locator('#scale\\.labels .field-error').textContent());
		await page.getByRole('button', { name: 'Aantal toepassen' }).click();
		console.log('after apply', await page.getByLabel(/^Label bij \d/).count(), await page.getByRole('status').textContent());
	}
	for (let n = 1; n <= (js ? 7 : 4); n++) await page.getByLabel(new RegExp(`^Label bij ${n}\\b`)).fill(`Punt ${n}`);
	await page.getByRole('button', { name: 'Opslaan' }).first().click();
	await page.waitForURL(/opgeslagen/);
	console.log(js, 'saved', await page.getByLabel(/^Label bij \d/).count());
	await page.goto(base + '/admin/vragenlijsten/samenwerkingsscan/2/voorbeeld/stap/1');
	await page.screenshot({ path: `/tmp/qshots/seven-${js}.png`, clip: { x: 0, y: 300, width: 1280, height: 500 } });
	await ctx.close();
}
await browser.close();
