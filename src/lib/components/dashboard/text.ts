/** Privacy wording shared by the dashboard, the report and the agenda. */
export { withheld } from '$lib/analysis/withheld-text';

/** The k rule as stated on every page that shows results. */
export const kRule = (k: number): string =>
	`Groepen met minder dan ${k} respondenten worden niet getoond, ook niet als ze uit andere cijfers af te leiden zouden zijn.`;
