import { chromium } from '@playwright/test';
// node scratch-clip.mjs WIDTH PATH NAME [y0 y1 ...]: clips of 1400 px (or 1200 at 375) from a page
const base = 'http://localhost:3411';
const [, , width, path, name, ...ys] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: Number(width), height: 900 }, locale: 'nl-NL', javaScriptEnabled: process.env.NOJS ? false : true });
const page = await ctx.newPage();
await page.goto(base + '/login');
await page.getByLabel('E-mailadres').fill('beheerder@regiozwolle.demo');
await page.getByLabel('Wachtwoord').fill(process.env.PW);
await page.getByRole('button', { name: 'Inloggen' }).click();
await page.waitForURL(/\/admin/);
await page.goto(base + path);
const h = await page.evaluate(() => document.documentElement.scrollHeight);
console.log('height', h, await page.title());
const tall = Number(width) < 600 ? 1000 : 1100;
for (const y of ys.length ? ys.map(Number) : [0]) {
	await page.screenshot({ path: `/tmp/qshots/${name}-${width}-${y}.png`, fullPage: true, clip: { x: 0, y, width: Number(width), height: Math.min(tall, h - y) } });
}
await browser.close();
