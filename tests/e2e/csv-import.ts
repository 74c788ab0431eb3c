import type { Page } from '@playwright/test';

/**
 * The back-office's CSV import as an admin uses it, shared by the specs that bring a network's
 * partners and people in that way (the first afternoon, the respondents' own spec, the rounds).
 */

/** A CSV file as the file field takes it. */
export const csvFile = (name: string, text: string) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from(text, 'utf8')
});

/**
 * Opens an import page (`/admin/partners/import`, `/admin/deelnemers/import`), picks the file
 * and asks for the check; nothing is saved until the preview's import button is pressed.
 */
export async function checkImport(page: Page, path: string, name: string, text: string) {
	await page.goto(path);
	await page.getByLabel('CSV-bestand').setInputFiles(csvFile(name, text));
	await page.getByRole('button', { name: /controleren/i }).click();
}
