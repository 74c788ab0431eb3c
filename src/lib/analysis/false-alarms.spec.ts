import { describe, expect, it } from 'vitest';
import { partnerSchema, type Partner } from '$lib/model/network';
import { DONT_KNOW, type Questionnaire } from '$lib/model/questionnaire';
import type { SurveyResponse } from '$lib/model/response';
import { samenwerkingsscan } from '$lib/questionnaires/samenwerkingsscan';
import { buildBodies } from '$lib/server/demo/bodies';
import { demoPartners } from '$lib/server/demo/partners';
import { createRng, type Rng } from '$lib/server/demo/random';
import { buildRespondents, type DemoPerson } from '$lib/server/demo/respondents';
import { buildDashboard } from './dashboard';
import { layoutOf } from './layout';
import { HEADCOUNT, publishedCells, releasedTallies, tabulateCells, type PublishedAudit } from './published-set';
import { makeResponse } from './test-fixtures';
import type { DashboardData, PublishedRoundInput } from './types';

/**
 * Issue 14: "a claim is made only when it survives chance". Seeded simulation of demo-like
 * rounds (the demo's 43 partners and their people, about two in three responding, the
 * samenwerkingsscan's 35 statements), first with answers drawn independently for everyone from
 * one distribution, so that there is no true difference between groups or rounds at all. Every
 * "duidelijk" the page then says is a false alarm.
 */

/**
 * Measured at commit c6b52ae, before the correction, with this kind of data (issue 14):
 * the agenda listed "groepsverschil" items in every run (4 of them; median group n = 9), at
 * least one of the 10 perception gaps was called significant in 45% of runs, at least one of the
 * 35 item changes between rounds in 80%, and ten "movers" were listed every time.
 */
const BASELINE_C6B52AE = {
	agendaGroupItem: 1.0,
	agendaGroupItemsPerRun: 4,
	anyGapSignificant: 0.45,
	anyItemChangeSignificant: 0.8,
	moversListed: 10
} as const;

const SEED = 14;
const NULL_RUNS = 300;
const POWER_RUNS = 60;
/**
 * The limit from the issue: with no true effect, each family calls something out in at most 5%
 * of runs. The page corrects at FDR 3% (stats.ts explains why not 5%).
 */
const FALSE_ALARM_MAX = 0.05;

const q: Questionnaire = samenwerkingsscan;
const layout = layoutOf(q);
const itemIds = layout.items.map((it) => it.id);
const partners: Partner[] = demoPartners.map((p) => partnerSchema.parse(p.partner));
const bodies = buildBodies();
const people: DemoPerson[] = buildRespondents(createRng(SEED).fork('respondents'), demoPartners);
const K = 5;

/** One answer distribution for everyone (raw answers 1..5), plus 5% "weet niet". */
const ANSWER_SHARES = [0.06, 0.14, 0.3, 0.35, 0.15];
function draw(rng: Rng, shift = 0): number {
	if (rng.chance(0.05)) return DONT_KNOW;
	let u = rng.next();
	let v = 1;
	for (; v < 5 && u >= ANSWER_SHARES[v - 1]; v++) u -= ANSWER_SHARES[v - 1];
	return Math.min(5, Math.max(1, v + shift));
}

type Shift = (person: DemoPerson, itemId: string) => number;

function round(rng: Rng, shift: Shift = () => 0): SurveyResponse[] {
	return people
		.filter(() => rng.chance(0.65))
		.map((p) => {
			const answers: Record<string, number> = {};
			for (const id of itemIds) answers[id] = draw(rng, shift(p, id));
			const { partnerId, role, bodyIds } = p.respondent;
			return makeResponse({ partnerId, role, bodyIds }, answers);
		});
}

/**
 * The snapshot closing would publish, with the k rule per cell but without the derivability
 * audit (which costs most of a second per round and only withholds more, so it can only shrink
 * the families tested here).
 */
function snapshotOf(responses: SurveyResponse[]) {
	const cells = publishedCells(
		partners,
		bodies,
		responses.map((r) => r.profile),
		K
	);
	const table = tabulateCells(responses, layout, cells, partners);
	const { groups, counts, stride } = table.atoms;
	const n = new Int32Array(cells.length * stride);
	groups.forEach((gs, a) => {
		for (const c of gs) for (let t = 0; t < stride; t++) n[c * stride + t] += counts[a * stride + t];
	});
	const decide = (weight: number, base: readonly (null | 'small')[] | null) =>
		cells.map((_, c) => (base?.[c] ?? (n[c * stride + weight] < K ? 'small' : null)) as null | 'small');
	const headcount = decide(HEADCOUNT, null);
	const audit: PublishedAudit = {
		k: K,
		table,
		headcount,
		sections: layout.sections.map((_, s) => decide(table.stats.level(s), headcount)),
		items: layout.items.map((_, i) => decide(table.stats.responded(i), headcount))
	};
	return releasedTallies(audit);
}

