import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roles, type Role } from '$lib/model/network';
import type { SurveyResponse } from '$lib/model/response';
import { buildDashboard } from './dashboard';
import { resolveK } from './privacy';
import { answerAll, bodies, closedRoundInput, makeQuestionnaire, makeResponse, partners } from './test-fixtures';
import type { BreakdownRow, DashboardData, DashboardInput } from './types';

/**
 * The k rule as the dashboard applies it to a closed round's published snapshot: what the audit
 * at close withheld stays withheld on every page, and an attacker who adds and subtracts what one
 * page shows finds no group of 1..k−1. (published-set.attack.spec.ts attacks the snapshot itself
 * across all cells; the stress suite does it over HTTP.)
 */

const q = makeQuestionnaire(2);
const crowd = (
	n: number,
	profile: { partnerId: string; role: Role; bodyIds?: string[] },
	value: number | ((itemId: string) => number) = 4,
	comments: Record<string, string> = {}
): SurveyResponse[] => Array.from({ length: n }, () => makeResponse(profile, answerAll(q, value), comments));

const dashboard = (responses: SurveyResponse[], over: Partial<DashboardInput> = {}): DashboardData =>
	buildDashboard(closedRoundInput(responses, q, over));
const isSafeDifference = (d: number, k: number) => d === 0 || d >= k;

const row = (d: DashboardData, family: string, groupId: string): BreakdownRow =>
	d.heatmap.rows.find((r) => r.family === family && r.groupId === groupId)!;

/** A withheld row carries no number anywhere, not even in its cells. */
const expectNoNumbers = (r: BreakdownRow) => {
	expect(r.result.suppressed).toBe(true);
	expect(JSON.stringify(r)).not.toMatch(/"(n|mean|diff)":/);
};

// --- independent attacker -------------------------------------------------------------------
// Ground truth: which respondents sit behind every shown number. The attacker adds and subtracts
// up to three shown sets (selection included) and looks for 1..k−1 respondents left over.

const partnerOf = new Map(partners.map((p) => [p.id, p]));
function truthKeys(r: SurveyResponse): string[] {
	const p = partnerOf.get(r.profile.partnerId);
	const keys = [`role:${r.profile.role}`, ...r.profile.bodyIds.map((b) => `body:${b}`)];
	if (p) keys.push(`partnerType:${p.type}`, `helix:${p.helix}`, `centre:${p.isCentre ? 'ja' : 'nee'}`);
	return keys;
}
const hasSectionLevel = (r: SurveyResponse, sectionId: string) =>
	q.sections.find((s) => s.id === sectionId)!.items.some((it) => (r.answers[it.id] ?? 0) > 0);

const inCell = (r: SurveyResponse, cell: string) => cell === 'all' || truthKeys(r).includes(cell);

function attack(d: DashboardData, responses: SurveyResponse[], cell = 'all'): string[] {
	const problems: string[] = [];
	if (!d.available) return problems;
	const inSel = responses.filter((r) => inCell(r, cell));
	d.heatmap.sections.forEach(({ sectionId }, s) => {
		const base = inSel.filter((r) => hasSectionLevel(r, sectionId));
		const sets: { name: string; members: Set<SurveyResponse> }[] = [];
		if (d.heatmap.reference[s] !== null) sets.push({ name: 'selectie', members: new Set(base) });
		for (const rw of d.heatmap.rows) {
			const cell = rw.cells[s].result;
			if (cell.suppressed) continue;
			const key = `${rw.family}:${rw.groupId}`;
			const members = new Set(base.filter((r) => truthKeys(r).includes(key)));
			if (members.size !== cell.n) problems.push(`${key}/${sectionId}: n ${cell.n} ≠ ${members.size}`);
			sets.push({ name: key, members });
		}
		const vectors = sets.map((x) => base.map((r) => (x.members.has(r) ? 1 : 0)));
		const check = (combo: number[], signs: number[]) => {
			let ones = 0;
			for (let m = 0; m < base.length; m++) {
				let v = 0;
				for (let c = 0; c < combo.length; c++) v += signs[c] * vectors[combo[c]][m];
				if (v !== 0 && v !== 1) return;
				ones += v;
			}
			if (ones > 0 && ones < d.k)
				problems.push(
					`${sectionId}: ${combo.map((c, i) => (signs[i] > 0 ? '+' : '−') + sets[c].name).join(' ')} = ${ones}`
				);
		};
		const S = sets.length;
		for (let a = 0; a < S; a++) {
			check([a], [1]);
			for (let b = a + 1; b < S; b++) {
				for (const sb of [1, -1]) check([a, b], [1, sb]);
				check([a, b], [-1, 1]);
				for (let c = b + 1; c < S; c++)
					for (const sa of [1, -1]) for (const sb of [1, -1]) for (const sc of [1, -1]) check([a, b, c], [sa, sb, sc]);
			}
		}
	});
	return problems;
}

