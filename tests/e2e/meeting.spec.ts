import type { Locator, Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { expect, latestClosedRound, test } from './dashboard-login';

/** Ready for the board meeting: the dashboard's first screen tells the story, and it can be presented. */

test.use({ viewport: { width: 1280, height: 800 } });

async function expectInViewport(page: Page, locator: Locator, what: string) {
	const box = await locator.boundingBox();
	const view = page.viewportSize()!;
	expect(box, what).not.toBeNull();
	expect(box!.y, `${what}: boven`).toBeGreaterThanOrEqual(0);
	expect(box!.x, `${what}: links`).toBeGreaterThanOrEqual(0);
	expect(box!.y + box!.height, `${what}: onder`).toBeLessThanOrEqual(view.height);
	expect(box!.x + box!.width, `${what}: rechts`).toBeLessThanOrEqual(view.width);
}

test('the summary fits one laptop screen, and each finding points at its evidence', async ({ page }) => {
	const round = await latestClosedRound(page);
	await page.goto(round.href);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dashboard ${round.name}`, { timeout: 20_000 });
	expect(await page.evaluate(() => window.scrollY)).toBe(0);

	const summary = page.locator('section.summary');
	await expectInViewport(page, summary, 'samenvatting');
	const participation = summary.locator('.participation');
	await expect(participation).toContainText(/^\d+ van de \d+ uitgenodigden deden mee \(\d+%\)\./);
	await expectInViewport(page, participation, 'respons');

	const perspectives = summary.locator('.perspectives .rows > li');
	await expect(perspectives).toHaveCount(5);
	for (const [i, name] of ['Inhoud', 'Proces', 'Relatie', 'Belangen', 'Governance'].entries()) {
		await expect(perspectives.nth(i)).toContainText(new RegExp(`^${name}: `));
		await expectInViewport(page, perspectives.nth(i), name);
	}

	const findings = summary.locator('.finding');
	await expect(findings).toHaveCount(3);
	for (let i = 0; i < 3; i++) {
		const f = findings.nth(i);
		await expectInViewport(page, f, `bevinding ${i + 1}`);
		const href = await f.getByRole('link').getAttribute('href');
		expect(href, `bevinding ${i + 1}`).toMatch(/^#[\w-]+$/);
		await expect(page.locator(href!), `bron van bevinding ${i + 1}`).toHaveCount(1);
	}
	// The demo round has a previous round and real differences: the findings say what they are.
	await expect(findings.nth(0)).toContainText('in twee kampen');
	await expect(findings.nth(2)).toContainText(/^Verandering sinds /);

	// Research words wait behind "Hoe lezen we dit?".
	const explainer = page.getByRole('heading', { name: 'Hoe lezen we ‘gedeeld’?' });
	await expect(explainer).toBeHidden();
	await page.getByText('Hoe lezen we dit?').click();
	await expect(explainer).toBeVisible();

	await expectNoViolations(page, 'dashboard met samenvatting');
});

test('the presentation walks through its slides by keyboard, one at a time', async ({ page }) => {
	const round = await latestClosedRound(page);
	await page.goto(round.href);
	await page.getByRole('link', { name: 'Presenteren' }).click();
	await expect(page).toHaveURL(/\/presentatie$/);

	const slides = page.locator('section.slide');
	const visible = page.locator('section.slide:visible');
	const position = page.locator('.controls .position');
	await expect(position).toContainText(/^Dia 1 van \d+/);
	const total = await slides.count();
	// Title, overview, three findings, the agenda (5–8) and a closing slide.
	expect(total).toBeGreaterThanOrEqual(11);
	await expect(visible).toHaveCount(1);
	await expect(visible.getByRole('heading', { level: 1 })).toHaveText(round.name);
	await expectNoViolations(page, 'presentatie');

	for (let i = 2; i <= total; i++) {
		await page.keyboard.press(i % 2 ? 'Space' : 'ArrowRight');
		await expect(position).toContainText(`Dia ${i} van ${total}`);
		await expect(visible).toHaveCount(1);
		await expect(visible).toHaveAttribute('id', `dia-${i}`);
		// Text fits the screen: no slide scrolls.
		expect(await visible.evaluate((s) => s.scrollHeight <= s.clientHeight + 1)).toBe(true);
	}
	await page.keyboard.press('ArrowRight');
	await expect(position).toContainText(`Dia ${total} van ${total}`);
	await page.keyboard.press('ArrowLeft');
	await expect(position).toContainText(`Dia ${total - 1} van ${total}`);
	await page.keyboard.press('Home');
	await expect(position).toContainText(`Dia 1 van ${total}`);
	await page.keyboard.press('End');
	await expect(position).toContainText(`Dia ${total} van ${total}`);
	await page.getByRole('button', { name: 'Vorige' }).click();
	await expect(position).toContainText(`Dia ${total - 1} van ${total}`);
	await expectNoViolations(page, 'presentatie, gespreksdia');

	await page.keyboard.press('Escape');
	await expect(page).toHaveURL(new RegExp(`${round.href}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dashboard ${round.name}`);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the presentation shows every slide, one under the other', async ({ page }) => {
		const round = await latestClosedRound(page);
		await page.goto(`${round.href}/presentatie`);
		const slides = page.locator('section.slide');
		expect(await slides.count()).toBeGreaterThanOrEqual(11);
		await expect(page.locator('section.slide:visible')).toHaveCount(await slides.count());
		await expect(page.locator('.controls')).toHaveCount(0);
	});
});
