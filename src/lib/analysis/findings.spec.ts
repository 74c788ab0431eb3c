import { describe, expect, it } from 'vitest';
import { buildDashboard } from './dashboard';
import { anchors, participationSentence, topFindings } from './findings';
import type { DashboardData } from './types';
import { answerAll, closedRoundInput, makeQuestionnaire, makeResponse, publishedSnapshotOf } from './test-fixtures';

const q = makeQuestionnaire(2);
const round = { id: 'najaar', name: 'Najaar 2026', opensAt: '2026-10-01T00:00:00.000Z' };
const previous = (answers: number[]) => [
	{
		round: { id: 'voorjaar', name: 'Voorjaar 2026', opensAt: '2026-04-01T00:00:00.000Z' },
		snapshot: publishedSnapshotOf(
			answers.map((v) => makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, answerAll(q, v))),
			q
		),
		questionnaire: q
	}
];

/** 24 people, all between 3 and 4 everywhere: nothing divided, no groups apart. */
const calm = Array.from({ length: 24 }, (_, i) =>
	makeResponse(
		{ partnerId: i % 2 ? 'kampen' : 'windesheim', role: i % 3 ? 'ambtelijk' : 'bestuurlijk' },
		answerAll(q, 3 + (i % 2))
	)
);

const find = (d: DashboardData, kind: string) => topFindings(d).find((f) => f.kind === kind)!;

describe('topFindings', () => {
	it('says nothing while the page shows no results (an open round)', () => {
		const d = buildDashboard({ ...closedRoundInput(calm, q), snapshot: null });
		expect(d.available).toBe(false);
		expect(topFindings(d)).toEqual([]);
	});

	it('on a calm round claims nothing: no camps, no group difference, no earlier round', () => {
		const d = buildDashboard(closedRoundInput(calm, q, { round }));
		const f = topFindings(d);
		expect(f.map((x) => x.kind)).toEqual(['verdeeld', 'groepsverschil', 'verandering']);
		expect(f.every((x) => !x.found)).toBe(true);
		expect(f[0].sentence).toMatch(/^Over geen enkele stelling zijn de partners sterk verdeeld/);
		expect(f[0].anchor).toBe(anchors.agendaItem(d.agenda[0].itemId));
		expect(f[1].sentence).toMatch(/^Geen duidelijke groepsverschillen/);
		expect(f[1].anchor).toBe('groepen');
		expect(f[2].sentence).toBe('Er is nog geen eerdere meetronde om mee te vergelijken.');
	});

	it('names the statement that splits the partners in two camps, with the shares', () => {
		const split = Array.from({ length: 20 }, (_, i) =>
			makeResponse({ partnerId: 'kampen', role: 'ambtelijk' }, { ...answerAll(q, 4), 'governance-1': i % 2 ? 1 : 5 })
		);
		const f = find(buildDashboard(closedRoundInput(split, q, { round })), 'verdeeld');
		expect(f.found).toBe(true);
		expect(f.sentence).toBe(
			'De partners staan in twee kampen bij ‘Stelling governance-1 over de samenwerking’: 50% is het eens, 50% oneens.'
		);
		expect(f.anchor).toBe('agenda-governance-1');
	});

	it('reports the largest group difference that survived the correction, and only such', () => {
		const apart = [
			...Array.from({ length: 12 }, (_, i) =>
				makeResponse({ partnerId: 'kampen', role: 'bestuurlijk' }, answerAll(q, 4 + (i % 2)))
			),
			...Array.from({ length: 12 }, (_, i) =>
				makeResponse({ partnerId: 'windesheim', role: 'ambtelijk' }, answerAll(q, 2 + (i % 2)))
			)
		];
		const d = buildDashboard(closedRoundInput(apart, q, { round }));
		const f = find(d, 'groepsverschil');
		expect(f.found).toBe(true);
		expect(f.sentence).toMatch(
			/^(Bestuurders|Ambtenaren|Deelnemers .*) zijn over \w+ duidelijk (positiever|kritischer) dan /
		);
		expect(f.sentence).toContain('tegen');
		expect(['beeldverschillen', 'groepen']).toContain(f.anchor);

		// The same figures with every test flag off: the finding must not claim the difference.
		const unflagged: DashboardData = structuredClone(d);
		for (const g of [unflagged.gaps.bestuurlijkAmbtelijk, unflagged.gaps.centreRest])
			g?.sections.forEach((s) => !s.result.suppressed && (s.result.significant = false));
		unflagged.heatmap.rows.forEach((r) =>
			r.cells.forEach((c) => !c.result.suppressed && (c.result.significant = false))
		);
		unflagged.agenda = unflagged.agenda.filter((a) => a.reason !== 'groepsverschil');
		const none = find(unflagged, 'groepsverschil');
		expect(none.found).toBe(false);
		expect(none.sentence).toMatch(/geen duidelijke groepsverschillen/i);
	});

	it('on a filtered page leaves group differences to the whole network', () => {
		const f = find(buildDashboard(closedRoundInput(calm, q, { round, cell: 'role:ambtelijk' })), 'groepsverschil');
		expect(f.found).toBe(false);
		expect(f.sentence).toMatch(/staan bij het hele netwerk/);
	});

	it('names the clearest change since the previous round, and the other clear ones', () => {
		const d = buildDashboard(closedRoundInput(calm, q, { round, previousRounds: previous(Array(12).fill(2)) }));
		const f = find(d, 'verandering');
		expect(f.found).toBe(true);
		expect(f.title).toBe('Verandering sinds Voorjaar 2026');
		expect(f.sentence).toMatch(
			/^Sinds Voorjaar 2026 ging \w+ het duidelijkst vooruit, van 2,0 naar 3,5; ook .* gingen duidelijk vooruit\.$/
		);
		expect(f.anchor).toBe('verandering-per-perspectief');
	});

	it('says so when nothing changed clearly', () => {
		const same = Array.from({ length: 24 }, (_, i) => 3 + (i % 2));
		const f = find(buildDashboard(closedRoundInput(calm, q, { round, previousRounds: previous(same) })), 'verandering');
		expect(f.found).toBe(false);
		expect(f.sentence).toBe(
			'Sinds Voorjaar 2026 is niets duidelijk veranderd: geen perspectief en geen stelling ging duidelijk vooruit of achteruit.'
		);
		expect(f.anchor).toBe('ontwikkeling');
	});
});

describe('participationSentence', () => {
	it('says who took part, and the selection on a filtered page', () => {
		const d = buildDashboard(closedRoundInput(calm, q, { round }));
		expect(participationSentence(d.participation)).toBe('24 van de 100 uitgenodigden deden mee (24%).');
		const f = buildDashboard(closedRoundInput(calm, q, { round, cell: 'role:ambtelijk' }));
		expect(participationSentence(f.participation, f.cell)).toBe(
			`24 van de 100 uitgenodigden deden mee (24%); 16 van hen in deze selectie (${f.cell.label}).`
		);
	});
});