function dashboardOf(previous: SurveyResponse[], current: SurveyResponse[]): DashboardData {
	const before: PublishedRoundInput = {
		round: { id: 'voorjaar', name: 'Voorjaar' },
		snapshot: snapshotOf(previous),
		questionnaire: q
	};
	return buildDashboard({
		questionnaire: q,
		round: { id: 'najaar', name: 'Najaar' },
		snapshot: snapshotOf(current),
		previousRounds: [before],
		partners,
		participation: {
			invited: people.length,
			invitedByPartnerType: {},
			started: 0,
			submitted: 0,
			submittedByPartnerType: {}
		},
		k: K
	});
}

const gapResults = (d: DashboardData) =>
	[d.gaps.bestuurlijkAmbtelijk, d.gaps.centreRest].flatMap((g) =>
		(g?.sections ?? []).flatMap((s) => (s.result.suppressed ? [] : [s.result]))
	);
const heatCells = (d: DashboardData) =>
	d.heatmap.rows.flatMap((r) => r.cells.flatMap((c) => (c.result.suppressed ? [] : [c.result])));

interface Tally {
	runs: number;
	agendaGroupItem: number;
	anyGapSignificant: number;
	anyHeatmapSignificant: number;
	anyItemChangeSignificant: number;
	anySectionChangeSignificant: number;
	anyGroupChangeSignificant: number;
	groupChangesTested: number;
	moversListed: number;
	gapsTested: number;
	changesTested: number;
	heatCellsTested: number;
}

function simulate(runs: number, label: string, shifts: { previous?: Shift; current?: Shift } = {}) {
	const rng = createRng(SEED).fork(label);
	const t: Tally = {
		runs,
		agendaGroupItem: 0,
		anyGapSignificant: 0,
		anyHeatmapSignificant: 0,
		anyItemChangeSignificant: 0,
		anySectionChangeSignificant: 0,
		anyGroupChangeSignificant: 0,
		groupChangesTested: 0,
		moversListed: 0,
		gapsTested: 0,
		changesTested: 0,
		heatCellsTested: 0
	};
	const dashboards: DashboardData[] = [];
	for (let r = 0; r < runs; r++) {
		const d = dashboardOf(round(rng, shifts.previous), round(rng, shifts.current));
		dashboards.push(d);
		if (d.agenda.some((a) => a.reason === 'groepsverschil')) t.agendaGroupItem++;
		if (gapResults(d).some((g) => g.significant)) t.anyGapSignificant++;
		if (heatCells(d).some((c) => c.significant)) t.anyHeatmapSignificant++;
		if (d.comparison.items.some((c) => c.change?.significant)) t.anyItemChangeSignificant++;
		if (d.comparison.sections.some((c) => c.change?.significant)) t.anySectionChangeSignificant++;
		const groupChanges = d.comparison.groups.flatMap((g) => g.sections.flatMap((c) => (c.change ? [c.change] : [])));
		if (groupChanges.some((c) => c.significant)) t.anyGroupChangeSignificant++;
		t.groupChangesTested += groupChanges.filter((c) => c.p !== null).length;
		t.moversListed += d.movers.improvements.length + d.movers.declines.length;
		t.gapsTested += gapResults(d).filter((g) => g.p !== null).length;
		t.changesTested += d.comparison.items.filter((c) => c.change?.p != null).length;
		t.heatCellsTested += heatCells(d).filter((c) => c.p !== null).length;
	}
	return { t, dashboards, rate: (x: number) => x / runs };
}

