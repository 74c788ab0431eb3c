import { describe, expect, it } from 'vitest';
import { partnerSchema, type Partner, type Role } from '$lib/model/network';
import { publishedCellKey, publishedSnapshotSchema, type PublishedSnapshot } from '$lib/model/published';
import type { SurveyResponse } from '$lib/model/response';
import { samenwerkingsscan } from '$lib/questionnaires';
import { buildDemo } from '$lib/server/demo/build';
import { scaleUpResponses } from '$lib/server/demo/scale-up';
import { attackSnapshot } from './published-attacker';
import { auditPublishedSet, publishedCells, releasedTallies, type PublishedAudit } from './published-set';
import { layoutOf } from './layout';
import { answerAll, bodies, makeQuestionnaire, makeResponse, partners as basePartners } from './test-fixtures';

const q = makeQuestionnaire(2);
const layout = layoutOf(q);
const sbb = partnerSchema.parse({ id: 'sbb', name: 'SBB', type: 'sbb', helix: 'onderwijs' });

const crowd = (
	n: number,
	profile: { partnerId: string; role: Role; bodyIds?: string[] },
	value: number | ((itemId: string) => number) = 4
): SurveyResponse[] => Array.from({ length: n }, () => makeResponse(profile, answerAll(q, value)));

function publish(responses: SurveyResponse[], partners: Partner[] = basePartners, k = 5) {
	const cells = publishedCells(
		partners,
		bodies,
		responses.filter((r) => r.status === 'submitted').map((r) => r.profile),
		k
	);
	const audit = auditPublishedSet(responses, layout, cells, partners, k);
	const snap = releasedTallies(audit);
	return { cells, audit, snap };
}

const at = (snap: PublishedSnapshot, key: string) => {
	const c = snap.cells.find((x) => publishedCellKey(x.cell) === key);
	if (!c) throw new Error(`no cell ${key}`);
	return c;
};
const headcountOf = (audit: PublishedAudit, key: string) =>
	audit.headcount[audit.table.cells.findIndex((c) => publishedCellKey(c) === key)];

/** The naive attacker finds nothing and every released number is the truth. */
function expectSafe(snap: PublishedSnapshot, responses: SurveyResponse[], partners: Partner[] = basePartners) {
	const report = attackSnapshot(snap, responses, partners, q);
	expect(report.mismatches).toEqual([]);
	expect(report.attacks).toEqual([]);
}

