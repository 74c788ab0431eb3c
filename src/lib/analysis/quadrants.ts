/**
 * Level × agreement quadrants. x is the mean level (reversed items recoded), y is rwg (the mean
 * item rwg for a section), chosen over consensus because it is the number behind the agreement
 * word. Both lines are the words' own (bands.ts): right of the line the level reads "hoog", above
 * it the agreement reads "sterk gedeeld" or "zeer sterk gedeeld" (the labels say "sterk" for
 * both), so the plot and the headline never disagree about a point, also one exactly on a line.
 */
import { isStrongAgreement, levelWord } from './bands';
import type { Quadrant, QuadrantId } from './types';

export const quadrantLabels: Record<QuadrantId, string> = {
	'sterk-gedeeld': 'Hoog en sterk gedeeld',
	'zwak-gedeeld': 'Niet hoog, wel sterk gedeeld',
	'positief-verdeeld': 'Hoog, niet sterk gedeeld',
	'zwak-verdeeld': 'Niet hoog, niet sterk gedeeld'
};

export function classifyQuadrant(level: number | null, agreement: number | null, points: number): Quadrant | null {
	if (level === null || agreement === null || !Number.isFinite(level) || !Number.isFinite(agreement)) return null;
	const high = levelWord(level, points) === 'hoog';
	const shared = isStrongAgreement(agreement);
	const id: QuadrantId = high
		? shared
			? 'sterk-gedeeld'
			: 'positief-verdeeld'
		: shared
			? 'zwak-gedeeld'
			: 'zwak-verdeeld';
	return { id, label: quadrantLabels[id], level, agreement };
}
