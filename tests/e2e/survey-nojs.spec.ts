import { expect, test } from '@playwright/test';
import { linksFor } from './demo-output';
import { answerStep, checkedValues, storedForLink } from './survey-helpers';
import { samenwerkingsscan2 } from '../../src/lib/questionnaires';

// The demo's open round asks version 2 of the scan.
const sizes = samenwerkingsscan2.sections.map((s) => s.items.length);
const TOTAL = sizes.reduce((a, b) => a + b, 0);

/** Without JavaScript every step, save, back, review and submit works through plain form posts. */

test.use({ javaScriptEnabled: false });

const links = linksFor(1);
const pattern = (step: number) => (i: number) => (i * 2 + step) % 6;

test('completes, reviews, submits and resubmits the whole survey with plain form posts', async ({ page }) => {
	const link = links[0];
	await page.goto(link);
	await page.getByRole('link', { name: 'Beginnen' }).click();
	for (let step = 1; step <= 5; step++) {
		await expect(page.getByText(`Stap ${step} van 6`, { exact: true })).toBeVisible();
		await answerStep(page, pattern(step));
		if (step === 5) await page.getByLabel('Toelichting of voorbeeld (optioneel)').fill('Zonder JavaScript.');
		if (step === 2) {
			// Back saves too: the answers of step 2 are there when coming forward again.
			await page.getByRole('button', { name: 'Vorige stap' }).click();
			await expect(page.getByText('Stap 1 van 6', { exact: true })).toBeVisible();
			expect(await checkedValues(page)).toEqual(Array.from({ length: sizes[0] }, (_, i) => pattern(1)(i)));
			await page.getByRole('button', { name: 'Volgende stap' }).click();
			expect(await checkedValues(page)).toEqual(Array.from({ length: sizes[1] }, (_, i) => pattern(2)(i)));
		}
		const [post] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: step === 5 ? 'Volgende: controleren' : 'Volgende stap' }).click()
		]);
		expect(post.status()).toBe(303);
	}
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Controleer uw antwoorden');
	await expect(page.getByText('Zonder JavaScript.')).toBeVisible();
	await expect(page.getByText(`U heeft alle ${TOTAL} stellingen beantwoord.`)).toBeVisible();
	await page.getByRole('button', { name: 'Antwoorden verzenden' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dank u wel!');
	await expect(page.getByText(/U kunt uw antwoorden wijzigen tot/)).toBeVisible();

	await page.getByRole('link', { name: 'Uw antwoorden bekijken of wijzigen' }).click();
	await page.getByRole('button', { name: 'Opnieuw verzenden' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dank u wel!');
	const stored = storedForLink(link);
	expect(stored.linkedResponseIds).toHaveLength(1);
	expect(stored.response).toMatchObject({ status: 'submitted', answers: { 'inhoud-gedeeld-doel': 1 } });
});

test('a bad post gets 400 with the Dutch reason on the page, and keeps what was saved before', async ({ page }) => {
	const link = links[1];
	await page.goto(`${link}/stap/1`);
	await answerStep(page, [4, 4]);
	await page.getByRole('button', { name: 'Volgende stap' }).click();
	await expect(page.getByText('Stap 2 van 6', { exact: true })).toBeVisible();

	// A tampered post: the browser sends 4 for the first statement, the server receives 9.
	await page.goto(`${link}/stap/1`);
	await page.route('**/stap/1?/save', (route) =>
		route.continue({ postData: route.request().postData()!.replace('inhoud-gedeeld-doel=2', 'inhoud-gedeeld-doel=9') })
	);
	await answerStep(page, [2, 1]);
	const [post] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Volgende stap' }).click()
	]);
	expect(post.status()).toBe(400);
	await expect(page).toHaveTitle(/^Fout: Stap 1 van 6/);
	await expect(page.getByRole('heading', { name: 'Uw antwoorden zijn niet opgeslagen' })).toBeVisible();
	const reason =
		'Kies een van de antwoorden: van ‘Helemaal oneens’ (1) tot ‘Helemaal eens’ (5), of ‘Weet niet / n.v.t.’ (0).';
	await expect(page.getByRole('link', { name: `Stelling 1: ${reason}` })).toHaveAttribute(
		'href',
		'#inhoud-gedeeld-doel-1'
	);
	await expect(page.locator('#inhoud-gedeeld-doel-fout')).toHaveText(`Fout: ${reason}`);
	await expect(page.getByRole('group', { name: /gemeenschappelijk doel/ })).toHaveAccessibleDescription(
		`Fout: ${reason}`
	);
	// The valid part of the refused post is shown again, not stored.
	expect((await checkedValues(page)).slice(0, 2)).toEqual([null, 1]);
	expect(storedForLink(link).response!.answers).toEqual({ 'inhoud-gedeeld-doel': 4, 'inhoud-ambitie-gedragen': 4 });
});
