import { describe, expect, it } from 'vitest';
import { surveyFeedback } from './survey-feedback';
import { samenwerkingsscan as q } from '$lib/questionnaires';
import type { SurveyResponse } from '$lib/model/response';
import { auditPublishedSet, publishedCells, releasedTallies } from './published-set';
import { layoutOf } from './layout';
import { partners } from './test-fixtures';

const stamp = '2026-11-01T10:00:00.000Z';
const response = (
	i: number,
	answers: Record<string, number>,
	status: SurveyResponse['status'] = 'submitted'
): SurveyResponse => ({
	id: `r-${i}`,
	roundId: 'najaar-2026',
	profile: { partnerId: 'zwolle', role: 'ambtelijk', bodyIds: [] },
	answers,
	comments: {},
	status,
	step: 0,
	createdAt: stamp,
	updatedAt: stamp,
	submittedAt: status === 'submitted' ? stamp : null
});
const item = 'inhoud-gedeeld-doel';
const itemOf = (f: ReturnType<typeof surveyFeedback>, id = item) =>
	f.sections.flatMap((s) => s.items).find((i) => i.itemId === id)!;

/** A previous round as it was published at its close, from these responses. */
function published(responses: SurveyResponse[], k = 5) {
	const submitted = responses.filter((r) => r.status === 'submitted');
	const cells = publishedCells(
		partners,
		[],
		submitted.map((r) => r.profile),
		k
	);
	return {
		roundName: 'Voorjaar 2026',
		snapshot: releasedTallies(auditPublishedSet(responses, layoutOf(q), cells, partners, k))
	};
}

describe('surveyFeedback', () => {
	it('shows the previous round’s published network figures beside the own answer, never this round’s', () => {
		const own = response(0, { [item]: 5 });
		const previous = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => response(i, { [item]: i <= 2 ? 1 : 4, 'proces-tempo': 0 }));
		const f = surveyFeedback({ questionnaire: q, reference: published(previous), own, k: 5 });
		expect(f.available).toBe(true);
		expect(f.referenceRound).toBe('Voorjaar 2026');
		expect(itemOf(f)).toMatchObject({
			own: 5,
			others: { suppressed: false, n: 8, disagree: 25, neutral: 0, agree: 75 }
		});
		// Only "weet niet" there: nothing on the scale to show.
		expect(itemOf(f, 'proces-tempo').others).toEqual({ suppressed: true, reason: 'small' });
		// A statement nobody was asked last time has no figures.
		expect(itemOf(f, 'relatie-vertrouwen').others).toEqual({ suppressed: true, reason: 'small' });
	});

	it('shows nothing without a published previous round', () => {
		const own = response(0, { [item]: 5 });
		expect(surveyFeedback({ questionnaire: q, reference: null, own, k: 5 })).toEqual({
			k: 5,
			available: false,
			referenceRound: null,
			sections: []
		});
		// A previous round too small to publish the network is no reference either.
		const tiny = [1, 2, 3].map((i) => response(i, { [item]: 4 }));
		expect(surveyFeedback({ questionnaire: q, reference: published(tiny), own, k: 5 }).available).toBe(false);
	});

	it('never goes below k = 3 and rounds percentages to add up to 100', () => {
		const previous = [1, 2, 3].map((i) => response(i, { [item]: i }));
		const f = surveyFeedback({ questionnaire: q, reference: published(previous, 3), own: null, k: 1 });
		expect(f.k).toBe(3);
		const shown = itemOf(f).others;
		if (shown.suppressed) throw new Error('expected numbers');
		expect(shown.disagree + shown.neutral + shown.agree).toBe(100);
		expect([shown.disagree, shown.neutral, shown.agree]).toEqual([67, 33, 0]);
	});
});
