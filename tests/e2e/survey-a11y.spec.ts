import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { linksFor } from './demo-output';
import { answerStep, storedForLink } from './survey-helpers';
import { samenwerkingsscan2 } from '../../src/lib/questionnaires';

// The demo's open round asks version 2 of the scan.
const TOTAL = samenwerkingsscan2.sections.reduce((n, s) => n + s.items.length, 0);

/** WCAG 2.1 AA on every survey page: axe with and without scripts, narrow screens, keyboard only. */

const links = linksFor(2);
const [scanned, walked] = links;

async function expectNoViolations(page: Page, name: string) {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const found = result.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(found, `axe op ${name}`).toEqual([]);
}

/** Every page of one survey link, once it has been submitted with some statements left open. */
const pages = (link: string) => [
	['welkom', link],
	...[1, 2, 3, 4, 5].map((n) => [`stap ${n}`, `${link}/stap/${n}`]),
	['controle', `${link}/controle`],
	['bedankt', `${link}/bedankt`],
	['privacy', '/privacy'],
	['toegankelijkheid', '/toegankelijkheid'],
	['404', '/s/najaar-2026.onbekendeLinkAAAAAAAAAAAA']
];

async function tamperedPost(page: Page, link: string) {
	await page.goto(`${link}/stap/2`);
	await page.route('**/stap/2?/save', (route) =>
		route.continue({ postData: `${route.request().postData()}&proces-tempo=8&onbekend=1` })
	);
	await page.getByRole('button', { name: 'Volgende stap' }).click();
	await expect(page.getByRole('heading', { name: 'Uw antwoorden zijn niet opgeslagen' })).toBeVisible();
	await page.unrouteAll();
}

test.describe.serial('axe and narrow screens', () => {
	test('axe finds no violations on any survey page with JavaScript, in every state', async ({ page }) => {
		test.setTimeout(300_000);
		await page.goto(scanned);
		await expectNoViolations(page, 'welkom (nieuw)');
		await page.getByRole('link', { name: 'Beginnen' }).click();
		for (let step = 1; step <= 5; step++) {
			await expect(page.getByText(`Stap ${step} van 6`, { exact: true })).toBeVisible();
			await expectNoViolations(page, `stap ${step} (leeg)`);
			await answerStep(page, (i) => (i === 2 ? null : (i + step) % 6));
			await page.getByRole('button', { name: /^Volgende/ }).click();
		}
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Controleer uw antwoorden');
		await expectNoViolations(page, 'controle (met open stellingen)');
		await page.goto(scanned);
		await expectNoViolations(page, 'welkom (eerder begonnen)');
		await tamperedPost(page, scanned);
		await expectNoViolations(page, 'stap 2 (met fouten)');
		await page.goto(`${scanned}/controle`);
		await page.getByRole('button', { name: 'Antwoorden verzenden' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dank u wel!');
		for (const [name, url] of pages(scanned)) {
			await page.goto(url);
			await expectNoViolations(page, `${name} (verzonden)`);
		}
	});

	test('axe finds no violations in the markup that works without JavaScript', async ({ page }) => {
		test.setTimeout(300_000);
		// axe cannot run with JavaScript off, so the app's own scripts are kept away instead.
		await page.route('**/_app/immutable/**/*.js', (route) => route.abort());
		for (const [name, url] of pages(scanned)) {
			await page.goto(url);
			await expectNoViolations(page, `${name} zonder scripts`);
		}
		await tamperedPost(page, scanned);
		expect(await page.evaluate(() => document.title)).toMatch(/^Fout: /);
		await expectNoViolations(page, 'stap 2 met fouten, zonder scripts');
	});

	for (const width of [320, 640]) {
		test(`every survey page fits ${width} px without horizontal scrolling${width === 640 ? ' (1280 px at 200% zoom)' : ''}`, async ({
			page
		}) => {
			await page.setViewportSize({ width, height: 800 });
			const visit = async (name: string) => {
				const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
				expect(scroll, `${name} op ${width} px`).toBeLessThanOrEqual(width);
			};
			for (const [name, url] of pages(scanned)) {
				await page.goto(url);
				await visit(name);
			}
			await tamperedPost(page, scanned);
			await visit('stap 2 met fouten');
		});
	}
});

test('a whole survey can be filled in and sent with the keyboard alone', async ({ page }) => {
	const focused = () =>
		page.evaluate(() => {
			const el = document.activeElement as HTMLInputElement | null;
			return {
				tag: el?.tagName ?? '',
				name: el?.name ?? '',
				text: el?.textContent?.trim() ?? '',
				type: el?.type ?? ''
			};
		});
	const tabUntil = async (match: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string) => {
		for (let i = 0; i < 60; i++) {
			await page.keyboard.press('Tab');
			if (match(await focused())) return;
		}
		throw new Error(`Met Tab niet bij ${what} gekomen`);
	};
	const value = (step: number, i: number) => (i + step) % 6; // 0 = weet niet, the sixth option

	await page.goto(walked);
	await tabUntil((f) => f.tag === 'A' && f.text === 'Beginnen', 'Beginnen');
	await page.keyboard.press('Enter');
	for (let step = 1; step <= 5; step++) {
		await expect(page.getByText(`Stap ${step} van 6`, { exact: true })).toBeVisible();
		const items = await page.locator('fieldset.question').count();
		for (let i = 0; i < items; i++) {
			if (i === 0) await tabUntil((f) => f.type === 'radio', 'de eerste stelling');
			else await page.keyboard.press('Tab');
			const f = await focused();
			expect(f.type).toBe('radio');
			// The focus ring is drawn around the option and must be visible.
			const ring = await page.evaluate(() => getComputedStyle(document.activeElement!.closest('label')!).outlineStyle);
			expect(ring).toBe('solid');
			const v = value(step, i);
			if (v === 1) await page.keyboard.press('Space');
			else for (let k = 1; k < (v === 0 ? 6 : v); k++) await page.keyboard.press('ArrowRight');
		}
		await page.keyboard.press('Tab');
		expect((await focused()).tag).toBe('TEXTAREA');
		if (step === 1) await page.keyboard.type('Met het toetsenbord ingevuld.');
		await page.keyboard.press('Tab');
		expect((await focused()).text).toMatch(/^Volgende/);
		await page.keyboard.press('Enter');
	}
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Controleer uw antwoorden');
	await tabUntil((f) => f.tag === 'BUTTON' && f.text === 'Antwoorden verzenden', 'Antwoorden verzenden');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dank u wel!');

	const stored = storedForLink(walked).response!;
	expect(stored.status).toBe('submitted');
	expect(Object.keys(stored.answers!)).toHaveLength(TOTAL);
	expect(stored.answers).toMatchObject({
		'inhoud-gedeeld-doel': 1,
		'inhoud-ambitie-gedragen': 2,
		'proces-commitment': 2,
		'inhoud-belang-mijn-organisatie': 0
	});
});
