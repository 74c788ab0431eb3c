import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.1 AA, as Dutch law asks of government and their collaborations. */
/** `within`: a CSS selector to scan only that part of the page. */
export async function expectNoViolations(page: Page, name: string, within?: string) {
	let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
	if (within) builder = builder.include(within);
	const result = await builder.analyze();
	const found = result.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(found, `axe op ${name}`).toEqual([]);
}
