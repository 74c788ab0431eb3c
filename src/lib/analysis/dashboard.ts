/**
 * Everything the regiobureau's dashboard shows for one round, from its published snapshot
 * (DESIGN.md §6): the tallies per cell that the audit released at close. An open round has no
 * snapshot and shows participation only, so reading the page before and after one person submits
 * tells nothing of what they answered.
 *
 * A page shows one cell (the whole network, or one value of one dimension) and nothing inside
 * it; breakdowns by group, the perception gaps and the agenda's group differences appear only on
 * the whole-network view, where every group is itself a published cell.
 *
 * Section level = mean over respondents of each respondent's mean over the items they answered
 * in that section (reversed items recoded), computed at close. Averaging per person first weighs
 * every respondent equally, whatever number of "weet niet" they gave, and makes the section figure
 * a proper sample of people, so its t-interval and the Welch comparisons hold.
 */
import type { PublishedCell } from '$lib/model/published';
import { buildAgenda, CONSENSUS_DIVIDED } from './agenda';
import { consensusFromCounts, leikDFromCounts, rwgFromCounts, rwgJFromMeanVariance } from './agreement-tallies';
import { buildHeatmap, correctGaps, groupDifferences, groupsOf, perceptionGap } from './breakdowns';
import { GROUP_CLAIM_MIN_N } from './claims';
import { buildTrend, chronological, compareGroups, compareRounds, pickMovers } from './comparison';
import { buildParticipation } from './participation';
import { resolveK } from './privacy';
import { CENTRE_NO, CENTRE_YES } from './published-set';
import { countsRow, isWithheld, readPublished, releasedOr, type CellTally } from './published-tally';
import { classifyQuadrant } from './quadrants';
import {
	AGREEMENT_EDGES,
	AGREEMENT_STRONG_ABOVE,
	LEVEL_HIGH_FROM,
	LEVEL_LOW_BELOW,
	levelReading,
	levelWord,
	onScale
} from './bands';
import {
	CAMP_SHARE_MIN,
	CAMP_VALLEY_RATIO,
	levelExplanation,
	sectionSentence,
	sharedness,
	sharednessNotApplicable,
	twoCamps
} from './sharedness';
import { estimate, FDR, sampleVariance } from './stats';
import { reliabilityView } from './reliability-view';
import { layoutOf, type Layout } from './layout';
import type {
	ClaimRules,
	DashboardData,
	DashboardInput,
	ItemSummary,
	RoundMeta,
	SectionSummary,
	Thresholds
} from './types';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function thresholds(points: number): Thresholds {
	return {
		levelHigh: onScale(LEVEL_HIGH_FROM, points),
		levelLow: onScale(LEVEL_LOW_BELOW, points),
		agreementEdges: [...AGREEMENT_EDGES],
		agreementStrongAbove: AGREEMENT_STRONG_ABOVE,
		campShareMin: CAMP_SHARE_MIN,
		campValleyRatio: CAMP_VALLEY_RATIO,
		consensusDivided: CONSENSUS_DIVIDED
	};
}

function itemSummaries(layout: Layout, cell: CellTally): ItemSummary[] {
	const A = layout.points;
	return layout.items.map((it, i): ItemSummary => {
		const head = {
			itemId: it.id,
			sectionId: layout.sections[it.section].id,
			text: it.text,
			reversed: it.reversed,
			aboutCollaboration: it.aboutCollaboration
		};
		const t = cell.items[i];
		if (t === null || isWithheld(t)) return { ...head, result: { suppressed: true, reason: t?.withheld ?? 'small' } };
		const e = estimate(t.moments, A);
		if (e === null) return { ...head, result: { suppressed: true, reason: 'small' } };
		const row = countsRow(t);
		const rwg = finite(rwgFromCounts(row, 1, A));
		return {
			...head,
			result: {
				suppressed: false,
				...e,
				rawMean: it.reversed ? A + 1 - e.mean : e.mean,
				dontKnow: t.dontKnow,
				distribution: [...t.counts],
				rwg,
				consensus: finite(consensusFromCounts(row, 1, A)),
				leikD: finite(leikDFromCounts(row, 1, A)),
				quadrant: it.aboutCollaboration ? classifyQuadrant(e.mean, rwg, A) : null
			}
		};
	});
}

/**
 * Section agreement from the released items only: a withheld item's spread must not slip out
 * through an average. The word comes from the mean item rwg; rwg(J) (from the mean item variance)
 * is reported beside it. Consensus and Leik's D are averaged; split items are counted. Comments
 * come only with the whole network's view, and only once reviewed. Agreement is read from the
 * items about the collaboration as a whole only (an own-organisation item's spread is no
 * disagreement about the collaboration); the level and the pooled distribution use every item.
 */
