import { describe, expect, it } from 'vitest';
import { buildTrend, chronological, compareGroups, compareRounds, pickMovers } from './comparison';
import { groupsOf } from './breakdowns';
import { layoutOf } from './layout';
import { readPublished } from './published-tally';
import { answerAll, makeQuestionnaire, makeResponse, partners, publishedSnapshotOf, seeded } from './test-fixtures';
import type { Questionnaire } from '$lib/model/questionnaire';
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

/** An earlier round of the same questionnaire. */
const earlier = (values: number[]) => ({ cell: network(values), layout });

describe('compareRounds', () => {
	it('compares nothing when the previous round is below k', () => {
		const c = compareRounds(layout, network([4, 4, 5, 5, 4]), earlier([2, 3, 2]));
		expect(c.sections.every((s) => s.change === null)).toBe(true);
		expect(c.items.every((i) => i.change === null)).toBe(true);
	});

	it('gives current − previous with a Welch interval', () => {
		const c = compareRounds(layout, network([4, 4, 5, 5, 4]), earlier([2, 3, 2, 3, 2]));
		expect(c.sections[0].basis).toBe('section');
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
			{ cell: read(older, [2, 3, 2, 3, 2]), layout: layoutOf(older) }
		);
		const byId = (id: string) => c.items.find((i) => i.itemId === id)!.change;
		expect(byId('inhoud-nieuw')).toBeNull();
		expect(byId('inhoud-1')?.diff).toBeCloseTo(2, 12);
		const inhoud = c.sections.find((x) => x.sectionId === 'inhoud')!;
		expect(inhoud.basis).toBe('shared-items');
		expect(inhoud.items).toEqual({ shared: 1, current: 2, previous: 2 });
		expect(inhoud.change?.diff).toBeCloseTo(2, 12);
		// A section whose statements stayed the same compares respondents' levels as before.
		expect(c.sections.find((x) => x.sectionId === 'proces')!.basis).toBe('section');
	});

	/** Answers drawn independently for everyone: 1..5 with these weights, same in both rounds. */
	const draw = (rng: () => number, weights: number[]) => {
		const total = weights.reduce((a, b) => a + b, 0);
		let u = rng() * total;
		for (let j = 0; j < weights.length; j++) if ((u -= weights[j]) < 0) return j + 1;
		return weights.length;
	};
	const roundOf = (qq: Questionnaire, n: number, answer: (itemId: string) => number) =>
		readPublished(
			publishedSnapshotOf(
				Array.from({ length: n }, () =>
					makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, answerAll(qq, answer))
				),
				qq
			),
			layoutOf(qq)
		);

	it('shows no change when only a new statement differs (the version mismatch case)', () => {
		// Version 1 asked three statements per section; version 2 adds one that everyone answers 1.
		// The shared statements did not move, so no section may read "duidelijk achteruit".
		const v1 = makeQuestionnaire(3);
		const v2 = makeQuestionnaire(3, { version: 2, extraItems: { inhoud: ['inhoud-nieuw'] } });
		const rng = seeded(14);
		const now = roundOf(v2, 40, (id) => (id === 'inhoud-nieuw' ? 1 : draw(rng, [1, 2, 4, 8, 5])));
		const l2 = layoutOf(v2);
		const before = publishedSnapshotOf(
			Array.from({ length: 40 }, () =>
				makeResponse(
					{ partnerId: 'kampen', role: 'ambtelijk' },
					answerAll(v1, () => draw(rng, [1, 2, 4, 8, 5]))
				)
			),
			v1
		);
		const withPrev = compareRounds(l2, now.byKey.get('all')!, {
			cell: readPublished(before, l2).byKey.get('all')!,
			layout: layoutOf(v1)
		});
		const inhoud = withPrev.sections.find((x) => x.sectionId === 'inhoud')!;
		expect(inhoud.basis).toBe('shared-items');
		expect(inhoud.items).toEqual({ shared: 3, current: 4, previous: 3 });
		expect(inhoud.change!.significant).toBe(false);
		// Over all four statements the level would have dropped by more than half a point.
		const levelNow = now.byKey.get('all')!.sections[l2.sectionIndex.get('inhoud')!];
		const m = 'moments' in levelNow! ? levelNow.moments : null;
		expect(inhoud.change!.previous - m!.sum / m!.n).toBeGreaterThan(0.5);
	});

	it('calls a change on shared statements in at most 5% of rounds when nothing changed', () => {
		// Seeded simulation: each section changed its set (one statement dropped, one added), the
		// shared statements are drawn from one distribution in both rounds.
		const v1 = makeQuestionnaire(4);
		const v2 = makeQuestionnaire(3, {
			version: 2,
			extraItems: Object.fromEntries(
				['inhoud', 'proces', 'relatie', 'belangen', 'governance'].map((p) => [p, [`${p}-nieuw`]])
			)
		});
		const l2 = layoutOf(v2);
		const rng = seeded(2026);
		const runs = 300;
		let alarms = 0;
		for (let r = 0; r < runs; r++) {
			const n = [8, 15, 40][r % 3];
			// Respondents differ in their general tone, so statements of one person correlate.
			const person = () => {
				const tone = draw(rng, [1, 3, 5, 3, 1]) - 3;
				return () => Math.min(5, Math.max(1, draw(rng, [1, 2, 4, 3, 1]) + (rng() < 0.6 ? tone : 0)));
			};
			const mk = (qq: Questionnaire) =>
				publishedSnapshotOf(
					Array.from({ length: n }, () => {
						const a = person();
						return makeResponse(
							{ partnerId: 'kampen', role: 'ambtelijk' },
							answerAll(qq, () => a())
						);
					}),
					qq
				);
			const c = compareRounds(l2, readPublished(mk(v2), l2).byKey.get('all')!, {
				cell: readPublished(mk(v1), l2).byKey.get('all')!,
				layout: layoutOf(v1)
			});
			expect(c.sections.every((x) => x.basis === 'shared-items')).toBe(true);
			if (c.sections.some((x) => x.change?.significant)) alarms++;
		}
		// Measured: 0 of 300 (the bound on the standard error is conservative).
		expect(alarms / runs).toBeLessThanOrEqual(0.05);
	});

	it('still finds a real change on shared statements', () => {
		const v1 = makeQuestionnaire(4);
		const v2 = makeQuestionnaire(3, { version: 2, extraItems: { inhoud: ['inhoud-nieuw'] } });
		const l2 = layoutOf(v2);
		const rng = seeded(7);
		const mk = (qq: Questionnaire, weights: number[]) =>
			publishedSnapshotOf(
				Array.from({ length: 40 }, () =>
					makeResponse(
						{ partnerId: 'kampen', role: 'ambtelijk' },
						answerAll(qq, () => draw(rng, weights))
					)
				),
				qq
			);
		const c = compareRounds(l2, readPublished(mk(v2, [1, 1, 3, 8, 6]), l2).byKey.get('all')!, {
			cell: readPublished(mk(v1, [3, 6, 6, 3, 1]), l2).byKey.get('all')!,
			layout: layoutOf(v1)
		});
		const inhoud = c.sections.find((x) => x.sectionId === 'inhoud')!;
		expect(inhoud.basis).toBe('shared-items');
		expect(inhoud.change!.diff).toBeGreaterThan(0.8);
		expect(inhoud.change!.significant).toBe(true);
	});
});