describe('publishedCells', () => {
	it('lists the whole network, each single value of every dimension and each partner with k respondents', () => {
		const profiles = [
			...Array.from({ length: 5 }, () => ({ partnerId: 'zwolle', role: 'ambtelijk' as const, bodyIds: [] })),
			...Array.from({ length: 4 }, () => ({ partnerId: 'kampen', role: 'ambtelijk' as const, bodyIds: [] }))
		];
		const keys = publishedCells(basePartners, bodies, profiles, 5).map(publishedCellKey);
		expect(keys).toEqual([
			'all',
			'partnerType:gemeente',
			'partnerType:provincie',
			'partnerType:onderwijs',
			'partnerType:ondernemers',
			'partnerType:waterschap',
			'helix:overheid',
			'helix:onderwijs',
			'helix:ondernemers',
			'role:bestuurlijk',
			'role:ambtelijk',
			'role:raad-staten',
			'role:directie',
			'role:overig',
			'body:pho-economie',
			'body:ao-economie',
			'centre:ja',
			'centre:nee',
			// Kampen has 4 < k respondents: no cell of its own.
			'partner:zwolle'
		]);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('has no centre cells in a network without a centre municipality, and never k below 3', () => {
		const flat = basePartners.map((p) => ({ ...p, isCentre: false }));
		const profiles = Array.from({ length: 3 }, () => ({ partnerId: 'kampen', role: 'overig' as const, bodyIds: [] }));
		const cells = publishedCells(flat, [], profiles, 1);
		expect(cells.some((c) => c.dimension === 'centre')).toBe(false);
		expect(cells.filter((c) => c.dimension === 'partner').map((c) => c.value)).toEqual(['kampen']);
	});
});

describe('auditPublishedSet and releasedTallies', () => {
	it('releases a plain network and its tallies are the truth; the snapshot is valid JSON without respondents', () => {
		const responses = [
			...crowd(8, { partnerId: 'zwolle', role: 'ambtelijk' }, 4),
			...crowd(7, { partnerId: 'kampen', role: 'ambtelijk' }, 3),
			...crowd(6, { partnerId: 'windesheim', role: 'ambtelijk' }, 5),
			...crowd(3, { partnerId: 'kampen', role: 'ambtelijk' }, 4).map((r) => ({ ...r, status: 'draft' as const }))
		];
		const { snap } = publish(responses);
		const all = at(snap, 'all');
		expect(all.n).toEqual({ released: true, n: 21 });
		expect(all.items['inhoud-1']).toEqual({ released: true, counts: [0, 0, 7, 8, 6], dontKnow: 0 });
		const inhoud = all.sections.inhoud;
		expect(inhoud.released && inhoud.n).toBe(21);
		expect(inhoud.released && inhoud.sum).toBeCloseTo(7 * 3 + 8 * 4 + 6 * 5);
		expect(publishedSnapshotSchema.parse(JSON.parse(JSON.stringify(snap)))).toEqual(snap);
		expect(JSON.stringify(snap)).not.toMatch(/"r-\d+"/);
		expectSafe(snap, responses);
	});

	it('helix − partner type: withholds the onderwijs type (and Windesheim) so SBB’s 2 cannot be derived', () => {
		const partners = [...basePartners, sbb];
		const responses = [
			...crowd(10, { partnerId: 'windesheim', role: 'directie' }),
			...crowd(2, { partnerId: 'sbb', role: 'directie' }),
			...crowd(20, { partnerId: 'zwolle', role: 'ambtelijk' })
		];
		const { audit, snap } = publish(responses, partners);
		expect(headcountOf(audit, 'partnerType:sbb')).toBe('small');
		// helix onderwijs (12) − type onderwijs (10) = SBB: the smaller of the two goes, and so does
		// Windesheim's own cell, which holds the same ten people.
		expect(headcountOf(audit, 'partnerType:onderwijs')).toBe('protects-another');
		expect(headcountOf(audit, 'partner:windesheim')).toBe('protects-another');
		expect(at(snap, 'helix:onderwijs').n).toEqual({ released: true, n: 12 });
		expect(at(snap, 'partnerType:onderwijs').items['inhoud-1']).toEqual({
			released: false,
			reason: 'protects-another'
		});
		// The whole network is never the one withheld to protect another.
		expect(headcountOf(audit, 'all')).toBeNull();
		expectSafe(snap, responses, partners);
	});

	it('four-cell inclusion–exclusion is impossible with single-value cells', () => {
		// all − role − type + (role ∩ type) would need the cross cell, which is never published:
		// bestuurlijk ∩ gemeente is Kampen's 2 administrators, yet nothing needs withholding,
		// because every published cell that holds them also holds people who are not them.
		const responses = [
			...crowd(2, { partnerId: 'kampen', role: 'bestuurlijk' }),
			...crowd(5, { partnerId: 'kampen', role: 'ambtelijk' }),
			...crowd(6, { partnerId: 'deventer', role: 'ambtelijk' }),
			...crowd(6, { partnerId: 'overijssel', role: 'ambtelijk' }),
			...crowd(5, { partnerId: 'windesheim', role: 'bestuurlijk' }),
			...crowd(5, { partnerId: 'windesheim', role: 'ambtelijk' }),
			...crowd(5, { partnerId: 'vno', role: 'bestuurlijk' }),
			...crowd(5, { partnerId: 'vno', role: 'ambtelijk' })
		];
		const { audit, snap } = publish(responses);
		expect(audit.headcount.filter((d) => d === 'protects-another')).toEqual([]);
		expect(at(snap, 'role:bestuurlijk').n).toEqual({ released: true, n: 12 });
		expect(at(snap, 'partnerType:gemeente').n).toEqual({ released: true, n: 13 });
		expect(at(snap, 'partner:kampen').n).toEqual({ released: true, n: 7 });
		expectSafe(snap, responses);
	});

	it('a type that is its helix minus one person is withheld to protect that person', () => {
		// helix overheid = gemeente (12) + waterschap (1); the type is the helix minus one.
		const responses = [
			...crowd(6, { partnerId: 'zwolle', role: 'ambtelijk' }),
			...crowd(6, { partnerId: 'kampen', role: 'ambtelijk' }),
			...crowd(1, { partnerId: 'wdodelta', role: 'ambtelijk' }),
			...crowd(9, { partnerId: 'vno', role: 'ambtelijk' })
		];
		const { audit, snap } = publish(responses);
		expect(headcountOf(audit, 'partnerType:waterschap')).toBe('small');
		expect(headcountOf(audit, 'partnerType:gemeente')).toBe('protects-another');
		expect(headcountOf(audit, 'helix:overheid')).toBeNull();
		expectSafe(snap, responses);
	});

	it('section “weet niet” counts only released items, so a withheld item’s leftover cannot be read', () => {
		// Kampen’s 6 on inhoud-1: 2 answer, 1 says weet niet, 3 skip it — 3 responded, too few.
		const { 'inhoud-1': _skipped, ...skipsFirst } = answerAll(q, 3);
		const responses = [
			...crowd(20, { partnerId: 'zwolle', role: 'ambtelijk' }, 4),
			...crowd(2, { partnerId: 'kampen', role: 'ambtelijk' }, 3),
			...crowd(1, { partnerId: 'kampen', role: 'ambtelijk' }, (id) => (id === 'inhoud-1' ? 0 : 3)),
			...Array.from({ length: 3 }, () => makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, skipsFirst))
		];
		const { snap } = publish(responses);
		const kampen = at(snap, 'partner:kampen');
		expect(kampen.items['inhoud-1']).toEqual({ released: false, reason: 'small' });
		expect(kampen.items['inhoud-2']).toEqual({ released: true, counts: [0, 0, 6, 0, 0], dontKnow: 0 });
		// The whole network minus Zwolle would be Kampen’s 3 on inhoud-1: one of the two goes.
		expect(at(snap, 'partner:zwolle').items['inhoud-1']).toEqual({ released: false, reason: 'protects-another' });
		const sec = kampen.sections.inhoud;
		expect(sec.released).toBe(true);
		// 0 from inhoud-2, not 0 + 1: the withheld item adds nothing.
		if (sec.released) expect([sec.n, sec.dontKnow, sec.itemsWithheld]).toEqual([6, 0, 1]);
		expectSafe(snap, responses);
	});

	it('the total minus the shown partner types does not leave a hidden type', () => {
		// gemeente 10 + provincie 8 + onderwijs 9 + waterschap 2 = 29: all − the three shown types is
		// WDODelta’s 2, so the smallest shown type (provincie) is withheld; the helix cannot stand in.
		const responses = [
			...crowd(10, { partnerId: 'kampen', role: 'ambtelijk' }),
			...crowd(8, { partnerId: 'overijssel', role: 'ambtelijk' }),
			...crowd(9, { partnerId: 'windesheim', role: 'ambtelijk' }),
			...crowd(2, { partnerId: 'wdodelta', role: 'ambtelijk' })
		];
		const { audit, snap } = publish(responses);
		expect(headcountOf(audit, 'partnerType:waterschap')).toBe('small');
		expect(headcountOf(audit, 'partnerType:provincie')).toBe('protects-another');
		expect(headcountOf(audit, 'all')).toBeNull();
		expectSafe(snap, responses);
	});

	it('shows an item whose values or skips count 1..k−1 if k responded, and withholds it if fewer did', () => {
		// Who chose a value, or skipped, is not a group anyone can pick out by profile.
		const { 'proces-1': _p1, ...skipsFirst } = answerAll(q, 4);
		const { 'proces-2': _p2, ...skipsSecond } = answerAll(q, 4);
		const zwolle = { partnerId: 'zwolle', role: 'ambtelijk' as const };
		const responses = [
			...crowd(2, zwolle),
			...crowd(1, zwolle, (id) => (id === 'proces-1' ? 2 : 4)),
			makeResponse(zwolle, skipsFirst),
			...Array.from({ length: 6 }, () => makeResponse(zwolle, skipsSecond)),
			...crowd(12, { partnerId: 'kampen', role: 'ambtelijk' })
		];
		const { snap } = publish(responses);
		// 9 of Zwolle’s 10 responded; one answered 2 and one skipped, both shown.
		expect(at(snap, 'partner:zwolle').items['proces-1']).toEqual({
			released: true,
			counts: [0, 1, 0, 8, 0],
			dontKnow: 0
		});
		// Only 4 responded to proces-2; and the whole network minus Kampen would be those 4.
		expect(at(snap, 'partner:zwolle').items['proces-2']).toEqual({ released: false, reason: 'small' });
		expect(at(snap, 'partner:kampen').items['proces-2']).toEqual({ released: false, reason: 'protects-another' });
		expectSafe(snap, responses);
	});

	it('withholds everything when the network itself has fewer than k', () => {
		const responses = crowd(4, { partnerId: 'zwolle', role: 'ambtelijk' });
		const { audit } = publish(responses);
		expect(audit.headcount.every((d) => d === 'small')).toBe(true);
		expect(audit.items.flat().every((d) => d !== null)).toBe(true);
	});
});

describe('the published set of the demo network', () => {
	it('audits 10,000 demo responses (time logged, not asserted)', () => {
		const demo = buildDemo({ now: new Date('2026-03-03T10:00:00Z') });
		const demoLayout = layoutOf(samenwerkingsscan);
		const base = demo.rounds[1].responses.filter((r) => r.status === 'submitted');
		const responses = scaleUpResponses(base, 10_000, demo.rounds[1].round.id);
		const cells = publishedCells(
			demo.partners,
			demo.bodies,
			responses.map((r) => r.profile),
			demo.network.kAnonymity
		);
		const t0 = performance.now();
		const audit = auditPublishedSet(responses, demoLayout, cells, demo.partners, demo.network.kAnonymity);
		const t1 = performance.now();
		const snap = releasedTallies(audit);
		const t2 = performance.now();
		// A second run shows the cost once the code is compiled, as in a long-running server.
		auditPublishedSet(responses, demoLayout, cells, demo.partners, demo.network.kAnonymity);
		const t3 = performance.now();
		const released = audit.items.flat().filter((d) => d === null).length;
		console.log(
			`published set, 10,000 responses: ${cells.length} cells, ${audit.table.atoms.groups.length} atoms; ` +
				`audit ${(t1 - t0).toFixed(0)} ms (again: ${(t3 - t2).toFixed(0)} ms), tallies ${(t2 - t1).toFixed(0)} ms; ` +
				`${released} of ${audit.items.flat().length} item cells released, ${JSON.stringify(snap).length} bytes`
		);
		expect(publishedSnapshotSchema.safeParse(snap).success).toBe(true);
		expect(audit.headcount[0]).toBeNull();
	});
});
