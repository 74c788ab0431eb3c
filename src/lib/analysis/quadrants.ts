/**
 * Level × agreement quadrants. x is the mean level (reversed items recoded), y is rwg (the mean item rwg for
 * a section), chosen over consensus because its .70 line is the reading people already know and
 * the same line drives the "gedeeld" word, so the plot and the headline never disagree.
 *
 * The level line sits at 3.5 on five points, not at the neutral 3.0: an item that averages just
 * above neutral is not yet a strength, and survey means cluster between 3 and 4, so a 3.0 line
 * would call almost everything strong.
 */
import { AGREEMENT_STRONG, onScale } from './sharedness';
import type { Quadrant, QuadrantId } from './types';

export const QUADRANT_LEVEL = 3.5;
export const QUADRANT_AGREEMENT = AGREEMENT_STRONG;

export const quadrantLabels: Record<QuadrantId, string> = {
	'sterk-gedeeld': 'Sterk en gedeeld',
	'zwak-gedeeld': 'Zwak maar gedeeld',
	'positief-verdeeld': 'Positief maar verdeeld',
	'zwak-verdeeld': 'Zwak en verdeeld'
};

export function classifyQuadrant(level: number | null, agreement: number | null, points: number): Quadrant | null {
	if (level === null || agreement === null || !Number.isFinite(level) || !Number.isFinite(agreement)) return null;
	const high = level >= onScale(QUADRANT_LEVEL, points);
	const shared = agreement >= QUADRANT_AGREEMENT;
	const id: QuadrantId = high
		? shared
			? 'sterk-gedeeld'
			: 'positief-verdeeld'
		: shared
			? 'zwak-gedeeld'
			: 'zwak-verdeeld';
	return { id, label: quadrantLabels[id], level, agreement };
}