describe('k', () => {
	it('defaults to 5 and is never below 3', () => {
		expect(resolveK(undefined)).toBe(5);
		expect(resolveK(null)).toBe(5);
		expect(resolveK(1)).toBe(3);
		expect(resolveK(2)).toBe(3);
		expect(resolveK(4.2)).toBe(5);
		expect(resolveK(10)).toBe(10);
		expect(() => resolveK(Number.NaN)).toThrow(RangeError);
		expect(() => resolveK(Number.POSITIVE_INFINITY)).toThrow(RangeError);
	});

	it('a k of 1 still hides a group of 2', () => {
		const d = dashboard(
			[
				...crowd(20, { partnerId: 'kampen', role: 'bestuurlijk' }),
				...crowd(2, { partnerId: 'vno', role: 'bestuurlijk' })
			],
			{ k: 1 }
		);
		expect(d.k).toBe(3);
		expectNoNumbers(row(d, 'partnerType', 'ondernemers'));
	});
});

describe('a small group cannot be read directly', () => {
	const responses = [
		...crowd(30, { partnerId: 'kampen', role: 'bestuurlijk' }),
		...crowd(20, { partnerId: 'windesheim', role: 'ambtelijk' }),
		...crowd(3, { partnerId: 'wdodelta', role: 'ambtelijk' }, 1)
	];
	const d = dashboard(responses);

	it('returns the group as suppressed, without numbers', () => {
		const w = row(d, 'partnerType', 'waterschap');
		expectNoNumbers(w);
		expect(w.result).toEqual({ suppressed: true, reason: 'small' });
	});

	it('also hides a larger group that differs from another by the small one', () => {
		// helix overheid (33) − type gemeente (30) = the 3 from the waterschap.
		const shown = [row(d, 'helix', 'overheid'), row(d, 'partnerType', 'gemeente')].filter((r) => !r.result.suppressed);
		expect(shown.length).toBeLessThan(2);
		expect(attack(d, responses)).toEqual([]);
	});
});

describe('a small group cannot be read through its complement', () => {
	// "All partners except Zwolle" would give away Zwolle's 3 respondents.
	const responses = [
		...crowd(3, { partnerId: 'zwolle', role: 'bestuurlijk' }, 1),
		...crowd(15, { partnerId: 'kampen', role: 'bestuurlijk' }),
		...crowd(15, { partnerId: 'windesheim', role: 'ambtelijk' })
	];
	const d = dashboard(responses);

	it('suppresses the centre and the rest', () => {
		expectNoNumbers(row(d, 'centre', 'ja'));
		expectNoNumbers(row(d, 'centre', 'nee'));
		expect(row(d, 'centre', 'nee').result).toEqual({ suppressed: true, reason: 'derivable' });
		expect(d.gaps.centreRest!.sections.every((s) => s.result.suppressed)).toBe(true);
		expect(attack(d, responses)).toEqual([]);
	});

	it('keeps groups whose complement is large enough', () => {
		expect(row(d, 'partnerType', 'onderwijs').result).toEqual({ suppressed: false, n: 15 });
	});
});

describe('a small group cannot be read as the rest of a breakdown', () => {
	const responses = [
		...crowd(20, { partnerId: 'kampen', role: 'ambtelijk' }),
		...crowd(20, { partnerId: 'windesheim', role: 'ambtelijk' }),
		...crowd(2, { partnerId: 'vno', role: 'ambtelijk' }, 1)
	];
	const d = dashboard(responses);

	it('hides one more partner type so that the rest is not two people', () => {
		expectNoNumbers(row(d, 'partnerType', 'ondernemers'));
		const shownTypes = d.heatmap.rows.filter((r) => r.family === 'partnerType' && !r.result.suppressed);
		expect(shownTypes.length).toBeLessThanOrEqual(1);
		expect(attack(d, responses)).toEqual([]);
	});
});

