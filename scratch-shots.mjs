import { chromium } from '@playwright/test';
const base = 'http://localhost:3411';
const [, , ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const width of [1280, 375]) {
	const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: 'nl-NL' });
	const page = await ctx.newPage();
	await page.goto(base + '/login');
	await page.getByLabel('E-mailadres').fill('beheerder@regiozwolle.demo');
	await page.getByLabel('Wachtwoord').fill(process.env.PW);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL(/\/admin/);
	for (const p of paths) {
		await page.goto(base + p);
		const name = p.replace(/[^a-z0-9]+/gi, '_') + `-${width}.png`;
		await page.screenshot({ path: '/tmp/qshots/' + name, fullPage: true });
		console.log(name, await page.title());
	}
	await ctx.close();
}
await browser.close();
