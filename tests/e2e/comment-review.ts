import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The comment review (`/admin/rounds/<id>/opmerkingen`) as an admin uses it, shared by its own
 * spec and the rounds journey. The review shows the comments in random order, so each is found
 * by its text.
 */

/** The review's textarea that holds `text`. */
export async function fieldWith(page: Page, text: string) {
	const id = await page
		.locator('textarea')
		.evaluateAll((areas, t) => (areas as HTMLTextAreaElement[]).find((a) => a.value.includes(t))?.id ?? null, text);
	expect(id, `een veld met "${text}"`).not.toBeNull();
	return page.locator(`[id="${id}"]`);
}

/** The list item (the comment's own forms) around a review field. */
export const itemOf = (page: Page, field: Locator) => page.getByRole('listitem').filter({ has: field });

/** Selects `passage` in the comment that holds it, leaves it out with the page's button and saves. */
export async function leaveOut(page: Page, passage: string) {
	const field = await fieldWith(page, passage);
	const text = await field.inputValue();
	const start = text.indexOf(passage);
	await field.evaluate((a: HTMLTextAreaElement, [s, e]) => a.setSelectionRange(s, e), [start, start + passage.length]);
	const item = itemOf(page, field);
	await item.getByRole('button', { name: /^Selectie weglaten/ }).click();
	await expect(field).toHaveValue(`${text.slice(0, start)}[weggelaten]${text.slice(start + passage.length)}`);
	await item.getByRole('button', { name: /^Opslaan/ }).click();
	await expect(item.getByRole('status')).toHaveText('Opgeslagen.');
}