describe('"weet niet" makes cells smaller than rows', () => {
	// Overijssel has 6 respondents, but only 3 answer the governance items.
	const responses = [
		...crowd(20, { partnerId: 'kampen', role: 'ambtelijk' }),
		...crowd(20, { partnerId: 'windesheim', role: 'ambtelijk' }),
		...crowd(3, { partnerId: 'overijssel', role: 'ambtelijk' }),
		...crowd(3, { partnerId: 'overijssel', role: 'ambtelijk' }, (id) => (id.startsWith('governance') ? 0 : 4))
	];
	const d = dashboard(responses);

	it('suppresses the cell, also where it would follow from a difference', () => {
		const prov = row(d, 'partnerType', 'provincie');
		expect(prov.result).toEqual({ suppressed: false, n: 6 });
		const gov = d.heatmap.sections.findIndex((s) => s.sectionId === 'governance');
		expect(prov.cells[gov].result).toEqual({ suppressed: true, reason: 'small' });
		expect(prov.cells[0].result.suppressed).toBe(false);
		expect(attack(d, responses)).toEqual([]);
	});
});

describe('overlapping bodies', () => {
	// 20 bestuurders of Kampen in the PHO, plus 2 ambtenaren who also attend it.
	const responses = [
		...crowd(20, { partnerId: 'kampen', role: 'bestuurlijk', bodyIds: ['pho-economie'] }),
		...crowd(2, { partnerId: 'kampen', role: 'ambtelijk', bodyIds: ['pho-economie', 'ao-economie'] }, 1),
		...crowd(20, { partnerId: 'windesheim', role: 'ambtelijk', bodyIds: ['ao-economie'] })
	];

	it('do not reveal the two ambtenaren as PHO minus bestuurders', () => {
		const d = dashboard(responses);
		const pho = row(d, 'body', 'pho-economie');
		const best = row(d, 'role', 'bestuurlijk');
		expect(pho.result.suppressed || best.result.suppressed).toBe(true);
		// Also selection − bestuurders − onderwijs and PHO + ambtelijk − selection are those two,
		// so more goes; but not everything.
		expect(d.heatmap.rows.some((r) => !r.result.suppressed)).toBe(true);
		expect(attack(d, responses)).toEqual([]);
	});

	it('do not reveal them on the bestuurders’ page either, which has no breakdowns inside it', () => {
		const d = dashboard(responses, { cell: 'role:bestuurlijk' });
		const whole = dashboard(responses);
		expect(d.heatmap.rows).toEqual([]);
		// The cell's figures are the whole view's row for it, or withheld on both.
		expect(d.participation.selection === null).toBe(row(whole, 'role', 'bestuurlijk').result.suppressed);
	});
});

describe('a cell whose difference from the whole network is fewer than k', () => {
	const responses = [
		...crowd(30, { partnerId: 'kampen', role: 'bestuurlijk' }, 4),
		...crowd(3, { partnerId: 'kampen', role: 'raad-staten' }, 1)
	];

	it('is withheld to protect the few it leaves out, with a notice that says so', () => {
		const d = dashboard(responses, { cell: 'role:bestuurlijk' });
		expect(d.available).toBe(false);
		expect(d.notice).toMatch(/groep van minder dan 5/);
		expect(d.items.every((i) => i.result.suppressed)).toBe(true);
		expect(d.participation.selection).toBeNull();
		expect(dashboard(responses).available).toBe(true);
	});

	it('is withheld as too small when it is itself below k', () => {
		const d = dashboard(responses, { cell: 'role:raad-staten' });
		expect(d.available).toBe(false);
		expect(d.notice).toMatch(/Te weinig respondenten/);
	});

	it('says so for a cell the round did not publish at all', () => {
		expect(dashboard(responses, { cell: 'partner:bestaat-niet' }).notice).toMatch(/niet gepubliceerd/);
	});
});

