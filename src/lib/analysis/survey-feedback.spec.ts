import { describe, expect, it } from 'vitest';
import { surveyFeedback } from './survey-feedback';
import { samenwerkingsscan as q } from '$lib/questionnaires';
import type { SurveyResponse } from '$lib/model/response';

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

describe('surveyFeedback', () => {
	it('shows nothing until k others submitted; the own response and drafts do not count', () => {
		const own = response(0, { [item]: 5 });
		const others = [1, 2, 3, 4].map((i) => response(i, { [item]: 4 }));
		const drafts = [5, 6].map((i) => response(i, { [item]: 4 }, 'draft'));
		const f = surveyFeedback({ questionnaire: q, responses: [own, ...others, ...drafts], own, k: 5 });
		expect(f).toEqual({ k: 5, available: false, sections: [] });
		const g = surveyFeedback({ questionnaire: q, responses: [own, ...others, response(7, { [item]: 1 })], own, k: 5 });
		expect(g.available).toBe(true);
		expect(itemOf(g)).toMatchObject({
			own: 5,
			others: { suppressed: false, n: 5, disagree: 20, neutral: 0, agree: 80 }
		});
	});

	it('withholds a statement fewer than k others answered on the scale, without numbers', () => {
		const own = response(0, {});
		const others = [1, 2, 3, 4, 5].map((i) => response(i, { [item]: i === 1 ? 0 : 3, 'proces-tempo': 2 }));
		const f = surveyFeedback({ questionnaire: q, responses: [own, ...others], own, k: 5 });
		expect(itemOf(f).others).toEqual({ suppressed: true, reason: 'small' });
		expect(itemOf(f).own).toBeNull();
		expect(itemOf(f, 'proces-tempo').others).toMatchObject({ n: 5, disagree: 100 });
	});

	it('never goes below k = 3 and rounds percentages to add up to 100', () => {
		const others = [1, 2, 3].map((i) => response(i, { [item]: i }));
		const f = surveyFeedback({ questionnaire: q, responses: others, own: null, k: 1 });
		expect(f.k).toBe(3);
		const shown = itemOf(f).others;
		if (shown.suppressed) throw new Error('expected numbers');
		expect(shown.disagree + shown.neutral + shown.agree).toBe(100);
		expect([shown.disagree, shown.neutral, shown.agree]).toEqual([67, 33, 0]);
	});
});