describe('compareGroups', () => {
	const who = [
		{ partnerId: 'kampen', role: 'ambtelijk' as const },
		{ partnerId: 'overijssel', role: 'bestuurlijk' as const }
	];
	const tallyOf = (values: (i: number) => number, n = 24) =>
		readPublished(
			publishedSnapshotOf(
				Array.from({ length: n }, (_, i) => makeResponse(who[i % 2], answerAll(q, values(i)))),
				q
			),
			layout
		);

	it('shows the change within each role and partner type, corrected as one family', () => {
		const before = tallyOf((i) => (i % 2 === 0 ? 2 + (i % 3 === 0 ? 1 : 0) : 4 - (i % 4 === 0 ? 1 : 0)));
		const now = tallyOf((i) => (i % 2 === 0 ? 4 + (i % 3 === 0 ? 1 : 0) : 4 - (i % 4 === 0 ? 1 : 0)));
		const changes = compareGroups(layout, groupsOf(now, partners), { tally: before, layout });
		const families = new Set(changes.map((g) => g.family));
		expect(families).toEqual(new Set(['role', 'partnerType']));
		const amb = changes.find((g) => g.family === 'role' && g.groupId === 'ambtelijk')!;
		const best = changes.find((g) => g.family === 'role' && g.groupId === 'bestuurlijk')!;
		expect(amb.sections[0].change!.diff).toBeCloseTo(2, 12);
		expect(amb.sections[0].change!.significant).toBe(true);
		expect(best.sections[0].change!.diff).toBeCloseTo(0, 12);
		expect(best.sections[0].change!.significant).toBe(false);
	});

	it('does not test a group below the claim minimum', () => {
		const before = tallyOf(() => 2, 12);
		const now = tallyOf((i) => (i % 3 === 0 ? 5 : 4), 12);
		const changes = compareGroups(layout, groupsOf(now, partners), { tally: before, layout });
		const amb = changes.find((g) => g.groupId === 'ambtelijk')!;
		expect(amb.sections[0].change!.untested).toBe('small-group');
		expect(amb.sections[0].change!.significant).toBe(false);
	});
});

describe('buildTrend', () => {
	it('marks the rounds that asked other statements in a section', () => {
		const v1 = makeQuestionnaire(3);
		const v2 = makeQuestionnaire(3, { version: 2, extraItems: { inhoud: ['inhoud-nieuw'] } });
		const l2 = layoutOf(v2);
		const t = buildTrend(
			[
				{ meta: { id: 'a', name: 'A' }, cell: null, layout: layoutOf(v1) },
				{ meta: { id: 'b', name: 'B' }, cell: null, layout: l2 }
			],
			l2
		);
		const flags = (id: string) => t.sections.find((s) => s.sectionId === id)!.points.map((p) => p.sameItems);
		expect(flags('inhoud')).toEqual([false, true]);
		expect(flags('proces')).toEqual([true, true]);
	});
});

describe('pickMovers', () => {
	const change = (itemId: string, diff: number | null): ItemChange => ({
		itemId,
		sectionId: 's',
		text: itemId,
		reversed: false,
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
