import { expectNoViolations } from './axe';
import { expect, latestClosedRound, test } from './dashboard-login';

/** The report's methods section on the demo's latest closed round: the scale's reliability per perspective. */

const perspectives = ['Inhoud', 'Proces', 'Relatie', 'Belangen', 'Governance'];
const coefficient = /^(0|1),\d\d$/;

test('the report states alpha, omega and n for each of the five perspectives, with the critical-item check', async ({
	page
}) => {
	const round = await latestClosedRound(page);
	await page.goto(`${round.href}/rapport`);
	const methods = page.getByRole('region', { name: 'Bijlage: zo is gerekend' });
	await expect(methods.getByRole('heading', { name: 'Betrouwbaarheid van de schaal' })).toBeVisible();
	await expect(methods).toContainText('Cronbachs alfa');
	await expect(methods).toContainText('McDonalds omega');

	const table = methods.getByRole('table', { name: 'Betrouwbaarheid per perspectief (hele netwerk)' });
	const headers = await table.locator('thead th').allTextContents();
	expect(headers.map((h) => h.trim())).toEqual(['Perspectief', 'Cronbachs alfa', 'McDonalds omega', 'n', 'Oordeel']);
	await expect(table.locator('tbody tr')).toHaveCount(5);
	for (const name of perspectives) {
		const row = table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
		const cells = row.locator('td');
		await expect(cells.nth(0)).toHaveText(coefficient);
		await expect(cells.nth(1)).toHaveText(coefficient);
		await expect(cells.nth(2)).toHaveText(/^\d+$/);
		await expect(cells.nth(3)).toHaveText(/voldoende|matig|te laag om te middelen/);
	}

	// Every perspective has one critical statement; each is checked before recoding.
	for (const name of perspectives) {
		const items = methods.getByRole('table', {
			name: `${name}: samenhang per stelling`
		});
		await expect(items.locator('tbody tr').first().locator('td').first()).toHaveText(/^[−-]?(0|1),\d\d$/);
		await expect(items.getByText(/^ja, keert (niet )?om zoals verwacht/)).toHaveCount(1);
	}
});

test('axe finds no WCAG 2.1 AA violations in the methods section', async ({ page }) => {
	const round = await latestClosedRound(page);
	await page.goto(`${round.href}/rapport`);
	await expect(page.getByRole('heading', { name: 'Betrouwbaarheid van de schaal' })).toBeVisible();
	await expectNoViolations(page, 'rapport: methoden', 'section[aria-labelledby="bijlage-methoden"]');
});
