/** Dutch number formatting for generated sentences; the UI formats its own tables. */

/** 3.456 → "3,5"; the decimal comma is what a Dutch reader expects in running text. */
export function formatDecimal(x: number, digits = 1): string {
	return x.toFixed(digits).replace('.', ',');
}

/** 0.4567 → "46%". */
export function formatPercent(share: number): string {
	return `${Math.round(share * 100)}%`;
}

/** Statements are quoted inside questions; a closing full stop inside the quotes reads badly. */
export function quoteStatement(text: string): string {
	return `‘${text.trim().replace(/[.\s]+$/, '')}’`;
}

export function capitalise(s: string): string {
	return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}
