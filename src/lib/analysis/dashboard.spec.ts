import { describe, expect, it } from 'vitest';
import { partnerTypes, roles, type Body, type Partner } from '$lib/model/network';
import type { SurveyResponse } from '$lib/model/response';
import { buildDashboard } from './dashboard';
import type { DashboardData, DashboardInput, ItemFigures, SectionFigures } from './types';
import {
	answerAll,
	closedRoundInput,
	makeQuestionnaire,
	makeResponse,
	publishedSnapshotOf,
	seeded
} from './test-fixtures';

const base = ({
	questionnaire,
	responses,
	...over
}: Partial<DashboardInput> & { questionnaire: DashboardInput['questionnaire']; responses: SurveyResponse[] }) =>
	closedRoundInput(responses, questionnaire, over);

const item = (d: DashboardData, id: string): ItemFigures => {
	const r = d.items.find((i) => i.itemId === id)!.result;
	if (r.suppressed) throw new Error(`${id} is withheld`);
	return r;
};
const section = (d: DashboardData, id: string): SectionFigures => {
	const r = d.sections.find((s) => s.sectionId === id)!.result;
	if (r.suppressed) throw new Error(`${id} is withheld`);
	return r;
};

describe('per item and per section', () => {
	const q = makeQuestionnaire(2, { reversed: ['governance-2'] });
	// inhoud-1 / inhoud-2 per respondent; 0 = weet niet, undefined = skipped.
	const inhoud: [number, number | undefined][] = [
		[5, 3],
		[4, 0],
		[2, 2],
		[3, undefined],
		[0, 0],
		[4, 4],
		[4, 4],
		[4, 4],
		[4, 4],
		[4, 4]
	];
	const responses = inhoud.map(([a, b], i) => {
		const answers: Record<string, number> = {
			'inhoud-1': a,
			'proces-1': 3,
			'proces-2': 3,
			// Two camps on relatie.
			'relatie-1': i % 2 === 0 ? 1 : 5,
			'relatie-2': i % 2 === 0 ? 1 : 5,
			'belangen-1': 3,
			'belangen-2': 3,
			'governance-1': 4,
			// Critically worded: a 2 ("oneens") is a good sign, level 6 − 2 = 4.
			'governance-2': 2
		};
		if (b !== undefined) answers['inhoud-2'] = b;
		return makeResponse(
			{ partnerId: 'kampen', role: 'ambtelijk' },
			answers,
			i === 3 ? { inhoud: 'Graag meer focus.' } : {}
		);
	});
	const d = buildDashboard(base({ questionnaire: q, responses }));

	it('counts answers, "weet niet" and the raw distribution per item', () => {
		const i1 = item(d, 'inhoud-1');
		// 5, 4, 2, 3, 4·5 answered; one weet niet.
		expect(i1.n).toBe(9);
		expect(i1.dontKnow).toBe(1);
		expect(i1.distribution).toEqual([0, 1, 1, 6, 1]);
		expect(i1.mean).toBeCloseTo(34 / 9, 12);
		expect(i1.ciLow).toBeLessThan(i1.mean);
		expect(i1.ciHigh).toBeGreaterThan(i1.mean);
		const i2 = item(d, 'inhoud-2');
		// 3, 2, 4·5 answered; two weet niet; one skipped counts nowhere.
		expect([i2.n, i2.dontKnow]).toEqual([7, 2]);
	});

	it('keeps reversed distributions raw but recodes their level', () => {
		const g2 = item(d, 'governance-2');
		expect(g2.distribution).toEqual([0, 10, 0, 0, 0]);
		expect(g2.rawMean).toBe(2);
		expect(g2.mean).toBe(4);
	});

	it('pools the section distribution with reversed items turned around', () => {
		const gov = section(d, 'governance');
		// governance-1: ten 4s; governance-2: ten raw 2s, recoded to 4.
		expect(gov.distribution).toEqual([0, 0, 0, 20, 0]);
		expect(section(d, 'inhoud').dontKnow).toBe(3);
	});

	it('takes the section level as the mean of respondent means', () => {
		// Respondent means 4, 4, 2, 3, (none), 4, 4, 4, 4, 4 → 33/9, not the pooled 59/16.
		const s = section(d, 'inhoud');
		expect(s.n).toBe(9);
		expect(s.mean).toBeCloseTo(33 / 9, 12);
	});

	it('writes the headline sentence from level and agreement', () => {
		expect(section(d, 'governance').sentence).toBe('Governance: hoog en zeer sterk gedeeld');
		const rel = section(d, 'relatie');
		expect(rel.sentence).toBe('Relatie: midden en niet gedeeld');
		expect(rel.sharedness.pattern).toBe('gepolariseerd');
		// Both relatie items: five 1s and five 5s, variance 40/9 > σ²EU = 2, so rwg 0; D = 1.
		expect(rel.sharedness).toMatchObject({ meanRwg: 0, rwgJ: 0, leikD: 1, polarisedItems: 2 });
		expect(rel.sharedness.explanation).toMatch(/2 stellingen verdelen de partners in twee kampen\.$/);
		expect(rel.quadrant?.id).toBe('zwak-verdeeld');
		expect(item(d, 'relatie-1').quadrant?.label).toBe('Niet hoog, niet sterk gedeeld');
		expect(item(d, 'governance-1').quadrant?.label).toBe('Hoog en sterk gedeeld');
	});

	it('reads the word from the mean item rwg, and keeps rwg(J) beside it', () => {
		// inhoud-1: 5, 4, 2, 3 and five 4s (n 9): variance (134 − 34²/9)/8 = 25/36, rwg 1 − 25/72 = 47/72.
		// inhoud-2: 3, 2 and five 4s (n 7): variance (93 − 25²/7)/6 = 13/21, rwg 1 − 13/42 = 29/42.
		const s = section(d, 'inhoud');
		expect(item(d, 'inhoud-1').rwg).toBeCloseTo(47 / 72, 12);
		expect(item(d, 'inhoud-2').rwg).toBeCloseTo(29 / 42, 12);
		const meanRwg = (47 / 72 + 29 / 42) / 2; // .6716: matig
		expect(s.sharedness.meanRwg).toBeCloseTo(meanRwg, 12);
		// rwg(J) from the mean variance: ratio (25/36 + 13/21)/2/2 = .3284, J = 2 → .8036: 'sterk'.
		const ratio = (25 / 36 + 13 / 21) / 4;
		expect(s.sharedness.rwgJ).toBeCloseTo((2 * (1 - ratio)) / (2 * (1 - ratio) + ratio), 12);
		expect(s.sharedness.rwgJ!).toBeGreaterThan(0.8);
		expect(s.sharedness.polarisedItems).toBe(0);
		expect(s.sentence).toBe('Inhoud: hoog en matig gedeeld');
		// The section's quadrant reads the same words: level 33/9 ≥ 3.50 (hoog), agreement .67 (matig).
		expect(s.quadrant).toMatchObject({ id: 'positief-verdeeld', agreement: s.sharedness.meanRwg });
	});

	it('shows the reviewed comments on the whole network only, none before the review', () => {
		const comments = [{ sectionId: 'inhoud', texts: ['Graag meer focus.'] }];
		const reviewed = buildDashboard(base({ questionnaire: q, responses, comments }));
		const s = reviewed.sections.find((x) => x.sectionId === 'inhoud')!;
		expect(s.comments).toEqual(['Graag meer focus.']);
		expect(s.commentsReleased).toBe(true);
		const unreviewed = d.sections.find((x) => x.sectionId === 'inhoud')!;
		expect([unreviewed.comments, unreviewed.commentsReleased]).toEqual([[], false]);
		const cell = buildDashboard(base({ questionnaire: q, responses, comments, cell: 'role:ambtelijk' }));
		expect(cell.available).toBe(true);
		expect(cell.sections.every((x) => x.comments.length === 0 && !x.commentsReleased)).toBe(true);
	});

	it('reads nothing but the snapshot: no responses, no profiles', () => {
		const input = base({ questionnaire: q, responses });
		expect(JSON.stringify(input.snapshot)).not.toContain('Graag meer focus');
		expect(JSON.stringify(input.snapshot)).not.toContain('"r-');
	});

	it('is plain JSON', () => {
		expect(JSON.parse(JSON.stringify(d))).toEqual(d);
	});

	it('ignores drafts even when handed in', () => {
		const withDraft = buildDashboard(
			base({
				questionnaire: q,
				responses: [
					...responses,
					makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, answerAll(q, 1), {}, 'draft')
				]
			})
		);
		expect(item(withDraft, 'governance-1').n).toBe(10);
		expect(withDraft.participation.submitted).toBe(10);
	});
});

