import { describe, expect, it } from 'vitest';
import { chronological, compareRounds, pickMovers } from './comparison';
import { layoutOf, tabulateRound, type Classifier } from './tabulate';
import { answerAll, makeQuestionnaire, makeResponse } from './test-fixtures';
import type { ItemChange } from './types';

const everyone: Classifier = { inSelection: () => true, neighbours: [], groupCount: 0, groupsOf: () => [] };
const q = makeQuestionnaire(1);

const tally = (values: number[]) =>
	tabulateRound(
		values.map((v) => makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, answerAll(q, v))),
		layoutOf(q),
		everyone
	);

describe('compareRounds', () => {
	it('compares nothing when the previous round is below k', () => {
		const c = compareRounds(tally([4, 4, 5, 5, 4]), tally([2, 3, 2]), 5);
		expect(c.sections.every((s) => s.change === null)).toBe(true);
		expect(c.items.every((i) => i.change === null)).toBe(true);
	});

	it('gives current − previous with a Welch interval', () => {
		const c = compareRounds(tally([4, 4, 5, 5, 4]), tally([2, 3, 2, 3, 2]), 5);
		const s = c.sections[0].change!;
		expect(s.previous).toBeCloseTo(2.4, 12);
		expect(s.current).toBeCloseTo(4.4, 12);
		expect(s.diff).toBeCloseTo(2, 12);
		expect(s.significant).toBe(true);
		expect([s.nPrevious, s.nCurrent]).toEqual([5, 5]);
	});

	it('has nothing to compare without a previous round', () => {
		expect(compareRounds(tally([4, 4, 5, 5, 4]), null, 5).items[0].change).toBeNull();
	});
});

describe('pickMovers', () => {
	const change = (itemId: string, diff: number | null): ItemChange => ({
		itemId,
		sectionId: 's',
		text: itemId,
		change:
			diff === null
				? null
				: {
						previous: 3,
						current: 3 + diff,
						diff,
						ciLow: diff - 0.1,
						ciHigh: diff + 0.1,
						significant: true,
						nPrevious: 9,
						nCurrent: 9
					}
	});

	it('sorts the largest rises and falls apart', () => {
		const m = pickMovers(
			[change('a', 0.2), change('b', -0.6), change('c', 0.9), change('d', null), change('e', -0.1)],
			2
		);
		expect(m.improvements.map((x) => x.itemId)).toEqual(['c', 'a']);
		expect(m.declines.map((x) => x.itemId)).toEqual(['b', 'e']);
	});
});

describe('chronological', () => {
	it('orders by opening date, or keeps the given order without dates', () => {
		const r = (id: string, opensAt?: string) => ({ round: { id, name: id, opensAt } });
		expect(chronological([r('b', '2026-04-01'), r('a', '2025-10-01')]).map((x) => x.round.id)).toEqual(['a', 'b']);
		expect(chronological([r('b'), r('a', '2025-10-01')]).map((x) => x.round.id)).toEqual(['b', 'a']);
	});
});
