import { describe, expect, it } from 'vitest';
import { chronological, compareRounds, pickMovers } from './comparison';
import { layoutOf } from './layout';
import { readPublished } from './published-tally';
import { answerAll, makeQuestionnaire, makeResponse, publishedSnapshotOf } from './test-fixtures';
import type { ItemChange } from './types';

const q = makeQuestionnaire(1);
const layout = layoutOf(q);

/** The whole network's published cell of a round where everyone gave these answers. */
const network = (values: number[]) =>
	readPublished(
		publishedSnapshotOf(
			values.map((v) => makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, answerAll(q, v))),
			q
		),
		layout
	).byKey.get('all')!;

describe('compareRounds', () => {
	it('compares nothing when the previous round is below k', () => {
		const c = compareRounds(layout, network([4, 4, 5, 5, 4]), network([2, 3, 2]));
		expect(c.sections.every((s) => s.change === null)).toBe(true);
		expect(c.items.every((i) => i.change === null)).toBe(true);
	});

	it('gives current − previous with a Welch interval', () => {
		const c = compareRounds(layout, network([4, 4, 5, 5, 4]), network([2, 3, 2, 3, 2]));
		const s = c.sections[0].change!;
		expect(s.previous).toBeCloseTo(2.4, 12);
		expect(s.current).toBeCloseTo(4.4, 12);
		expect(s.diff).toBeCloseTo(2, 12);
		expect(s.significant).toBe(true);
		expect([s.nPrevious, s.nCurrent]).toEqual([5, 5]);
	});

	it('has nothing to compare without a previous round', () => {
		expect(compareRounds(layout, network([4, 4, 5, 5, 4]), null).items[0].change).toBeNull();
	});

	it('compares only statements both rounds asked', () => {
		const older = makeQuestionnaire(1, { extraItems: { inhoud: ['inhoud-oud'] } });
		const newer = layoutOf(makeQuestionnaire(1, { extraItems: { inhoud: ['inhoud-nieuw'] } }));
		const read = (qq: typeof older, values: number[]) =>
			readPublished(
				publishedSnapshotOf(
					values.map((v) => makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, answerAll(qq, v))),
					qq
				),
				newer
			).byKey.get('all')!;
		const c = compareRounds(
			newer,
			read(makeQuestionnaire(1, { extraItems: { inhoud: ['inhoud-nieuw'] } }), [4, 4, 5, 5, 4]),
			read(older, [2, 3, 2, 3, 2])
		);
		const byId = (id: string) => c.items.find((i) => i.itemId === id)!.change;
		expect(byId('inhoud-nieuw')).toBeNull();
		expect(byId('inhoud-1')?.diff).toBeCloseTo(2, 12);
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
						p: 0.001,
						untested: null,
						significant: Math.abs(diff) >= 0.15,
						nPrevious: 9,
						nCurrent: 9
					}
	});

	it('sorts the largest rises and falls apart, among the changes that survived the correction only', () => {
		const m = pickMovers(
			[change('a', 0.2), change('b', -0.6), change('c', 0.9), change('d', null), change('e', -0.1), change('f', 0.3)],
			2
		);
		expect(m.improvements.map((x) => x.itemId)).toEqual(['c', 'f']);
		// e (−0,10) is within chance here: not a mover, however few declines there are.
		expect(m.declines.map((x) => x.itemId)).toEqual(['b']);
	});
});

describe('chronological', () => {
	it('orders by opening date, or keeps the given order without dates', () => {
		const r = (id: string, opensAt?: string) => ({ round: { id, name: id, opensAt } });
		expect(chronological([r('b', '2026-04-01'), r('a', '2025-10-01')]).map((x) => x.round.id)).toEqual(['a', 'b']);
		expect(chronological([r('b'), r('a', '2025-10-01')]).map((x) => x.round.id)).toEqual(['b', 'a']);
	});
});