describe('comments and distributions', () => {
	it('are only returned for sections with k respondents, as reviewed bare text', () => {
		const responses = [
			...crowd(3, { partnerId: 'kampen', role: 'bestuurlijk' }, 4, { inhoud: 'Zeker.', belangen: 'Weinig.' }),
			...crowd(3, { partnerId: 'kampen', role: 'bestuurlijk' }, (id) => (id.startsWith('belangen') ? 0 : 3), {
				inhoud: 'Aandacht voor tempo.'
			})
		];
		const comments = [
			{ sectionId: 'inhoud', texts: ['Zeker.', 'Aandacht voor tempo.'] },
			{ sectionId: 'belangen', texts: ['Weinig.'] }
		];
		const d = dashboard(responses, { comments });
		const inhoud = d.sections.find((s) => s.sectionId === 'inhoud')!;
		expect(inhoud.comments).toEqual(['Zeker.', 'Aandacht voor tempo.']);
		expect(inhoud.comments.every((c) => typeof c === 'string')).toBe(true);
		// Only 3 gave a level for belangen: no figures and no comments.
		const belangen = d.sections.find((s) => s.sectionId === 'belangen')!;
		expect(belangen.result.suppressed).toBe(true);
		expect(belangen.commentsReleased).toBe(false);
		expect(belangen.comments).toEqual([]);
		// Its statements are shown: six responded, three of them "weet niet".
		const item = d.items.find((i) => i.itemId === 'belangen-1')!;
		expect(item.result).toMatchObject({ suppressed: false, n: 3, dontKnow: 3 });
	});
});

describe('the agenda', () => {
	// The claim minimum (GROUP_CLAIM_MIN_N, 10) would keep a group of 5 off the agenda by itself;
	// set low here so that what these cases test is the k rule alone.
	const agendaOf = (responses: SurveyResponse[]) => dashboard(responses, { groupClaimMinN: 2 });
	/** n people alternating between `value` and `value` + 1, so every group varies and can be tested. */
	const varied = (
		n: number,
		profile: { partnerId: string; role: Role },
		value: (itemId: string) => number
	): SurveyResponse[] =>
		Array.from({ length: n }, (_, j) =>
			makeResponse(
				profile,
				answerAll(q, (id) => (value(id) === 0 ? 0 : value(id) + (j % 2)))
			)
		);
	// The 4 (k − 1) of VNO answer 1 where the rest answer 4 or 5: unhidden, they would be the
	// largest group difference on every item. Three large groups, so that hiding VNO and one
	// more to close the rest of the breakdown still leaves a group the agenda may name.
	const agendaCrowd = (small: number) => [
		...crowd(20, { partnerId: 'kampen', role: 'bestuurlijk' }, 5),
		...crowd(20, { partnerId: 'windesheim', role: 'ambtelijk' }, 4),
		...crowd(15, { partnerId: 'overijssel', role: 'ambtelijk' }, 5),
		...crowd(small, { partnerId: 'vno', role: 'directie' }, 1)
	];
	const smallIds = ['ondernemers', 'directie'];

	it('never names a group below k, however much it differs', () => {
		const d = agendaOf(agendaCrowd(4));
		const named = d.agenda.filter((a) => a.group);
		// Without group items the checks below would pass on an empty list.
		expect(named.length).toBeGreaterThan(0);
		for (const a of named) expect(smallIds).not.toContain(a.group!.groupId);
		for (const a of named) expect(a.group!.n).toBeGreaterThanOrEqual(5);
	});

	it('names that same group once it reaches k, so the case above really rests on hiding', () => {
		const d = agendaOf(agendaCrowd(5));
		const named = d.agenda.filter((a) => a.group && smallIds.includes(a.group.groupId));
		expect(named.length).toBeGreaterThan(0);
		for (const a of named) expect(a.group!.n).toBe(5);
	});

	// Six at VNO, but only some answer inhoud-1 on the scale (the others "weet niet"), and only
	// there do they differ: the group's headcount passes, its answers on the item decide.
	const itemCrowd = (answering: number) => [
		...varied(20, { partnerId: 'kampen', role: 'bestuurlijk' }, () => 4),
		...varied(20, { partnerId: 'windesheim', role: 'ambtelijk' }, () => 4),
		...varied(answering, { partnerId: 'vno', role: 'directie' }, (id) => (id === 'inhoud-1' ? 1 : 4)),
		...varied(6 - answering, { partnerId: 'vno', role: 'directie' }, (id) => (id === 'inhoud-1' ? 0 : 4))
	];

	it('quotes a group on an item that exactly k of them answered', () => {
		const d = agendaOf(itemCrowd(5));
		expect(row(d, 'partnerType', 'ondernemers').result).toEqual({ suppressed: false, n: 6 });
		const gap = d.agenda.find((a) => a.itemId === 'inhoud-1' && a.reason === 'groepsverschil');
		expect(gap?.group).toMatchObject({ n: 5 });
		expect(smallIds).toContain(gap!.group!.groupId);
	});

	it('does not quote it when k − 1 of them answered the item', () => {
		const d = agendaOf(itemCrowd(4));
		expect(row(d, 'partnerType', 'ondernemers').result).toEqual({ suppressed: false, n: 6 });
		expect(d.agenda.filter((a) => a.group)).toEqual([]);
	});
});

