/**
 * Everything the alliance team's dashboard shows, from plain data in one call. One pass over the
 * current round's responses fills typed tallies (see tabulate.ts); everything after that works
 * on those tallies, so the cost grows with respondents only in that pass.
 *
 * Section level = mean over respondents of each respondent's mean over the items they answered
 * in that section (reversed items recoded). Averaging per person first weighs every respondent
 * equally, whatever number of "weet niet" they gave, and makes the section figure a proper
 * sample of people, so its t-interval and the Welch comparisons between rounds and groups hold.
 */
import { buildAgenda, CONSENSUS_DIVIDED, type GroupDiff } from './agenda';
import { consensusFromCounts, leikDFromCounts, rwgFromCounts, rwgJFromMeanVariance } from './agreement-tallies';
import { buildHeatmap, defineGroups, perceptionGap, referenceMeans, CENTRE, REST } from './breakdowns';
import { buildTrend, chronological, compareRounds, pickMovers } from './comparison';
import { buildParticipation } from './participation';
import {
	groupItemReason,
	isFilterActive,
	matchesFilter,
	neighbourFilters,
	normaliseFilter,
	releaseBreakdown,
	releaseComments,
	resolveK,
	selectionReason
} from './privacy';
import { classifyQuadrant, QUADRANT_AGREEMENT, QUADRANT_LEVEL } from './quadrants';
import {
	AGREEMENT_MODERATE,
	AGREEMENT_STRONG,
	CAMP_SHARE_MIN,
	CAMP_VALLEY_RATIO,
	LEVEL_HIGH,
	LEVEL_LOW,
	levelWord,
	onScale,
	POLARISED_LEIK_D,
	sectionSentence,
	sharedness,
	twoCamps
} from './sharedness';
import { estimate, sampleVariance } from './stats';
import {
	groupItemMean,
	itemMomentsOf,
	itemStat,
	layoutOf,
	sectionMomentsOf,
	sectionStat,
	tabulateRound,
	type Classifier,
	type RoundTally
} from './tabulate';
import type {
	DashboardData,
	DashboardInput,
	ItemSummary,
	RoundMeta,
	SectionSummary,
	SuppressionReason,
	Thresholds
} from './types';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function thresholds(points: number): Thresholds {
	return {
		levelHigh: onScale(LEVEL_HIGH, points),
		levelLow: onScale(LEVEL_LOW, points),
		agreementStrong: AGREEMENT_STRONG,
		agreementModerate: AGREEMENT_MODERATE,
		polarisedLeikD: POLARISED_LEIK_D,
		campShareMin: CAMP_SHARE_MIN,
		campValleyRatio: CAMP_VALLEY_RATIO,
		quadrantLevel: onScale(QUADRANT_LEVEL, points),
		quadrantAgreement: QUADRANT_AGREEMENT,
		consensusDivided: CONSENSUS_DIVIDED
	};
}

function itemSummaries(tally: RoundTally, k: number): ItemSummary[] {
	const { layout } = tally;
	const A = layout.points;
	return layout.items.map((it, i): ItemSummary => {
		const head = {
			itemId: it.id,
			sectionId: layout.sections[it.section].id,
			text: it.text,
			reversed: it.reversed
		};
		const reason = selectionReason(tally, itemStat(layout, i), k);
		const e = reason === null ? estimate(itemMomentsOf(tally, i)) : null;
		if (e === null) return { ...head, result: { suppressed: true, reason: reason ?? 'small' } };
		const off = i * (A + 1);
		const rwg = finite(rwgFromCounts(tally.itemCounts, off + 1, A));
		return {
			...head,
			result: {
				suppressed: false,
				...e,
				rawMean: it.reversed ? A + 1 - e.mean : e.mean,
				dontKnow: tally.itemCounts[off],
				distribution: Array.from(tally.itemCounts.subarray(off + 1, off + 1 + A)),
				rwg,
				consensus: finite(consensusFromCounts(tally.itemCounts, off + 1, A)),
				leikD: finite(leikDFromCounts(tally.itemCounts, off + 1, A)),
				quadrant: classifyQuadrant(e.mean, rwg, A)
			}
		};
	});
}