describe('sharedness of a section with many statements', () => {
	// Seven statements per section, each answered 2, 2, 2, 2, 3, 4, 4, 4, 4 by nine respondents:
	// mean 3, variance 8/8 = 1, rwg = 1 − 1/2 = .5 on every item.
	const q = makeQuestionnaire(7);
	const answers = [2, 2, 2, 2, 3, 4, 4, 4, 4];
	const responses = answers.map((a) => makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, answerAll(q, a)));
	const d = buildDashboard(base({ questionnaire: q, responses }));

	it('does not let rwg(J) climb with the number of statements into "sterk gedeeld"', () => {
		const s = section(d, 'governance');
		for (let i = 1; i <= 7; i++) expect(item(d, `governance-${i}`).rwg).toBeCloseTo(0.5, 12);
		// rwg(J) = 7 · .5 / (7 · .5 + .5) = .875.
		expect(s.sharedness.rwgJ).toBeCloseTo(0.875, 12);
		expect(s.sharedness.rwgJ!).toBeGreaterThan(0.8);
		expect(s.sharedness.meanRwg).toBeCloseTo(0.5, 12);
		expect(s.sharedness.word).toBe('zwak gedeeld');
		// rwg .50 is weak and there is a valley at 3, but one peak explains nine answers this close
		// together (the G² test): no statement counts as two camps.
		expect(s.sharedness.polarisedItems).toBe(0);
		expect(s.sentence).toBe('Governance: midden en zwak gedeeld');
	});
});