describe('the k − 1 edge', () => {
	const full = (n: number) => crowd(n, { partnerId: 'kampen', role: 'bestuurlijk' });

	it('shows a network of exactly k and withholds one of k − 1', () => {
		const five = dashboard(full(5));
		expect(five.available).toBe(true);
		expect(five.items[0].result).toMatchObject({ suppressed: false, n: 5 });
		const four = dashboard(full(4));
		expect(four.available).toBe(false);
		expect(four.notice).toMatch(/te weinig/i);
		expect(four.items.every((i) => i.result.suppressed)).toBe(true);
	});

	it('shows an item exactly k responded to and withholds one k − 1 responded to', () => {
		// "Weet niet" is an answer a person gave; skipping is not.
		const skipping = (skip: (id: string) => boolean) => {
			const r = makeResponse({ partnerId: 'kampen', role: 'bestuurlijk' }, answerAll(q, 4));
			for (const id of Object.keys(r.answers)) if (skip(id)) delete r.answers[id];
			return r;
		};
		const responses = [
			...full(4),
			...crowd(1, { partnerId: 'kampen', role: 'bestuurlijk' }, (id) => (id === 'inhoud-1' ? 0 : 4)),
			skipping((id) => id === 'inhoud-2'),
			skipping((id) => id === 'inhoud-2')
		];
		const d = dashboard(responses);
		const item = (id: string) => d.items.find((i) => i.itemId === id)!.result;
		expect(item('inhoud-1')).toMatchObject({ suppressed: false, n: 6, dontKnow: 1 });
		expect(item('proces-1')).toMatchObject({ suppressed: false, n: 7 });
		const d2 = dashboard([...full(4), skipping((id) => id === 'inhoud-2'), skipping((id) => id === 'inhoud-2')]);
		expect(d2.items.find((i) => i.itemId === 'inhoud-2')!.result).toEqual({ suppressed: true, reason: 'small' });
	});

	const beside = (n: number) => [
		...crowd(20, { partnerId: 'kampen', role: 'bestuurlijk' }),
		...crowd(20, { partnerId: 'windesheim', role: 'ambtelijk' }),
		...crowd(n, { partnerId: 'vno', role: 'directie' }, 1)
	];

	it('shows a group of exactly k and withholds one of k − 1 as small', () => {
		const shown = dashboard(beside(5));
		expect(row(shown, 'partnerType', 'ondernemers').result).toEqual({ suppressed: false, n: 5 });
		expect(row(shown, 'partnerType', 'ondernemers').cells.every((c) => !c.result.suppressed)).toBe(true);
		// 'small', not merely hidden: a later pass would also hide it, but for another reason.
		expect(row(dashboard(beside(4)), 'partnerType', 'ondernemers').result).toEqual({
			suppressed: true,
			reason: 'small'
		});
	});

	// Provincie Overijssel: 6 there, of whom some give no level for governance ("weet niet").
	const governance = (answering: number) => [
		...crowd(20, { partnerId: 'kampen', role: 'ambtelijk' }),
		...crowd(20, { partnerId: 'windesheim', role: 'ambtelijk' }),
		...crowd(answering, { partnerId: 'overijssel', role: 'ambtelijk' }),
		...crowd(6 - answering, { partnerId: 'overijssel', role: 'ambtelijk' }, (id) =>
			id.startsWith('governance') ? 0 : 4
		)
	];

	it('shows a section cell exactly k answered and withholds one k − 1 answered as small', () => {
		for (const [answering, expected] of [
			[5, { suppressed: false, n: 5 }],
			[4, { suppressed: true, reason: 'small' }]
		] as const) {
			const d = dashboard(governance(answering));
			const gov = d.heatmap.sections.findIndex((s) => s.sectionId === 'governance');
			const prov = row(d, 'partnerType', 'provincie');
			expect(prov.result).toEqual({ suppressed: false, n: 6 });
			expect(prov.cells[gov].result).toMatchObject(expected);
			expect(attack(d, governance(answering))).toEqual([]);
		}
	});

	it('audits section cells again when "weet niet" leaves k − 1 where the headcount had more', () => {
		// Every shown group keeps ≥ k in governance, yet ambtelijk − onderwijs is the 4 Overijssel
		// ambtenaren who answered it (6 by headcount, a safe difference).
		const responses = [
			...crowd(20, { partnerId: 'kampen', role: 'bestuurlijk' }),
			...crowd(20, { partnerId: 'windesheim', role: 'ambtelijk' }),
			...crowd(6, { partnerId: 'overijssel', role: 'bestuurlijk' }),
			...crowd(4, { partnerId: 'overijssel', role: 'ambtelijk' }),
			...crowd(2, { partnerId: 'overijssel', role: 'ambtelijk' }, (id) => (id.startsWith('governance') ? 0 : 4))
		];
		const d = dashboard(responses);
		const gov = d.heatmap.sections.findIndex((s) => s.sectionId === 'governance');
		expect(row(d, 'role', 'ambtelijk').result).toEqual({ suppressed: false, n: 26 });
		expect(row(d, 'partnerType', 'onderwijs').result).toEqual({ suppressed: false, n: 20 });
		const pair = [row(d, 'role', 'ambtelijk'), row(d, 'partnerType', 'onderwijs')];
		expect(pair.some((r) => r.cells[gov].result.suppressed)).toBe(true);
		expect(attack(d, responses)).toEqual([]);
	});
});

