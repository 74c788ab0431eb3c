/** Number and privacy wording shared by the dashboard, the report and the agenda. */
import type { SuppressionReason } from '$lib/analysis/types';
import { formatNumber } from '$lib/format';

export const fmt = (x: number | null | undefined, digits = 1): string =>
	x === null || x === undefined ? '–' : formatNumber(x, digits);

/** "+0,22" / "−0,15": a real minus sign, and a plus so that no sign is ever implied. */
export function signed(x: number, digits = 2): string {
	const s = formatNumber(Math.abs(x), digits);
	if (s === formatNumber(0, digits)) return s;
	return `${x > 0 ? '+' : '−'}${s}`;
}

export const percent = (part: number, whole: number): string =>
	whole > 0 ? `${Math.round((100 * part) / whole)}%` : '–';

/** Why a number is missing, in the words a reader of the table needs. */
export function withheld(reason: SuppressionReason, k: number): string {
	switch (reason) {
		case 'small':
			return `te weinig respondenten (< ${k})`;
		case 'derivable':
			return `niet getoond: zou een groep van < ${k} verraden`;
		case 'filter':
			return `niet getoond: verschil met een andere selectie < ${k}`;
		case 'population':
			return 'niet getoond voor deze selectie';
	}
}

/** The k rule as stated on every page that shows results. */
export const kRule = (k: number): string =>
	`Groepen met minder dan ${k} respondenten worden niet getoond, ook niet als ze uit andere cijfers af te leiden zouden zijn.`;
