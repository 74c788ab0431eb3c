/** Wording shared by the generated sentences. */

/** Statements are quoted inside questions; a closing full stop inside the quotes reads badly. */
export function quoteStatement(text: string): string {
	return `‘${text.trim().replace(/[.\s]+$/, '')}’`;
}

export function capitalise(s: string): string {
	return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}