describe('breakdowns and perception gaps', () => {
	const q = makeQuestionnaire(2);
	// Bestuurders answer 3 or 5 (mean 4), ambtenaren 1 or 3 (mean 2): both groups vary, so the
	// difference can be tested.
	const group = (role: 'bestuurlijk' | 'ambtelijk', partnerId: string, body: string, low: number) =>
		Array.from({ length: 12 }, (_, j) =>
			makeResponse({ partnerId, role, bodyIds: [body] }, answerAll(q, low + 2 * (j % 2)))
		);
	const responses = [
		...group('bestuurlijk', 'kampen', 'pho-economie', 3),
		...group('ambtelijk', 'windesheim', 'ao-economie', 1)
	];
	const d = buildDashboard(base({ questionnaire: q, responses }));

	it('shows and tests each group against the rest of the network', () => {
		const row = d.heatmap.rows.find((r) => r.family === 'role' && r.groupId === 'bestuurlijk')!;
		expect(row.result).toEqual({ suppressed: false, n: 12 });
		// The difference shown is the one tested: 4 against the other 12's 2, not against the whole's 3.
		expect(row.cells[0].result).toMatchObject({
			suppressed: false,
			n: 12,
			mean: 4,
			diff: 2,
			restMean: 2,
			untested: null
		});
		expect(row.cells[0].result).toMatchObject({ significant: true });
		expect(d.heatmap.reference[0]).toBe(3);
		const onderwijs = d.heatmap.rows.find((r) => r.family === 'partnerType' && r.groupId === 'onderwijs')!;
		expect(onderwijs.cells[0].result).toMatchObject({ mean: 2, diff: -2, restMean: 4 });
	});

	it('gives the bestuurlijk–ambtelijk gap per section with an interval', () => {
		const g = d.gaps.bestuurlijkAmbtelijk!;
		expect(g.a.groupId).toBe('bestuurlijk');
		expect(g.sections[0].result).toMatchObject({ suppressed: false, gap: 2, nA: 12, nB: 12, significant: true });
	});

	it('makes no claim when both groups gave identical answers (SE = 0)', () => {
		const flat = [
			...Array.from({ length: 12 }, () => makeResponse({ partnerId: 'kampen', role: 'bestuurlijk' }, answerAll(q, 4))),
			...Array.from({ length: 12 }, () => makeResponse({ partnerId: 'windesheim', role: 'ambtelijk' }, answerAll(q, 2)))
		];
		const g = buildDashboard(base({ questionnaire: q, responses: flat })).gaps.bestuurlijkAmbtelijk!;
		expect(g.sections[0].result).toMatchObject({ gap: 2, p: null, untested: 'no-variance', significant: false });
	});

	it('does not test a gap between groups below the claim minimum, and the minimum is configurable', () => {
		const small = [
			...group('bestuurlijk', 'kampen', 'pho-economie', 3).slice(0, 8),
			...group('ambtelijk', 'windesheim', 'ao-economie', 1).slice(0, 8)
		];
		const g = buildDashboard(base({ questionnaire: q, responses: small })).gaps.bestuurlijkAmbtelijk!;
		expect(g.sections[0].result).toMatchObject({ nA: 8, untested: 'small-group', significant: false });
		const lower = buildDashboard({ ...base({ questionnaire: q, responses: small }), groupClaimMinN: 8 });
		expect(lower.gaps.bestuurlijkAmbtelijk!.sections[0].result).toMatchObject({ untested: null, significant: true });
		expect(lower.claims).toEqual({ fdr: 0.03, groupMinN: 8 });
	});

	it('withholds the centre-vs-rest gap when the centre has no respondents', () => {
		const g = d.gaps.centreRest!;
		expect(g.sections.every((s) => s.result.suppressed)).toBe(true);
	});
});