function sectionSummaries(
	layout: Layout,
	cell: CellTally,
	items: ItemSummary[],
	comments: Map<string, string[]> | null
): SectionSummary[] {
	const A = layout.points;
	return layout.sections.map((sec, s): SectionSummary => {
		const head = {
			sectionId: sec.id,
			title: sec.title,
			shortTitle: sec.shortTitle,
			perspective: sec.perspective
		};
		const t = cell.sections[s];
		const e = t !== null && !isWithheld(t) ? estimate(t.moments, A) : null;
		if (t === null || isWithheld(t) || e === null)
			return {
				...head,
				result: { suppressed: true, reason: t !== null && isWithheld(t) ? t.withheld : 'small' },
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
		const distribution = new Array<number>(A).fill(0);
		for (const i of sec.items) {
			const r = items[i].result;
			const it = releasedOr(cell.items[i]);
			if (r.suppressed || !it) continue;
			const reversed = layout.items[i].reversed;
			for (let j = 0; j < A; j++) distribution[reversed ? A - 1 - j : j] += it.counts[j];
			// Agreement only over items about the collaboration: own-organisation items differ by design.
			if (!layout.items[i].aboutCollaboration) continue;
			const v = sampleVariance(it.moments);
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
		let shared = sharedness({
			meanRwg,
			interval: t.bootstrap?.meanRwg ?? null,
			rwgJ,
			consensus: ordinalItems > 0 ? consSum / ordinalItems : null,
			leikD: ordinalItems > 0 ? leikSum / ordinalItems : null,
			polarisedItems
		});
		if (!sec.items.some((i) => layout.items[i].aboutCollaboration)) shared = sharednessNotApplicable();
		const level = levelReading(e.mean, t.bootstrap?.level ?? null, A);
		const released = comments?.get(sec.id) ?? null;
		return {
			...head,
			result: {
				suppressed: false,
				...e,
				dontKnow: t.dontKnow,
				distribution,
				level: levelWord(e.mean, A),
				levelText: level.word,
				levelCertainty: level.certainty,
				levelInterval: level.interval ? [level.interval[0], level.interval[1]] : null,
				levelExplanation: levelExplanation(e.mean, level, A),
				sharedness: shared,
				sentence: sectionSentence(sec.shortTitle, level.word, shared),
				quadrant: classifyQuadrant(e.mean, meanRwg, A)
			},
			comments: released ?? [],
			commentsReleased: released !== null
		};
	});
}

const WHOLE_NETWORK: PublishedCell = { dimension: 'all', value: null, label: 'Hele netwerk' };

function notice(input: DashboardInput, k: number, cell: CellTally | undefined): string | null {
	if (!input.snapshot)
		return 'Deze meetronde loopt nog. De uitkomsten worden één keer gepubliceerd, als de ronde sluit; tot dan ziet u alleen de respons.';
	if (!cell) return 'Deze selectie is in deze meetronde niet gepubliceerd.';
	if (isWithheld(cell.n))
		return cell.n.withheld === 'small'
			? cell.cell.dimension === 'all'
				? `Te weinig ingevulde vragenlijsten om resultaten te tonen (minder dan ${k}).`
				: `Te weinig respondenten in deze selectie om resultaten te tonen (minder dan ${k}).`
			: `Deze selectie wordt niet getoond: samen met de andere gepubliceerde cijfers zou ze een groep van minder dan ${k} respondenten verraden.`;
	return null;
}

export function buildDashboard(input: DashboardInput): DashboardData {
	const q = input.questionnaire;
	const layout = layoutOf(q);
	const published = input.snapshot ? readPublished(input.snapshot, layout) : null;
	// A round keeps the k it was published with.
	const k = published?.k ?? resolveK(input.k);
	const key = input.cell ?? 'all';
	const cell = published?.byKey.get(key);
	const whole = published?.byKey.get('all');
	const filterActive = key !== 'all';
	const currentMeta: RoundMeta = input.round ?? { id: 'huidige-ronde', name: 'Huidige ronde' };
	const claims: ClaimRules = { fdr: FDR, groupMinN: Math.max(2, input.groupClaimMinN ?? GROUP_CLAIM_MIN_N) };

	const p = input.participation;
	let submittedByPartnerType = p.submittedByPartnerType;
	if (published) {
		submittedByPartnerType = {};
		for (const c of published.cells)
			if (c.cell.dimension === 'partnerType' && c.cell.value)
				submittedByPartnerType[c.cell.value as keyof typeof submittedByPartnerType] = isWithheld(c.n) ? null : c.n.n;
	}
	const participation = buildParticipation({
		...p,
		submittedByPartnerType,
		types: [...new Set(input.partners.map((x) => x.type))],
		k,
		// An open round has no cells yet: its selection is everyone who submitted so far.
		selection: published ? (cell && !isWithheld(cell.n) ? cell.n.n : null) : p.submitted
	});

	const withheldCells = (published?.cells ?? []).flatMap((c) =>
		isWithheld(c.n) ? [{ dimension: c.cell.dimension, label: c.cell.label, reason: c.n.withheld }] : []
	);
	const common = {
		k,
		comments: filterActive
			? ('whole-network-only' as const)
			: input.comments
				? ('published' as const)
				: ('awaiting-review' as const),
		cell: cell?.cell ?? WHOLE_NETWORK,
		withheldCells,
		filterActive,
		round: input.round ?? null,
		scale: { points: q.scale.points, labels: [...q.scale.labels], dontKnowLabel: q.scale.dontKnowLabel },
		thresholds: thresholds(q.scale.points),
		claims,
		participation,
		reliability: reliabilityView(input.snapshot?.reliability, layout)
	};

	const why = notice(input, k, cell);
	if (why !== null || !cell || !published) {
		const hidden = { suppressed: true as const, reason: 'population' as const };
		return {
			...common,
			available: false,
			notice: why,
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
				aboutCollaboration: it.aboutCollaboration,
				result: hidden
			})),
			heatmap: {
				sections: layout.sections.map((s) => ({ sectionId: s.id, shortTitle: s.shortTitle })),
				reference: layout.sections.map(() => null),
				families: [],
				rows: []
			},
			gaps: { bestuurlijkAmbtelijk: null, centreRest: null },
			comparison: { previousRound: null, sections: [], items: [], groups: [] },
			trend: { rounds: [], sections: [] },
			movers: { improvements: [], declines: [] },
			agenda: []
		};
	}

	const comments =
		!filterActive && input.comments ? new Map(input.comments.map((c) => [c.sectionId, [...c.texts]])) : null;
	const items = itemSummaries(layout, cell);
	const sections = sectionSummaries(layout, cell, items, comments);

	// Breakdowns only on the whole network's view: inside one cell they would be cross-selections.
	// That is also what makes "the rest" valid: every group is a published cell inside the whole
	// network, so whole − group is exactly the other respondents. On a filtered page a group's
	// rest would be (selection − group ∩ selection), and those intersections are not published;
	// no group is compared there at all.
	const groups = filterActive || !whole ? [] : groupsOf(published, input.partners);
	const reference = sections.map((s) => (s.result.suppressed ? null : s.result.mean));
	const heatmap = buildHeatmap(
		groups,
		layout,
		filterActive ? layout.sections.map(() => null) : reference,
		filterActive ? null : (whole ?? null),
		claims
	);
	const gaps = {
		bestuurlijkAmbtelijk: perceptionGap(groups, layout, ['role', 'bestuurlijk'], ['role', 'ambtelijk'], claims),
		centreRest: perceptionGap(groups, layout, ['centre', CENTRE_YES], ['centre', CENTRE_NO], claims)
	};
	correctGaps([gaps.bestuurlijkAmbtelijk, gaps.centreRest], claims.fdr);

	// A group's mean is a claim about that group: it needs k answers on the scale itself, and the
	// claim minimum besides.
	const groupDiffs = groupDifferences(items, groups, filterActive ? null : (whole ?? null), k, claims);
	const agenda = buildAgenda({ layout, items, groupDiffs, filtered: filterActive });

	const previous = chronological(input.previousRounds ?? []).map((r) => {
		const tally = readPublished(r.snapshot, layout);
		return { meta: r.round, tally, layout: layoutOf(r.questionnaire), cell: tally.byKey.get(key) ?? null };
	});
	const last = previous.length > 0 ? previous[previous.length - 1] : null;
	const comparison = compareRounds(layout, cell, last, claims.fdr);
	const groupChanges = compareGroups(layout, groups, last, claims);
	const trend = buildTrend([...previous, { meta: currentMeta, cell, layout }], layout);

	return {
		...common,
		available: true,
		notice: null,
		sections,
		items,
		heatmap,
		gaps,
		comparison: { previousRound: last?.meta ?? null, ...comparison, groups: groupChanges },
		trend,
		movers: pickMovers(comparison.items),
		agenda
	};
}
