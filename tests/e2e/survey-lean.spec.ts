import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { linksFor } from './demo-output';
import { answerStep } from './survey-helpers';

/**
 * The survey stays lean: no chart code, and little JavaScript beyond the shell that every page
 * of this app loads (Svelte's runtime, SvelteKit's client, the route manifest, the root layout
 * and error page), measured here as what an unknown page loads. The shell is shared with the
 * dashboards and grows with them, so the budget is what the survey adds on top of it.
 */

const links = linksFor(4);
const OWN_BUDGET = 6 * 1024;
const ABSOLUTE_BUDGET = 48 * 1024;

/** Every script the app serves to the page from now on, by URL. */
function collectScripts(page: Page) {
	const bodies = new Map<string, Buffer>();
	// Bodies arrive after the response event: keep the promises, and wait for them before counting.
	const pending: Promise<void>[] = [];
	page.on('response', (res) => {
		const url = new URL(res.url());
		if (!url.pathname.startsWith('/_app/') || !url.pathname.endsWith('.js')) return;
		pending.push(res.body().then((b) => void bodies.set(url.pathname, b), () => void bodies.set(url.pathname, Buffer.alloc(0))));
	});
	return {
		settled: () => Promise.all(pending),
		gzipped: () => [...bodies.values()].reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0),
		text: () => [...bodies.values()].map((b) => b.toString('utf8')).join('\n'),
		count: () => bodies.size
	};
}

test('each survey page loads no chart code and at most 6 KB of gzipped JavaScript beyond the shell', async ({ browser }) => {
	const link = links[0];
	const setup = await browser.newPage();
	await setup.goto(`${link}/stap/1`);
	await answerStep(setup, [4, 4, 4]);
	await setup.getByRole('button', { name: 'Volgende stap' }).click();
	await setup.goto(`${link}/controle`);
	await setup.getByRole('button', { name: 'Antwoorden verzenden' }).click();
	await expect(setup.getByRole('heading', { level: 1 })).toHaveText('Dank u wel!');
	await setup.close();

	const measure = async (url: string) => {
		const page = await browser.newPage();
		const scripts = collectScripts(page);
		await page.goto(url, { waitUntil: 'networkidle' });
		await scripts.settled();
		const result = { size: scripts.gzipped(), count: scripts.count(), text: scripts.text() };
		await page.close();
		return result;
	};
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
	const shell = (await measure('/bestaat-niet')).size;
	const sizes = [`schil (onbekende pagina): ${kb(shell)}`];
	for (const [name, path] of [
		['welkom', ''],
		['stap', '/stap/1'],
		['controle', '/controle'],
		['bedankt', '/bedankt']
	]) {
		const { size, count, text } = await measure(link + path);
		sizes.push(`${name}: ${kb(size)} in ${count} bestanden (+${kb(size - shell)})`);
		expect(text).not.toMatch(/chart\.js|Chart\.register|CategoryScale/);
		expect(size - shell, `${name}: ${size} bytes, schil ${shell}`).toBeLessThan(OWN_BUDGET);
		expect(size).toBeLessThan(ABSOLUTE_BUDGET);
	}
	console.log(`JavaScript per enquêtepagina (gzip -9): ${sizes.join('; ')}`);
	test.info().annotations.push({ type: 'js-gzip', description: sizes.join('; ') });
});

test('a whole survey session with client-side navigation stays lean too', async ({ page }) => {
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
	console.log(`JavaScript voor een hele sessie (welkom → stappen → controle → bedankt): ${(size / 1024).toFixed(1)} KB`);
	expect(scripts.text()).not.toMatch(/chart\.js|Chart\.register|CategoryScale/);
	expect(size).toBeLessThan(ABSOLUTE_BUDGET + 8 * 1024);
});
