/**
 * Why a number is missing, in the words a reader needs. One source for the dashboard, the report,
 * the agenda and the results export, so a withheld cell reads the same wherever it is missing.
 */
import type { SuppressionReason } from './types';

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
