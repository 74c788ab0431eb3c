import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '$lib/model/response';
import {
	groupItemMean,
	groupSectionMomentsOf,
	itemStat,
	layoutOf,
	sectionStat,
	tabulateRound,
	type Classifier
} from './tabulate';
import { makeQuestionnaire, makeResponse } from './test-fixtures';

const q = makeQuestionnaire(2, { reversed: ['inhoud-2'] });
const layout = layoutOf(q);
const everyone: Classifier = { inSelection: () => true, neighbours: [], groupCount: 0, groupsOf: () => [] };

describe('layoutOf', () => {
	it('indexes items and sections and names sections by perspective', () => {
		expect(layout.items).toHaveLength(10);
		expect(layout.sections[0]).toMatchObject({ id: 'inhoud', shortTitle: 'Inhoud', items: [0, 1] });
		expect(layout.items[1]).toMatchObject({ id: 'inhoud-2', reversed: true, section: 0 });
		expect(layout.stride).toBe(1 + 5 + 10);
	});
});

describe('tabulateRound', () => {
	it('counts raw answers, recodes levels and ignores drafts and invalid values', () => {
		const responses: SurveyResponse[] = [
			makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, { 'inhoud-1': 4, 'inhoud-2': 2 }),
			makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, { 'inhoud-1': 0, 'inhoud-2': 7, 'proces-1': 2.5 }),
			makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, { 'inhoud-1': 1 }, {}, 'draft')
		];
		const t = tabulateRound(responses, layout, everyone);
		expect(t.respondents).toBe(2);
		// inhoud-1: one 4, one weet niet. inhoud-2: one 2 (7 is off the scale).
		expect(Array.from(t.itemCounts.subarray(0, 6))).toEqual([1, 0, 0, 0, 1, 0]);
		expect(Array.from(t.itemCounts.subarray(6, 12))).toEqual([0, 0, 1, 0, 0, 0]);
		// Respondent 1: (4 + (6 − 2))/2 = 4; respondent 2 has no inhoud level.
		expect(Array.from(t.sectionMoments.subarray(0, 3))).toEqual([1, 4, 16]);
		expect(t.popN[0]).toBe(2);
		expect(t.popN[sectionStat(0)]).toBe(1);
		expect(t.popN[itemStat(layout, 0)]).toBe(1);
		expect(t.popN[itemStat(layout, 2)]).toBe(0);
	});

	it('derives group figures from atoms and counts filter differences', () => {
		// Groups: 0 = "bestuurlijk", 1 = "in the PHO". Selection: bestuurlijk only; neighbour: all.
		const groupsOf = (r: SurveyResponse) => [
			...(r.profile.role === 'bestuurlijk' ? [0] : []),
			...(r.profile.bodyIds.includes('pho-economie') ? [1] : [])
		];
		const cls: Classifier = {
			inSelection: (r) => r.profile.role === 'bestuurlijk',
			neighbours: [() => true],
			groupCount: 2,
			groupsOf
		};
		const all = { 'inhoud-1': 5, 'inhoud-2': 1 };
		const responses = [
			makeResponse({ partnerId: 'kampen', role: 'bestuurlijk', bodyIds: ['pho-economie'] }, all),
			makeResponse({ partnerId: 'kampen', role: 'bestuurlijk', bodyIds: ['pho-economie'] }, { 'inhoud-1': 3 }),
			makeResponse({ partnerId: 'kampen', role: 'bestuurlijk' }, all),
			makeResponse({ partnerId: 'kampen', role: 'ambtelijk', bodyIds: ['pho-economie'] }, all)
		];
		const t = tabulateRound(responses, layout, cls);
		expect(t.respondents).toBe(3);
		expect(t.atoms.groups).toEqual([[0, 1], [0]]);
		expect(t.groupN[0 * layout.stride]).toBe(3);
		expect(t.groupN[1 * layout.stride]).toBe(2);
		// PHO within the selection: levels 5 and 3.
		expect(groupSectionMomentsOf(t, 1, 0)).toEqual({ n: 2, sum: 8, sumSq: 34 });
		expect(groupItemMean(t, 1, 0)).toEqual({ n: 2, mean: 4 });
		// The ambtenaar outside the selection is the difference with the network, also within the PHO.
		expect(t.neighbourN[0]).toBe(1);
		expect(t.neighbourGroupN[(0 * 2 + 1) * layout.stride]).toBe(1);
		expect(t.neighbourGroupN[(0 * 2 + 0) * layout.stride]).toBe(0);
	});
});