describe('round comparison and trend', () => {
	const prevQ = makeQuestionnaire(2, { extraItems: { inhoud: ['inhoud-oud'] } });
	const curQ = makeQuestionnaire(2, { version: 2, extraItems: { inhoud: ['inhoud-nieuw'] } });
	const prev = [2, 3, 4, 2, 3, 4].map((v) =>
		makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, { ...answerAll(prevQ, 3), 'inhoud-1': v })
	);
	const cur = [4, 5, 4, 5, 4, 5].map((v) =>
		makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, { ...answerAll(curQ, 3), 'inhoud-1': v })
	);
	const d = buildDashboard(
		base({
			questionnaire: curQ,
			responses: cur,
			round: { id: 'najaar-2026', name: 'Najaar 2026', opensAt: '2026-10-01T00:00:00.000Z' },
			previousRounds: [
				{
					round: { id: 'voorjaar-2026', name: 'Voorjaar 2026', opensAt: '2026-04-01T00:00:00.000Z' },
					snapshot: publishedSnapshotOf(prev, prevQ),
					questionnaire: prevQ
				}
			]
		})
	);

	it('compares items with the same id using a Welch interval', () => {
		const c = d.comparison.items.find((i) => i.itemId === 'inhoud-1')!.change!;
		// 2,3,4,2,3,4 (mean 3, s² .8) → 4,5,4,5,4,5 (mean 4.5, s² .3): se = .428174, df = 8.2877,
		// t = 2.292146 → 1.5 ± .981438 = [.518562, 2.481438].
		expect(c.diff).toBeCloseTo(1.5, 12);
		expect(c.ciLow).toBeCloseTo(0.518562, 5);
		expect(c.ciHigh).toBeCloseTo(2.481438, 5);
		expect(c.significant).toBe(true);
		expect(d.comparison.items.find((i) => i.itemId === 'inhoud-nieuw')!.change).toBeNull();
		expect(d.comparison.previousRound?.id).toBe('voorjaar-2026');
	});

	it('lists the biggest improvements and a trend per section', () => {
		expect(d.movers.improvements[0].itemId).toBe('inhoud-1');
		expect(d.movers.declines).toEqual([]);
		expect(d.trend.rounds.map((r) => r.id)).toEqual(['voorjaar-2026', 'najaar-2026']);
		const inhoud = d.trend.sections.find((s) => s.sectionId === 'inhoud')!;
		expect(inhoud.points.every((p) => p.result && !p.result.suppressed)).toBe(true);
		expect(d.comparison.sections.find((s) => s.sectionId === 'proces')!.change!.diff).toBeCloseTo(0, 12);
	});
});

