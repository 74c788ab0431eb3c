/** Privacy wording shared by the dashboard, the report and the agenda. */
export { withheld } from '$lib/analysis/withheld-text';

/** The k rule as stated on every page that shows results. */
export const kRule = (k: number): string =>
	`Groepen met minder dan ${k} respondenten worden niet getoond, ook niet als ze uit andere cijfers af te leiden zouden zijn.`;

/** How every "duidelijk" on a page was decided; stated where such claims appear. */
export const correctionNote = (fdr: number, groupMinN?: number): string =>
	`Gecorrigeerd voor het aantal vergelijkingen (Benjamini–Hochberg, ${Math.round(fdr * 100)}%).` +
	(groupMinN === undefined ? '' : ` Groepsverschillen worden pas getoetst vanaf ${groupMinN} respondenten per groep.`);

/** Why a difference was not tested, in the words of a table cell. */
export const untestedText = (u: 'no-variance' | 'small-group'): string =>
	u === 'no-variance' ? 'geen toets mogelijk (geen spreiding)' : 'groep te klein om te toetsen';

/**
 * Beside every critically worded statement whose level is shown recoded: its answers are as
 * worded, its level is turned round so that higher always means a stronger collaboration.
 */
export const REVERSED_NOTE =
	'Kritisch geformuleerd: de antwoorden staan zoals gesteld, het niveau is omgerekend (hoger is beter).';
