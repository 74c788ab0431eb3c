import { expect, test } from '@playwright/test';
import { linksFor } from './demo-output';
import { answerStep } from './survey-helpers';

/** What $lib/client/survey-enhance.js adds where JavaScript runs (the forms work without it). */

const links = linksFor(5);

test('the comment field counts the characters left, and tells screen readers after a pause', async ({ page }) => {
	await page.goto(`${links[0]}/stap/1`);
	const field = page.getByLabel('Toelichting of voorbeeld (optioneel)');
	const shown = page.locator('.count');
	await expect(shown).toHaveText('Nog 2.000 tekens over');
	await expect(shown).toHaveAttribute('aria-hidden', 'true');
	await field.fill('x'.repeat(1999));
	await expect(shown).toHaveText('Nog 1 teken over');
	const told = page.locator('[aria-live="polite"]');
	await expect(told).toHaveText('Nog 1 teken over');
	await field.press('Backspace');
	await expect(shown).toHaveText('Nog 2 tekens over');
	await expect(told).toHaveText('Nog 2 tekens over');
	// A longer text than the field takes (the limit only stops typing): how many too many.
	await field.evaluate((f: HTMLTextAreaElement) => {
		f.value = 'x'.repeat(2003);
		f.dispatchEvent(new Event('input'));
	});
	await expect(shown).toHaveText('3 tekens te veel');
});

test('a second click while the first post is under way is not sent', async ({ page }) => {
	await page.goto(`${links[1]}/stap/1`);
	await answerStep(page, [2]);
	// Hold the first post at the network, as a slow connection would, and click again meanwhile.
	let release = () => {};
	const held = new Promise<void>((r) => (release = r));
	const posts: string[] = [];
	await page.route(/\?\/save/, async (route) => {
		posts.push(route.request().url());
		await held;
		// A request the browser has abandoned for a newer one can no longer be continued.
		await route.continue().catch(() => undefined);
	});
	// Clicks from inside the page: Playwright's own actions, and even page.evaluate, wait for
	// the pending navigation, and a person does not. So a second tab of the same site tells the
	// page when to click again, over a BroadcastChannel, and hears back whether the survey script
	// stopped each submit (a listener after the script's own reads defaultPrevented).
	const remote = await page.context().newPage();
	await remote.goto('/privacy');
	await remote.evaluate(() => {
		const seen: boolean[] = [];
		(window as unknown as { submits: boolean[] }).submits = seen;
		new BroadcastChannel('e2e-submits').onmessage = (e) => seen.push(e.data as boolean);
	});
	await page.evaluate(() => {
		const next = document.querySelector<HTMLButtonElement>('button[value="next"]')!;
		const submits = new BroadcastChannel('e2e-submits');
		window.addEventListener('submit', (e) => submits.postMessage(e.defaultPrevented));
		new BroadcastChannel('e2e-clicks').onmessage = () => next.click();
	});
	const submits = () => remote.evaluate(() => (window as unknown as { submits: boolean[] }).submits);
	const clickInPage = () => remote.evaluate(() => new BroadcastChannel('e2e-clicks').postMessage('click'));
	await clickInPage();
	// The first post has reached the network and is held there: it is really under way.
	await expect.poll(() => posts.length).toBe(1);
	await clickInPage();
	await expect.poll(submits).toEqual([false, true]);
	release();
	await expect(page.getByText('Stap 2 van 6', { exact: true })).toBeVisible();
	expect(posts).toHaveLength(1);
});