/**
 * Section agreement from the released items only: a withheld item's spread must not slip out
 * through an average. The word comes from the mean item rwg; rwg(J) (from the mean item variance)
 * is reported beside it. Consensus and Leik's D are averaged; split items are counted.
 */
function sectionSummaries(tally: RoundTally, items: ItemSummary[], k: number): SectionSummary[] {
	const { layout } = tally;
	const A = layout.points;
	return layout.sections.map((sec, s): SectionSummary => {
		const head = {
			sectionId: sec.id,
			title: sec.title,
			shortTitle: sec.shortTitle,
			perspective: sec.perspective
		};
		const reason = selectionReason(tally, sectionStat(s), k);
		const e = reason === null ? estimate(sectionMomentsOf(tally, s)) : null;
		if (e === null)
			return {
				...head,
				result: { suppressed: true, reason: reason ?? 'small' },
				comments: [],
				commentsReleased: false
			};
		let varSum = 0;
		let varItems = 0;
		let rwgSum = 0;
		let rwgItems = 0;
		let polarisedItems = 0;
		let consSum = 0;
		let leikSum = 0;
		let ordinalItems = 0;
		let dontKnow = 0;
		const distribution = new Array<number>(A).fill(0);
		for (const i of sec.items) {
			const off = i * (A + 1);
			dontKnow += tally.itemCounts[off];
			const r = items[i].result;
			if (r.suppressed) continue;
			const reversed = layout.items[i].reversed;
			for (let j = 0; j < A; j++) distribution[reversed ? A - 1 - j : j] += tally.itemCounts[off + 1 + j];
			const v = sampleVariance(itemMomentsOf(tally, i));
			if (!Number.isNaN(v)) {
				varSum += v;
				varItems++;
			}
			if (r.rwg !== null) {
				rwgSum += r.rwg;
				rwgItems++;
			}
			if (twoCamps(r)) polarisedItems++;
			if (r.consensus !== null && r.leikD !== null) {
				consSum += r.consensus;
				leikSum += r.leikD;
				ordinalItems++;
			}
		}
		const rwgJ = varItems > 0 ? finite(rwgJFromMeanVariance(varSum / varItems, varItems, A)) : null;
		const meanRwg = rwgItems > 0 ? rwgSum / rwgItems : null;
		const shared = sharedness({
			meanRwg,
			rwgJ,
			consensus: ordinalItems > 0 ? consSum / ordinalItems : null,
			leikD: ordinalItems > 0 ? leikSum / ordinalItems : null,
			polarisedItems
		});
		const level = levelWord(e.mean, A);
		const comments = releaseComments(tally, s, k);
		return {
			...head,
			result: {
				suppressed: false,
				...e,
				dontKnow,
				distribution,
				level,
				sharedness: shared,
				sentence: sectionSentence(sec.shortTitle, level, shared),
				quadrant: classifyQuadrant(e.mean, meanRwg, A)
			},
			comments: comments ?? [],
			commentsReleased: comments !== null
		};
	});
}

function notice(reason: SuppressionReason, k: number, filtered: boolean): string {
	if (reason === 'filter')
		return `Deze selectie verschilt te weinig van het hele netwerk of van een vergelijkbare selectie. Resultaten worden niet getoond, omdat het verschil een groep van minder dan ${k} respondenten zou onthullen.`;
	return filtered
		? `Te weinig respondenten in deze selectie om resultaten te tonen (minder dan ${k}).`
		: `Nog te weinig ingevulde vragenlijsten om resultaten te tonen (minder dan ${k}).`;
}

