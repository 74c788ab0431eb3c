import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { linksFor } from './demo-output';
import { answerStep } from './survey-helpers';

/**
 * The survey stays lean: its pages are server-rendered forms without SvelteKit's client
 * (`csr = false`), plus one small script of our own. Issue 5's budget for a survey page is 35 KB
 * of gzipped JavaScript; the page should not come near it, so the test holds it to 4 KB and
 * checks that neither the framework client nor chart code sneaks back in.
 */

const links = linksFor(4);
const BUDGET = 4 * 1024;
const FRAMEWORK = /\/_app\/immutable\/(entry|nodes|chunks)\//;

/** Every script the app serves to the page from now on, by URL. */
function collectScripts(page: Page) {
	const bodies = new Map<string, Buffer>();
	// Bodies arrive after the response event: keep the promises, and wait for them before counting.
	const pending: Promise<void>[] = [];
	page.on('response', (res) => {
		const url = new URL(res.url());
		if (!url.pathname.startsWith('/_app/') || !url.pathname.endsWith('.js')) return;
		pending.push(
			res.body().then(
				(b) => void bodies.set(url.pathname, b),
				() => void bodies.set(url.pathname, Buffer.alloc(0))
			)
		);
	});
	return {
		settled: () => Promise.all(pending),
		gzipped: () => [...bodies.values()].reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0),
		text: () => [...bodies.values()].map((b) => b.toString('utf8')).join('\n'),
		urls: () => [...bodies.keys()]
	};
}

test('each survey page loads only the survey script: no framework client, no chart code', async ({ browser }) => {
	const link = links[0];
	const setup = await browser.newPage();
	await setup.goto(`${link}/stap/1`);
	await answerStep(setup, [4, 4, 4]);
	await setup.getByRole('button', { name: 'Volgende stap' }).click();
	await setup.goto(`${link}/controle`);
	await setup.getByRole('button', { name: 'Antwoorden verzenden' }).click();
	await expect(setup.getByRole('heading', { level: 1 })).toHaveText('Dank u wel!');
	await setup.close();

	const sizes: string[] = [];
	for (const [name, path] of [
		['welkom', ''],
		['stap', '/stap/1'],
		['controle', '/controle'],
		['bedankt', '/bedankt']
	]) {
		const page = await browser.newPage();
		const scripts = collectScripts(page);
		await page.goto(link + path, { waitUntil: 'networkidle' });
		await scripts.settled();
		const size = scripts.gzipped();
		sizes.push(`${name}: ${(size / 1024).toFixed(1)} KB`);
		expect(scripts.urls(), name).toEqual([
			expect.stringMatching(/\/_app\/immutable\/assets\/survey-enhance\.[\w-]+\.js$/)
		]);
		expect(
			scripts.urls().filter((u) => FRAMEWORK.test(u)),
			name
		).toEqual([]);
		expect(scripts.text()).not.toMatch(/chart\.js|Chart\.register|CategoryScale/);
		expect(size, name).toBeLessThan(BUDGET);
		await page.close();
	}
	console.log(`JavaScript per enquêtepagina (gzip -9): ${sizes.join('; ')}`);
	test.info().annotations.push({ type: 'js-gzip', description: sizes.join('; ') });
});

test('a whole survey session stays lean too: the script is fetched once and then cached', async ({ page }) => {
	const scripts = collectScripts(page);
	await page.goto(links[1], { waitUntil: 'networkidle' });
	await page.getByRole('link', { name: 'Beginnen' }).click();
	for (let step = 1; step <= 5; step++) {
		await answerStep(page, [3]);
		await page.getByRole('button', { name: /^Volgende/ }).click();
		await expect(page.getByText(step === 5 ? 'Stap 6 van 6' : `Stap ${step + 1} van 6`, { exact: true })).toBeVisible();
	}
	await page.getByRole('button', { name: 'Antwoorden verzenden' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dank u wel!');
	await page.waitForLoadState('networkidle');
	await scripts.settled();
	const size = scripts.gzipped();
	console.log(
		`JavaScript voor een hele sessie (welkom → stappen → controle → bedankt): ${(size / 1024).toFixed(1)} KB`
	);
	expect(scripts.urls().filter((u) => FRAMEWORK.test(u))).toEqual([]);
	expect(size).toBeLessThan(BUDGET);
});
