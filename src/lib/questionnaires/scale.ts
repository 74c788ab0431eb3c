import type { Scale } from '$lib/model/questionnaire';

/** The 5-point agreement scale both built-in questionnaires share (1 = helemaal oneens). */
export const agreementScale: Scale = {
	points: 5,
	labels: ['Helemaal oneens', 'Oneens', 'Neutraal', 'Eens', 'Helemaal eens'],
	dontKnowLabel: 'Weet niet / n.v.t.'
};
