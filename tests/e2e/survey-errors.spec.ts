import { expect, test } from '@playwright/test';
import { linksFor } from './demo-output';
import { TEST_ORIGIN } from './env';
import { answerStep, parseLink, storedForLink } from './survey-helpers';

/** Links that do not work and posts that are refused: friendly pages, Dutch reasons, nothing stored. */

const links = linksFor(3);

test('an unknown link gets a 404 page that says so and whom to contact', async ({ page }) => {
	const { roundId } = parseLink(links[0]);
	for (const path of [`/s/${roundId}.ditIsGeenGeldigeSleutel123`, '/s/zomaar', `/s/${links[0].split('/s/')[1]}x`]) {
		const res = await page.goto(path);
		expect(res!.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet (meer)');
		await expect(page.getByRole('link', { name: 'regiobureau@demo.invalid' })).toHaveAttribute(
			'href',
			'mailto:regiobureau@demo.invalid'
		);
		await expect(page).toHaveTitle('Deze link werkt niet (meer) · Alliantiemonitor');
	}
});

test('a step that does not exist is a 404 with a way back', async ({ page }) => {
	const res = await page.goto(`${links[0]}/stap/9`);
	expect(res!.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze stap bestaat niet');
});

test('survey pages are not cached and do not leak their address', async ({ request }) => {
	for (const path of ['', '/stap/1', '/controle']) {
		const res = await request.get(links[0] + path);
		expect(res.status()).toBe(200);
		expect(res.headers()['referrer-policy']).toBe('no-referrer');
		expect(res.headers()['cache-control']).toBe('private, no-store');
	}
});

test('the thank-you page before submitting leads to the review page', async ({ page }) => {
	await page.goto(`${links[0]}/bedankt`);
	await expect(page).toHaveURL(/\/controle$/);
});

test('a client that is not a browser gets a real 400 with the reasons, and nothing is stored', async ({ request }) => {
	const link = links[1];
	const headers = { origin: TEST_ORIGIN };
	const ok = await request.post(`${link}?/save`, { form: { 'inhoud-gedeeld-doel': '3' }, headers, maxRedirects: 0 });
	expect(ok.status()).toBeLessThan(400);
	for (const [form, reason] of [
		[{ 'inhoud-gedeeld-doel': '6' }, 'Kies een van de antwoorden: van ‘Helemaal oneens’ (1)'],
		[{ 'bestaat-niet': '3' }, 'Deze velden kent de vragenlijst niet: bestaat-niet.'],
		[{ 'comment-inhoud': 'x'.repeat(2001) }, 'Uw toelichting is te lang: maximaal 2.000 tekens'],
		[{ round: 'voorjaar-2025', 'inhoud-gedeeld-doel': '1' }, 'Dit formulier hoort bij een andere meetronde']
	] as const) {
		for (const action of ['save', 'submit']) {
			const res = await request.post(`${link}?/${action}`, { form, headers });
			expect(res.status()).toBe(400);
			expect(await res.text()).toContain(reason);
			// A browser without JavaScript gets the survey page back with the same reason.
			const html = await request.post(`${link}?/${action}`, { form, headers: { ...headers, accept: 'text/html' } });
			expect(html.status()).toBe(400);
			expect(await html.text()).toContain('Uw antwoorden zijn niet opgeslagen');
		}
	}
	expect(storedForLink(link).response).toMatchObject({
		status: 'draft',
		answers: { 'inhoud-gedeeld-doel': 3 },
		comments: {}
	});
});

test('with JavaScript a refused post shows the reasons in place and moves focus to them', async ({ page }) => {
	const link = links[2];
	await page.goto(`${link}/stap/1`);
	await answerStep(page, [5]);
	// A form from another round's page, and a comment that got past the length limit.
	await page.locator('input[name=round]').evaluate((el: HTMLInputElement) => (el.value = 'voorjaar-2025'));
	const comment = page.getByLabel('Toelichting of voorbeeld (optioneel)');
	await comment.evaluate((el: HTMLTextAreaElement) => el.removeAttribute('maxlength'));
	await comment.fill('y'.repeat(2050));
	await page.getByRole('button', { name: 'Volgende stap' }).click();

	const summary = page.locator('.summary');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('Dit formulier hoort bij een andere meetronde dan uw link.');
	await expect(
		summary.getByRole('link', {
			name: /^Toelichting: Uw toelichting is te lang: maximaal 2.000 tekens, u gebruikte er 2.050\.$/
		})
	).toBeVisible();
	await expect(comment).toHaveAttribute('aria-invalid', 'true');
	await expect(comment).toHaveAccessibleDescription(/te lang/);
	await expect(comment).toHaveValue('y'.repeat(2050));
	expect(storedForLink(link).response).toBeNull();
});

test('the privacy and accessibility statements are there and linked from every page', async ({ page }) => {
	await page.goto(links[0]);
	await page.getByRole('link', { name: 'Privacyverklaring', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacyverklaring');
	await expect(page.getByText('Uw naam en e-mailadres staan nooit bij uw antwoorden.')).toBeVisible();
	await expect(page.getByText(/minder dan 5\s+deelnemers/)).toBeVisible();
	// What is published when, and how long names are kept.
	await expect(page.getByText('Uitkomsten pas na het sluiten.')).toBeVisible();
	await expect(page.getByText(/Bent u 24\s+maanden niet uitgenodigd/)).toBeVisible();
	await page.getByRole('link', { name: 'Toegankelijkheidsverklaring', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Toegankelijkheids\u00ad?verklaring$/);
	await expect(page.getByText(/WCAG\) 2\.1 op niveau AA/)).toBeVisible();
});

test('sending with nothing answered gives one clear message, not a refusal beside "that is fine"', async ({ page }) => {
	await page.goto(`${links[3]}/controle`);
	await expect(page.getByText('U heeft nog geen stelling beantwoord.')).toBeVisible();
	await expect(page.getByText('Dat mag')).toHaveCount(0);
	await page.getByRole('button', { name: 'Antwoorden verzenden' }).click();
	await expect(page.getByText('Beantwoord ten minste één stelling')).toHaveCount(1);
	await expect(page.getByText('U heeft nog geen stelling beantwoord.')).toHaveCount(0);
	await expect(page.getByText('Dat mag')).toHaveCount(0);
});