describe('false alarms with no true difference anywhere (seed 14, 300 simulated pairs of rounds)', () => {
	const { t, rate } = simulate(NULL_RUNS, 'null');

	it('tests the same families the old page called out', () => {
		// Per run: the two perception gaps over five perspectives, 35 statements between rounds.
		expect(t.gapsTested / t.runs).toBeGreaterThan(8);
		expect(t.changesTested / t.runs).toBe(35);
		expect(t.heatCellsTested / t.runs).toBeGreaterThan(50);
	});

	it('lists a group-difference item on the agenda in at most 5% of runs (was 100%)', () => {
		expect(BASELINE_C6B52AE.agendaGroupItem).toBe(1);
		expect(rate(t.agendaGroupItem)).toBeLessThanOrEqual(FALSE_ALARM_MAX);
	});

	it('calls at least one perception gap significant in at most 5% of runs (was 45%)', () => {
		expect(rate(t.anyGapSignificant)).toBeLessThanOrEqual(FALSE_ALARM_MAX);
		expect(rate(t.anyGapSignificant)).toBeLessThan(BASELINE_C6B52AE.anyGapSignificant);
	});

	it('calls at least one item change significant in at most 5% of runs (was 80%)', () => {
		expect(rate(t.anyItemChangeSignificant)).toBeLessThanOrEqual(FALSE_ALARM_MAX);
		expect(rate(t.anySectionChangeSignificant)).toBeLessThanOrEqual(FALSE_ALARM_MAX);
		expect(rate(t.anyItemChangeSignificant)).toBeLessThan(BASELINE_C6B52AE.anyItemChangeSignificant);
	});

	it('calls a change within a role or partner type in at most 5% of runs', () => {
		expect(t.groupChangesTested / t.runs).toBeGreaterThan(20);
		expect(rate(t.anyGroupChangeSignificant)).toBeLessThanOrEqual(FALSE_ALARM_MAX);
	});

	it('marks a heatmap cell in at most 5% of runs, and lists almost no movers (was ten every time)', () => {
		expect(rate(t.anyHeatmapSignificant)).toBeLessThanOrEqual(FALSE_ALARM_MAX);
		expect(t.moversListed / t.runs).toBeLessThan(BASELINE_C6B52AE.moversListed / 20);
	});

	it('prints the figures for the record', () => {
		console.log(
			`null, seed ${SEED}, ${t.runs} runs: agenda group item ${rate(t.agendaGroupItem)}, any gap ${rate(t.anyGapSignificant)}, ` +
				`any heatmap cell ${rate(t.anyHeatmapSignificant)}, any item change ${rate(t.anyItemChangeSignificant)}, ` +
				`any section change ${rate(t.anySectionChangeSignificant)}, any group change ${rate(t.anyGroupChangeSignificant)} ` +
				`(${t.groupChangesTested / t.runs} tested per run), movers per run ${t.moversListed / t.runs}, ` +
				`gaps tested per run ${t.gapsTested / t.runs}, heat cells tested per run ${t.heatCellsTested / t.runs}`
		);
	});
});

describe('power: real differences are still found (seed 14, 60 simulated pairs of rounds)', () => {
	// Education (about 40 respondents) one point higher on the first three 'relatie' statements;
	// bestuurders one point higher on every 'governance' statement; in the current round everyone
	// one point higher on the first three 'inhoud' statements.
	const sectionOf = new Map(layout.items.map((it) => [it.id, layout.sections[it.section].id]));
	const relatie = itemIds.filter((id) => sectionOf.get(id) === 'relatie').slice(0, 3);
	const inhoud = itemIds.filter((id) => sectionOf.get(id) === 'inhoud').slice(0, 3);
	const typeOf = new Map(partners.map((p) => [p.id, p.type]));
	const groupShift: Shift = (p, id) =>
		(typeOf.get(p.respondent.partnerId) === 'onderwijs' && relatie.includes(id) ? 1 : 0) +
		(p.respondent.role === 'bestuurlijk' && sectionOf.get(id) === 'governance' ? 1 : 0);
	const { t, dashboards, rate } = simulate(POWER_RUNS, 'power', {
		previous: groupShift,
		current: (p, id) => groupShift(p, id) + (inhoud.includes(id) ? 1 : 0)
	});
	const found = (pred: (d: DashboardData) => boolean) => dashboards.filter(pred).length / dashboards.length;

	it('finds them most of the time', () => {
		const agendaEducation = found((d) =>
			d.agenda.some((a) => a.reason === 'groepsverschil' && relatie.includes(a.itemId))
		);
		const gapGovernance = found((d) =>
			(d.gaps.bestuurlijkAmbtelijk?.sections ?? []).some(
				(s) => s.sectionId === 'governance' && !s.result.suppressed && s.result.significant
			)
		);
		const changeInhoud = found((d) =>
			inhoud.every((id) => d.comparison.items.find((c) => c.itemId === id)?.change?.significant)
		);
		const moversInhoud = found((d) => inhoud.every((id) => d.movers.improvements.some((m) => m.itemId === id)));
		console.log(
			`power, seed ${SEED}, ${t.runs} runs: agenda names an education item ${agendaEducation}, governance gap ${gapGovernance}, ` +
				`all three inhoud changes ${changeInhoud}, all three as movers ${moversInhoud}, ` +
				`any item change ${rate(t.anyItemChangeSignificant)}`
		);
		// About 40 people, one point on three statements, against hundreds of candidate tests.
		expect(agendaEducation).toBeGreaterThanOrEqual(0.7);
		expect(gapGovernance).toBeGreaterThanOrEqual(0.8);
		expect(changeInhoud).toBeGreaterThanOrEqual(0.8);
		expect(moversInhoud).toBeGreaterThanOrEqual(0.8);
	});
});
