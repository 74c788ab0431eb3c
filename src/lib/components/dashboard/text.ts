/** Privacy wording shared by the dashboard, the report and the agenda. */
import type { SuppressionReason } from '$lib/analysis/types';

/** Why a number is missing, in the words a reader of the table needs. */
export function withheld(reason: SuppressionReason, k: number): string {
	switch (reason) {
		case 'small':
			return `te weinig respondenten (< ${k})`;
		case 'derivable':
			return `niet getoond: beschermt een andere groep van < ${k}`;
		case 'population':
			return 'niet getoond voor deze selectie';
	}
}

/** The k rule as stated on every page that shows results. */
export const kRule = (k: number): string =>
	`Groepen met minder dan ${k} respondenten worden niet getoond, ook niet als ze uit andere cijfers af te leiden zouden zijn.`;
