import { mkdirSync } from 'node:fs';
import { expect, latestClosedRound, test } from '../e2e/dashboard-login';

/**
 * Screenshots to look at, not to compare: every dashboard page wide and narrow, and the print
 * layouts, in /tmp/shots. Also checks that nothing overflows sideways on a phone.
 */
const SHOTS = process.env.SHOTS || '/tmp/shots';

test('screenshots of the dashboard, the report and the agenda on screen and on paper', async ({ page }) => {
	test.setTimeout(480_000);
	mkdirSync(SHOTS, { recursive: true });
	const round = await latestClosedRound(page);
	const pages = [
		['dashboard', round.href],
		['dashboard-ambtelijk', `${round.href}?role=ambtelijk`],
		['rapport', `${round.href}/rapport`],
		['agenda', `${round.href}/agenda`]
	] as const;
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: 900 });
		for (const [name, url] of pages) {
			await page.goto(url);
			await page.waitForLoadState('networkidle');
			await page.screenshot({ path: `${SHOTS}/dashboard-${name}-${width}.png`, fullPage: true });
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow, `${name} op ${width} px schuift niet zijwaarts`).toBeLessThanOrEqual(0);
		}
	}
	// Greyscale, as on a black-and-white printer: the answer categories and the heatmap must still read.
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(round.href);
	await page.addStyleTag({ content: 'html { filter: grayscale(1); }' });
	await page
		.locator('section.perspective', { has: page.locator('#perspectief-governance') })
		.screenshot({ path: `${SHOTS}/dashboard-grijs-governance.png` });
	await page.locator('table.heatmap').screenshot({ path: `${SHOTS}/dashboard-grijs-heatmap.png` });

	// Paper: A4 width at 96 dpi, print styles on; and the real PDF the browser would make.
	await page.setViewportSize({ width: 794, height: 1123 });
	await page.emulateMedia({ media: 'print' });
	for (const [name, url] of pages.filter(([n]) => n !== 'dashboard-ambtelijk')) {
		await page.goto(url);
		await page.waitForLoadState('networkidle');
		await page.screenshot({ path: `${SHOTS}/dashboard-${name}-print.png`, fullPage: true });
		await page.pdf({
			path: `${SHOTS}/dashboard-${name}.pdf`,
			format: 'A4',
			printBackground: true,
			preferCSSPageSize: true
		});
	}
});