export function buildDashboard(input: DashboardInput): DashboardData {
	const k = resolveK(input.k);
	const filter = normaliseFilter(input.filter);
	const filterActive = isFilterActive(filter);
	const q = input.questionnaire;
	const layout = layoutOf(q);
	const partnerById = new Map(input.partners.map((p) => [p.id, p]));
	const groups = defineGroups(input.partners, input.bodies);
	const neighbours = neighbourFilters(filter);

	const classifier = (withGroups: boolean): Classifier => ({
		inSelection: (r) => matchesFilter(r.profile, partnerById.get(r.profile.partnerId), filter),
		neighbours: neighbours.map((f) => (r) => matchesFilter(r.profile, partnerById.get(r.profile.partnerId), f)),
		groupCount: withGroups ? groups.defs.length : 0,
		groupsOf: (r) => groups.membership(r.profile, partnerById.get(r.profile.partnerId))
	});

	const tally = tabulateRound(input.responses, layout, classifier(true));
	const whole = selectionReason(tally, 0, k);
	const currentMeta: RoundMeta = input.round ?? { id: 'huidige-ronde', name: 'Huidige ronde' };

	const participation = buildParticipation({
		responses: input.responses,
		partners: input.partners,
		invitedCount: input.invitedCount,
		invitedByPartnerType: input.invitedByPartnerType,
		startedCount: input.startedCount,
		k,
		selection: whole === null ? tally.respondents : null
	});

	const common = {
		k,
		filter,
		filterActive,
		round: input.round ?? null,
		scale: { points: q.scale.points, labels: [...q.scale.labels], dontKnowLabel: q.scale.dontKnowLabel },
		thresholds: thresholds(q.scale.points),
		participation
	};

	const unpublished = input.resultsPublished === false;
	if (whole !== null || unpublished) {
		const hidden = { suppressed: true as const, reason: 'population' as const };
		return {
			...common,
			available: false,
			notice: unpublished
				? 'Deze meetronde loopt nog. De uitkomsten worden één keer gepubliceerd, als de ronde sluit; tot dan ziet u alleen de respons.'
				: notice(whole!, k, filterActive),
			sections: layout.sections.map((sec) => ({
				sectionId: sec.id,
				title: sec.title,
				shortTitle: sec.shortTitle,
				perspective: sec.perspective,
				result: hidden,
				comments: [],
				commentsReleased: false
			})),
			items: layout.items.map((it) => ({
				itemId: it.id,
				sectionId: layout.sections[it.section].id,
				text: it.text,
				reversed: it.reversed,
				result: hidden
			})),
			heatmap: {
				sections: layout.sections.map((s) => ({ sectionId: s.id, shortTitle: s.shortTitle })),
				reference: layout.sections.map(() => null),
				families: [],
				rows: []
			},
			gaps: { bestuurlijkAmbtelijk: null, centreRest: null },
			comparison: { previousRound: null, sections: [], items: [] },
			trend: { rounds: [], sections: [] },
			movers: { improvements: [], declines: [] },
			agenda: []
		};
	}

	const items = itemSummaries(tally, k);
	const sections = sectionSummaries(tally, items, k);

	const release = releaseBreakdown(tally, k);
	const reference = referenceMeans(tally, (s) => !sections[s].result.suppressed);
	const heatmap = buildHeatmap(groups, tally, release, reference);
	const gaps = {
		bestuurlijkAmbtelijk: perceptionGap(groups, tally, release, ['role', 'bestuurlijk'], ['role', 'ambtelijk']),
		centreRest: perceptionGap(groups, tally, release, ['centre', CENTRE], ['centre', REST])
	};

	const groupDiffs = layout.items.map((_, i): GroupDiff | null => {
		const pop = items[i].result;
		if (pop.suppressed) return null;
		let best: GroupDiff | null = null;
		for (let g = 0; g < groups.defs.length; g++) {
			if (groupItemReason(tally, k, g, i, release.rows[g]) !== null) continue;
			const { n, mean } = groupItemMean(tally, g, i);
			const diff = mean - pop.mean;
			if (best === null || Math.abs(diff) > Math.abs(best.diff)) best = { group: groups.defs[g], n, mean, diff };
		}
		return best;
	});
	const agenda = buildAgenda({ layout, items, groupDiffs, filtered: filterActive });

	const previous = chronological(input.previousRounds ?? []).map((r) => ({
		meta: r.round,
		tally: tabulateRound(r.responses, layoutOf(r.questionnaire), classifier(false))
	}));
	const last = previous.length > 0 ? previous[previous.length - 1] : null;
	const comparison = compareRounds(tally, last?.tally ?? null, k);
	const trend = buildTrend([...previous, { meta: currentMeta, tally }], layout, k);

	return {
		...common,
		available: true,
		notice: null,
		sections,
		items,
		heatmap,
		gaps,
		comparison: { previousRound: last?.meta ?? null, ...comparison },
		trend,
		movers: pickMovers(comparison.items),
		agenda
	};
}