describe('property: no shown combination isolates fewer than k respondents', () => {
	const profile = fc.record({
		partnerId: fc.constantFrom(...partners.map((p) => p.id), 'verdwenen-partner'),
		role: fc.constantFrom(...roles),
		bodyIds: fc.subarray(bodies.map((b) => b.id))
	});
	const answers = fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }), {
		minLength: 10,
		maxLength: 10
	});
	const cell = fc.constantFrom(
		'all',
		...roles.map((r) => `role:${r}`),
		'partnerType:gemeente',
		'partnerType:onderwijs',
		'helix:overheid',
		'body:pho-economie',
		'body:ao-economie',
		'centre:nee'
	);
	const itemIds = q.sections.flatMap((s) => s.items.map((i) => i.id));

	it('holds for random networks, k and cells', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(profile, answers), { minLength: 4, maxLength: 45 }),
				fc.integer({ min: 3, max: 6 }),
				cell,
				(people, k, f) => {
					const responses = people.map(([p, a]) => {
						const rec: Record<string, number> = {};
						a.forEach((v, i) => {
							if (v !== undefined) rec[itemIds[i]] = v;
						});
						return makeResponse(p, rec, { inhoud: 'x' });
					});
					const d = dashboard(responses, { k, cell: f });
					expect(attack(d, responses, f)).toEqual([]);

					const sel = responses.filter((r) => inCell(r, f));
					if (!d.available) {
						expect(d.items.every((i) => i.result.suppressed)).toBe(true);
						return;
					}
					expect(sel.length).toBeGreaterThanOrEqual(k);
					// Against the unfiltered network: neither the selection nor a shown group differs by 1..k−1.
					expect(isSafeDifference(responses.length - sel.length, k)).toBe(true);
					for (const rw of d.heatmap.rows) {
						if (rw.result.suppressed) continue;
						const key = `${rw.family}:${rw.groupId}`;
						const inNetwork = responses.filter((r) => truthKeys(r).includes(key)).length;
						expect(isSafeDifference(inNetwork - rw.result.n, k)).toBe(true);
					}
					// Released item figures and distributions always rest on k people who responded.
					for (const it of d.items)
						if (!it.result.suppressed) expect(it.result.n + it.result.dontKnow).toBeGreaterThanOrEqual(k);
					// A quoted group rests on k answers, and the rest of the network who responded to
					// the statement (value or "weet niet") is 0 or at least k as well.
					for (const a of d.agenda)
						if (a.group) {
							expect(a.group.n).toBeGreaterThanOrEqual(k);
							const responded = sel.filter((r) => typeof r.answers[a.itemId] === 'number');
							const key = `${a.group.family}:${a.group.groupId}`;
							const inGroup = responded.filter((r) => truthKeys(r).includes(key)).length;
							expect(isSafeDifference(responded.length - inGroup, k)).toBe(true);
						}
				}
			),
			{ numRuns: 150 }
		);
	});
});
