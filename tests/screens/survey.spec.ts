import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { linksFor } from '../e2e/demo-output';
import { answerStep } from '../e2e/survey-helpers';

/**
 * Screenshots of every survey page at desktop and phone width, for a person to look at.
 * Not part of `npm test`: `npm run shots` writes them to SHOTS (default /tmp/shots).
 */

const dir = process.env.SHOTS || '/tmp/shots';

const links = linksFor(5);

for (const [width, link] of [
	[1280, links[0]],
	[375, links[1]]
] as const) {
	test(`every survey page at ${width} px`, async ({ page }) => {
		test.setTimeout(120_000);
		mkdirSync(dir!, { recursive: true });
		await page.setViewportSize({ width, height: width > 800 ? 900 : 740 });
		/** Long phone pages in slices, so each stays readable when viewed at full size. */
		const shot = async (name: string) => {
			await page.screenshot({ path: `${dir}/${width}-${name}.png`, fullPage: true });
			if (width > 800) return;
			const height = await page.evaluate(() => document.documentElement.scrollHeight);
			for (let y = 0, i = 1; y < height; y += 1000, i++)
				await page.screenshot({
					path: `${dir}/${width}-${name}-deel${i}.png`,
					fullPage: true,
					clip: { x: 0, y, width, height: Math.min(1000, height - y) }
				});
		};
		const go = async (url: string, name: string) => {
			await page.goto(url);
			await shot(name);
		};

		await go(link, '01-welkom');
		await page.getByRole('link', { name: 'Beginnen' }).click();
		await expect(page.getByText('Stap 1 van 6', { exact: true })).toBeVisible();
		await shot('02-stap-1-leeg');
		await answerStep(page, [4, 5, 3, 4, 2, 0, 2]);
		await page.getByLabel('Toelichting of voorbeeld (optioneel)').fill('De koers is helder, de uitvoering nog niet.');
		await shot('03-stap-1-ingevuld');
		await page.getByRole('button', { name: 'Volgende stap' }).click();
		await expect(page.getByText('Stap 2 van 6', { exact: true })).toBeVisible();
		await page.route('**/stap/2?/save', (route) =>
			route.continue({ postData: `${route.request().postData()}&proces-tempo=8` })
		);
		await answerStep(page, [3, 4]);
		await page.getByRole('button', { name: 'Volgende stap' }).click();
		await expect(page.locator('.summary')).toBeFocused();
		await shot('04-stap-2-fout');
		await page.unrouteAll();
		await page.getByRole('button', { name: 'Volgende stap' }).click();
		for (const step of [3, 4, 5]) {
			await expect(page.getByText(`Stap ${step} van 6`, { exact: true })).toBeVisible();
			await answerStep(page, (i) => (i === 1 ? null : ((i + step) % 5) + 1));
			if (step === 3) await shot('05-stap-3-ingevuld');
			await page.getByRole('button', { name: /^Volgende/ }).click();
		}
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Controleer uw antwoorden');
		await shot('06-controle');
		await page.goto(link);
		await shot('07-welkom-eerder-begonnen');
		await page.goto(`${link}/controle`);
		await page.getByRole('button', { name: 'Antwoorden verzenden' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dank u wel!');
		await shot('08-bedankt');
		await go(link, '09-welkom-verzonden');
		await go(`${link}/controle`, '10-controle-verzonden');
		await go('/s/najaar-2026.onbekendeLinkAAAAAAAAAAAA', '11-404');
		await go('/privacy', '12-privacy');
		await go('/toegankelijkheid', '13-toegankelijkheid');
		await page.keyboard.press('Tab');
		await page.goto(`${link}/stap/1`);
		await page.locator('fieldset.question').first().getByLabel('Eens', { exact: true }).focus();
		await page.keyboard.press('ArrowRight');
		await page
			.locator('fieldset.question')
			.first()
			.screenshot({ path: `${dir}/${width}-14-focus.png` });
	});
}