describe('gespreksagenda', () => {
	const q = makeQuestionnaire(3);
	const rnd = seeded(7);
	const responses = Array.from({ length: 20 }, (_, i) => {
		const bestuurlijk = i < 10;
		return makeResponse(
			{ partnerId: 'kampen', role: bestuurlijk ? 'bestuurlijk' : 'ambtelijk' },
			answerAll(q, (id) => {
				if (id === 'relatie-1') return i % 2 === 0 ? 1 : 5;
				if (id === 'proces-1') return bestuurlijk ? 5 - (i % 5 === 0 ? 1 : 0) : 3 + (i % 2);
				return 4 + (rnd() < 0.3 ? -1 : 0);
			})
		);
	});
	const d = buildDashboard(base({ questionnaire: q, responses }));

	it('puts the polarised statement first, with a Dutch question', () => {
		expect(d.agenda.length).toBeGreaterThanOrEqual(5);
		expect(d.agenda.length).toBeLessThanOrEqual(8);
		const first = d.agenda[0];
		expect(first.itemId).toBe('relatie-1');
		expect(first.reason).toBe('gepolariseerd');
		expect(first.distribution).toEqual([10, 0, 0, 0, 10]);
		expect(first.reasonText).toBe(
			'De meningen lopen sterk uiteen (rwg 0,00: niet gedeeld): 50% is het (helemaal) eens, 50% (helemaal) oneens.'
		);
		expect(first.question).toContain('‘Stelling relatie-1 over de samenwerking’');
	});

	it('names the group that differs most', () => {
		const gap = d.agenda.find((a) => a.reason === 'groepsverschil')!;
		expect(gap.itemId).toBe('proces-1');
		// Against the rest of the network (the ten ambtenaren), not the whole that contains them.
		expect(gap.group).toMatchObject({ family: 'role', groupId: 'bestuurlijk', n: 10, restN: 10 });
		expect(gap.group!.diff).toBeCloseTo(1.3, 12);
		expect(gap.reasonText).toBe(
			'Bestuurders zijn het gemiddeld meer eens met deze stelling dan de rest van het netwerk (4,8 tegen 3,5 op een schaal van 1 tot 5; duidelijk na correctie voor het aantal vergelijkingen).'
		);
		expect(gap.question).toMatch(/^Wat zien bestuurders anders als het gaat om ‘Stelling proces-1/);
	});
});

