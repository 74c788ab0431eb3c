import { expect, test } from '@playwright/test';
import { linksFor } from './demo-output';
import { answerStep, checkedValues, storedForLink } from './survey-helpers';
import { samenwerkingsscan2 } from '../../src/lib/questionnaires';

/** With JavaScript: the whole survey, back and forth, resume elsewhere, submit, edit and resubmit. */

const links = linksFor(0);
// The demo's open round asks version 2 of the scan.
const SECTIONS = samenwerkingsscan2.sections.length;
const sizes = samenwerkingsscan2.sections.map((s) => s.items.length);
const TOTAL = sizes.reduce((a, b) => a + b, 0);
const LAST_OF_4 = sizes[3] - 1;
const blank = (n: number) => Array.from({ length: n }, () => null);
const pattern = (step: number) => (i: number) => ((i + step) % 5) + 1;

test('completes the whole survey, and back and next keep every answer', async ({ page }) => {
	const link = links[0];
	await page.goto(link);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom bij de Samenwerkingsscan');
	await expect(page.getByText('Uitgenodigd namens')).toBeVisible();
	await expect(page.getByRole('link', { name: 'privacyverklaring', exact: true })).toHaveAttribute('href', '/privacy');
	await page.getByRole('link', { name: 'Beginnen' }).click();

	for (let step = 1; step <= SECTIONS; step++) {
		await expect(page.getByText(`Stap ${step} van ${SECTIONS + 1}`, { exact: true })).toBeVisible();
		await expect(page).toHaveURL(new RegExp(`/stap/${step}$`));
		// Leave the last statement of step 4 open, to find it on the review page.
		await answerStep(page, (i) => (step === 4 && i === LAST_OF_4 ? null : pattern(step)(i)));
		if (step === 2) await page.getByLabel('Toelichting of voorbeeld (optioneel)').fill('Het tempo ligt hoog.');
		if (step === 3) {
			await page.getByRole('button', { name: 'Vorige stap' }).click();
			await expect(page.getByText('Stap 2 van 6', { exact: true })).toBeVisible();
			expect(await checkedValues(page)).toEqual(Array.from({ length: sizes[1] }, (_, i) => pattern(2)(i)));
			await expect(page.getByLabel('Toelichting of voorbeeld (optioneel)')).toHaveValue('Het tempo ligt hoog.');
			await page.getByRole('button', { name: 'Volgende stap' }).click();
			await expect(page.getByText('Stap 3 van 6', { exact: true })).toBeVisible();
			expect(await checkedValues(page)).toEqual(Array.from({ length: sizes[2] }, (_, i) => pattern(3)(i)));
		}
		await page.getByRole('button', { name: step === SECTIONS ? 'Volgende: controleren' : 'Volgende stap' }).click();
	}

	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Controleer uw antwoorden');
	await expect(page.getByText('Stap 6 van 6', { exact: true })).toBeVisible();
	await expect(page.getByText(`U heeft 1 van de ${TOTAL} stellingen nog niet beantwoord.`)).toBeVisible();
	await expect(page.getByText('Het tempo ligt hoog.')).toBeVisible();
	await expect(page.getByText('Niet beantwoord', { exact: true })).toHaveCount(1);
	await page.getByRole('link', { name: /Nu beantwoorden/ }).click();
	await expect(page).toHaveURL(/\/stap\/4\?terug=controle#/);
	await page.locator('fieldset.question').nth(LAST_OF_4).getByLabel('Weet niet / n.v.t.').check();
	await page.getByRole('button', { name: 'Terug naar het overzicht' }).click();
	await expect(page.getByText(`U heeft alle ${TOTAL} stellingen beantwoord.`)).toBeVisible();
	// Whoever leaves at the review step comes back to it.
	const again = await page.context().newPage();
	await again.goto(link);
	await expect(again.getByRole('link', { name: 'Verder met stap 6 van 6' })).toHaveAttribute('href', /\/controle$/);
	await again.close();

	await page.getByRole('button', { name: 'Antwoorden verzenden' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dank u wel!');
	await expect(page.getByText(/U kunt uw antwoorden wijzigen tot \w+dag \d+ \w+ \d{4} om \d\d:\d\d uur/)).toBeVisible();
	// Beside the own answers: the previous round's published figures, never this round's.
	await expect(page.getByRole('heading', { name: 'Zo keken anderen er de vorige keer tegen aan' })).toBeVisible();
	await expect(
		page.getByText(/^\d+ antwoorden in [^:]+: \d+% oneens,\s+\d+% neutraal, \d+% eens$/).first()
	).toBeVisible();
	await expect(page.getByText('Uw antwoord: Helemaal eens').first()).toBeVisible();

	const stored = storedForLink(link);
	expect(stored.linkedResponseIds).toHaveLength(1);
	expect(stored.response).toMatchObject({ status: 'submitted' });
	expect(Object.keys(stored.response!.answers!)).toHaveLength(TOTAL);
	expect(JSON.stringify(stored.response)).not.toMatch(/"name"|@/);
});

test('leaves midway and resumes in another browser at the saved step with the answers filled in', async ({
	browser
}) => {
	const link = links[1];
	const first = await browser.newContext();
	const a = await first.newPage();
	await a.goto(link);
	await a.getByRole('link', { name: 'Beginnen' }).click();
	await answerStep(a, pattern(1));
	await a.getByRole('button', { name: 'Volgende stap' }).click();
	await expect(a.getByText('Stap 2 van 6', { exact: true })).toBeVisible();
	await answerStep(a, [2, 2, 2]);
	await a.getByRole('button', { name: 'Volgende stap' }).click();
	await expect(a.getByText('Stap 3 van 6', { exact: true })).toBeVisible();
	await first.close();

	const second = await browser.newContext();
	const b = await second.newPage();
	await b.goto(link);
	await expect(
		b.getByText(`U bent eerder begonnen. Uw antwoorden op ${sizes[0] + 3} van de ${TOTAL} stellingen zijn bewaard.`)
	).toBeVisible();
	await b.getByRole('link', { name: 'Verder met stap 3 van 6' }).click();
	await expect(b.getByRole('heading', { level: 1 })).toHaveText('Goed persoonlijk samenwerken');
	await b.getByRole('button', { name: 'Vorige stap' }).click();
	await expect(b.getByText('Stap 2 van 6', { exact: true })).toBeVisible();
	expect(await checkedValues(b)).toEqual([2, 2, 2, ...blank(sizes[1] - 3)]);
	await b.getByRole('button', { name: 'Vorige stap' }).click();
	await expect(b.getByText('Stap 1 van 6', { exact: true })).toBeVisible();
	expect(await checkedValues(b)).toEqual(Array.from({ length: sizes[0] }, (_, i) => pattern(1)(i)));
	await second.close();
});

test('submits, edits and resubmits — a double click included — and keeps one response', async ({ page }) => {
	const link = links[2];
	await page.goto(link);
	await page.getByRole('link', { name: 'Beginnen' }).click();
	await expect(page.getByText('Stap 1 van 6', { exact: true })).toBeVisible();
	await answerStep(page, pattern(1));
	await page.getByRole('button', { name: 'Volgende stap' }).click();
	await expect(page.getByText('Stap 2 van 6', { exact: true })).toBeVisible();
	await page.goto(`${link}/controle`);
	await expect(
		page.getByText(`U heeft ${TOTAL - sizes[0]} van de ${TOTAL} stellingen nog niet beantwoord.`)
	).toBeVisible();
	await page.getByRole('button', { name: 'Antwoorden verzenden' }).dblclick();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dank u wel!');
	const firstSubmit = storedForLink(link);
	expect(firstSubmit.linkedResponseIds).toHaveLength(1);
	expect(firstSubmit.response).toMatchObject({ status: 'submitted' });

	await page.getByRole('link', { name: 'Uw antwoorden bekijken of wijzigen' }).click();
	await expect(page.getByText(/U heeft uw antwoorden verzonden op/)).toBeVisible();
	await page.getByRole('link', { name: 'Wijzig stap 1: Werken aan een gedeelde ambitie' }).click();
	await page.locator('fieldset.question').first().getByLabel('Helemaal oneens').check();
	await page.getByRole('button', { name: 'Terug naar het overzicht' }).click();
	await page.getByRole('button', { name: 'Opnieuw verzenden' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dank u wel!');

	const after = storedForLink(link);
	expect(after.linkedResponseIds).toEqual(firstSubmit.linkedResponseIds);
	expect(after.response).toMatchObject({ status: 'submitted', answers: { 'inhoud-gedeeld-doel': 1 } });
	expect(after.response).not.toEqual(firstSubmit.response);

	// Opening the link again shows the sent state, not a fresh start.
	await page.goto(link);
	await expect(page.getByText(/U heeft uw antwoorden verzonden op/)).toBeVisible();
});