describe('scale', () => {
	it('builds a dashboard for 10,000 respondents × 30 items', () => {
		const rnd = seeded(2026);
		const q = makeQuestionnaire(6, { reversed: ['inhoud-6', 'governance-5'] });
		const itemIds = q.sections.flatMap((s) => s.items.map((i) => i.id));
		const bigPartners: Partner[] = Array.from({ length: 45 }, (_, i) => {
			const type = partnerTypes[i % partnerTypes.length];
			return {
				id: `p-${i}`,
				name: `Partner ${i}`,
				type,
				helix: type === 'onderwijs' ? 'onderwijs' : type === 'ondernemers' ? 'ondernemers' : 'overheid',
				isCentre: i === 0,
				contactName: '',
				contactEmail: '',
				archived: false
			};
		});
		const bigBodies: Body[] = Array.from({ length: 20 }, (_, i) => ({
			id: `b-${i}`,
			name: `Overleg ${i}`,
			kind: i % 2 === 0 ? 'bestuurlijk' : 'ambtelijk',
			counterpartId: null
		}));
		const generate = (n: number, shift: number): SurveyResponse[] =>
			Array.from({ length: n }, (_, r) => {
				const p = Math.floor(rnd() * bigPartners.length);
				const tilt = (p % 5) - 2;
				const answers: Record<string, number> = {};
				for (const id of itemIds) {
					const u = rnd();
					if (u < 0.03) continue;
					if (u < 0.08) answers[id] = 0;
					else answers[id] = Math.min(5, Math.max(1, Math.round(3 + shift + tilt * 0.4 + (rnd() - 0.5) * 3)));
				}
				const bodyIds: string[] = [];
				const memberships = Math.floor(rnd() * 3);
				for (let m = 0; m < memberships; m++) bodyIds.push(`b-${Math.floor(rnd() * bigBodies.length)}`);
				return makeResponse(
					{ partnerId: `p-${p}`, role: roles[Math.floor(rnd() * roles.length)], bodyIds },
					answers,
					r % 10 === 0 ? { inhoud: `Opmerking ${r}` } : {}
				);
			});
		const previous = generate(10_000, -0.2);
		const current = generate(10_000, 0);

		const net = { partners: bigPartners, bodies: bigBodies };
		const d = buildDashboard(
			closedRoundInput(
				current,
				q,
				{
					previousRounds: [
						{
							round: { id: 'vorige', name: 'Vorige ronde' },
							snapshot: publishedSnapshotOf(previous, q, net),
							questionnaire: q
						}
					]
				},
				net
			)
		);

		expect(d.available).toBe(true);
		expect(d.items).toHaveLength(30);
		expect(d.items.every((i) => !i.result.suppressed)).toBe(true);
		expect(d.sections.every((s) => !s.result.suppressed)).toBe(true);
		expect(d.heatmap.rows.filter((r) => !r.result.suppressed).length).toBeGreaterThan(30);
		expect(d.comparison.sections.every((s) => s.change !== null && s.change.diff > 0)).toBe(true);
		expect(d.agenda.length).toBeGreaterThanOrEqual(5);

		const filtered = buildDashboard(closedRoundInput(current, q, { cell: 'role:bestuurlijk' }, net));
		expect(filtered.available).toBe(true);
		expect(filtered.participation.selection).toBeGreaterThan(1_500);
		expect(filtered.heatmap.rows).toEqual([]);
	});
});

describe('scale reliability', () => {
	const q = makeQuestionnaire(3, { reversed: ['inhoud-3', 'governance-3'] });
	const rnd = seeded(21);
	const ids = ['zwolle', 'kampen', 'deventer', 'overijssel', 'windesheim', 'vno', 'wdodelta'];
	const clamp = (x: number) => Math.min(5, Math.max(1, Math.round(x)));
	// inhoud: one level per person, critical item answered turned around; governance: noise only.
	const responses = Array.from({ length: 40 }, (_, i) => {
		const level = 1 + 4 * rnd();
		return makeResponse(
			{ partnerId: ids[i % ids.length], role: i % 2 ? 'ambtelijk' : 'bestuurlijk' },
			answerAll(q, (id) =>
				id.startsWith('governance')
					? clamp(1 + 4 * rnd())
					: id === 'inhoud-3'
						? 6 - clamp(level + rnd() - 0.5)
						: clamp(level + rnd() - 0.5)
			)
		);
	});

	it('states alpha, omega, n and a verdict per section from the snapshot, for every cell', () => {
		const d = buildDashboard(base({ questionnaire: q, responses }));
		const inhoud = d.reliability!.sections.find((s) => s.sectionId === 'inhoud')!;
		expect(inhoud.n).toBe(40);
		expect(inhoud.alpha).toBeGreaterThan(0.8);
		expect(inhoud.omega).toBeGreaterThan(0.8);
		expect(inhoud.verdict).toBe('voldoende');
		expect(inhoud.items.find((it) => it.itemId === 'inhoud-3')!.reversesAsExpected).toBe(true);
		const governance = d.reliability!.sections.find((s) => s.sectionId === 'governance')!;
		expect(governance.verdict).toBe('te-laag');
		expect(governance.verdictText).toMatch(/^te laag om te middelen/);
		const filtered = buildDashboard(base({ questionnaire: q, responses, cell: 'role:ambtelijk' }));
		expect(filtered.reliability).toEqual(d.reliability);
	});

	it('is null for a snapshot published before reliability was kept', () => {
		const input = base({ questionnaire: q, responses });
		const { reliability: _r, ...old } = input.snapshot!;
		expect(buildDashboard({ ...input, snapshot: old }).reliability).toBeNull();
	});
});
