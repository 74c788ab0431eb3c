/**
 * Groups to break the whole network down by, and the heatmap and perception gaps built from
 * them. Each group is one published cell of the round (partner type, helix, role, centre or
 * rest, body), so a breakdown shows exactly what the audit at close released for that cell.
 */
import type { Helix, Partner, PartnerType, Role } from '$lib/model/network';
import { CENTRE_YES } from './published-set';
import { isWithheld, releasedOr, type CellTally, type PublishedTally } from './published-tally';
import { comparisonKey, correctDistinct, correctFamily, defaultClaims, testOf } from './claims';
import { welchDifference, without, type Moments } from './stats';
import type {
	BreakdownRow,
	ClaimRules,
	GroupFamily,
	GroupRef,
	Heatmap,
	ItemSummary,
	PerceptionGap,
	Released,
	GapFigures,
	Tested
} from './types';

export interface GroupDef extends GroupRef {
	tally: CellTally;
}

export const familyLabels: Record<GroupFamily, string> = {
	partnerType: 'Type partner',
	helix: 'Helix',
	role: 'Rol',
	centre: 'Centrumgemeente',
	body: 'Gremium'
};

const typePhrases: Record<PartnerType, string> = {
	gemeente: 'deelnemers van gemeenten',
	provincie: 'deelnemers van provincies',
	onderwijs: 'deelnemers uit het onderwijs',
	ondernemers: 'deelnemers van ondernemersorganisaties',
	'economic-board': 'deelnemers van de Economic Board',
	waterschap: 'deelnemers van waterschappen',
	rijk: 'deelnemers van het Rijk',
	uwv: 'deelnemers van UWV',
	sbb: 'deelnemers van SBB',
	vakbond: 'deelnemers van vakbonden',
	overig: 'deelnemers van overige partners'
};

const helixPhrases: Record<Helix, string> = {
	overheid: 'deelnemers uit de overheid',
	onderwijs: 'deelnemers uit het onderwijs',
	ondernemers: 'deelnemers uit het bedrijfsleven',
	maatschappij: 'maatschappelijke partners'
};

const rolePhrases: Record<Role, string> = {
	bestuurlijk: 'bestuurders',
	ambtelijk: 'ambtenaren',
	'raad-staten': 'raads- en statenleden',
	directie: 'directieleden',
	overig: 'overige deelnemers'
};

const families: GroupFamily[] = ['partnerType', 'helix', 'role', 'centre', 'body'];

function describe(cell: CellTally, centres: readonly Partner[]): { label: string; phrase: string } {
	const { dimension, value, label } = cell.cell;
	const centreName = centres.length === 1 ? centres[0].name : null;
	switch (dimension) {
		case 'partnerType':
			return { label, phrase: typePhrases[value as PartnerType] ?? `deelnemers van ${label}` };
		case 'helix':
			return { label, phrase: helixPhrases[value as Helix] ?? `deelnemers uit ${label}` };
		case 'role':
			return { label, phrase: rolePhrases[value as Role] ?? label.toLowerCase() };
		case 'centre':
			if (value === CENTRE_YES)
				return centreName
					? { label: `Centrumgemeente (${centreName})`, phrase: `deelnemers van ${centreName}` }
					: { label, phrase: 'deelnemers van de centrumgemeente' };
			return { label, phrase: 'deelnemers van de overige partners' };
		default:
			return { label, phrase: `leden van ${label}` };
	}
}

/**
 * The published cells a whole-network page breaks down by, in family order (the snapshot's own
 * order within a family). Partner cells are left out: they are for partner reports.
 */
export function groupsOf(tally: PublishedTally, partners: readonly Partner[]): GroupDef[] {
	const centres = partners.filter((p) => p.isCentre);
	const out: GroupDef[] = [];
	for (const family of families)
		for (const cell of tally.cells) {
			if (cell.cell.dimension !== family || cell.cell.value === null) continue;
			out.push({ family, groupId: cell.cell.value, ...describe(cell, centres), tally: cell });
		}
	return out;
}

const refOf = ({ family, groupId, label, phrase }: GroupDef): GroupRef => ({ family, groupId, label, phrase });

/**
 * A group against the rest of the network: the whole's moments minus the group's. Valid only
 * because every group here is a published cell inside the whole network; against a whole that
 * contains it a group's difference is diluted and its test wrong (the two are not independent).
 * Null when no rest is left to compare with.
 */
export function againstRest(
	group: Moments,
	whole: Moments | null,
	rules: ClaimRules,
	conservativeDf = false
): { restMean: number; restN: number; test: Tested; key: string } | null {
	if (!whole) return null;
	const rest = without(whole, group);
	if (rest.n < 2 || group.n < 2) return null;
	const d = welchDifference(rest, group, conservativeDf);
	if (!d) return null;
	return {
		restMean: rest.sum / rest.n,
		restN: rest.n,
		key: comparisonKey(group, rest),
		test: testOf(d, group.n >= rules.groupMinN && rest.n >= rules.groupMinN)
	};
}

/**
 * Each cell is a group's level and its difference from the rest of the network (the test's own
 * comparison). Colours show the size of each difference and are no test; the cells whose difference from the
 * rest of the network survives Benjamini–Hochberg over all the heatmap's cells are marked
 * `significant`, and only those may be called out in words. `whole` is the cell the groups lie
 * in (the whole network); without it nothing is tested.
 */
export function buildHeatmap(
	groups: readonly GroupDef[],
	layout: PublishedTally['layout'],
	reference: (number | null)[],
	whole: CellTally | null = null,
	rules: ClaimRules = defaultClaims
): Heatmap {
	const { sections } = layout;
	const family: { key: string; test: Tested }[] = [];
	const rows: BreakdownRow[] = groups.map((g) => ({
		...refOf(g),
		result: isWithheld(g.tally.n)
			? { suppressed: true, reason: g.tally.n.withheld }
			: { suppressed: false, n: g.tally.n.n },
		cells: sections.map((sec, s) => {
			const t = g.tally.sections[s];
			const ref = reference[s];
			if (t === null || isWithheld(t) || ref === null || t.moments.n === 0)
				return {
					sectionId: sec.id,
					result: { suppressed: true, reason: t !== null && isWithheld(t) ? t.withheld : 'population' }
				};
			const mean = t.moments.sum / t.moments.n;
			const vsRest = againstRest(t.moments, whole ? (releasedOr(whole.sections[s])?.moments ?? null) : null, rules);
			const test: Tested = vsRest?.test ?? { p: null, untested: 'small-group', significant: false };
			const result = {
				suppressed: false as const,
				n: t.moments.n,
				mean,
				diff: vsRest ? mean - vsRest.restMean : null,
				restMean: vsRest?.restMean ?? null,
				...test
			};
			family.push({ key: `${s}:${vsRest?.key ?? `${g.groupId}`}`, test: result });
			return { sectionId: sec.id, result };
		})
	}));
	correctDistinct(family, rules.fdr);
	const shown = [...new Set(groups.map((d) => d.family))].map((family) => ({ family, label: familyLabels[family] }));
	return {
		sections: sections.map((s) => ({ sectionId: s.id, shortTitle: s.shortTitle })),
		reference,
		families: shown,
		rows
	};
}

/**
 * Group A against group B per section, e.g. bestuurlijk vs ambtelijk; null if either is not a
 * cell. The two groups do not overlap, so they are compared directly. `significant` is per
 * comparison here; a page showing several gaps corrects them together with `correctGaps`.
 */
export function perceptionGap(
	groups: readonly GroupDef[],
	layout: PublishedTally['layout'],
	a: [GroupFamily, string],
	b: [GroupFamily, string],
	rules: ClaimRules = defaultClaims
): PerceptionGap | null {
	const ga = groups.find((g) => g.family === a[0] && g.groupId === a[1]);
	const gb = groups.find((g) => g.family === b[0] && g.groupId === b[1]);
	if (!ga || !gb) return null;
	return {
		a: refOf(ga),
		b: refOf(gb),
		sections: layout.sections.map((sec, s) => {
			const ta = ga.tally.sections[s];
			const tb = gb.tally.sections[s];
			const reason = [ta, tb].map((t) => (t !== null && isWithheld(t) ? t.withheld : null)).find((r) => r !== null);
			const ma = releasedOr(ta)?.moments;
			const mb = releasedOr(tb)?.moments;
			const d = ma && mb ? welchDifference(mb, ma) : null;
			let result: Released<GapFigures>;
			if (!ma || !mb || d === null) result = { suppressed: true, reason: reason ?? 'small' };
			else {
				const test = testOf(d, ma.n >= rules.groupMinN && mb.n >= rules.groupMinN);
				test.significant = test.p !== null && test.p < 0.05;
				result = {
					suppressed: false,
					meanA: ma.sum / ma.n,
					nA: ma.n,
					meanB: mb.sum / mb.n,
					nB: mb.n,
					gap: d.diff,
					ciLow: d.ciLow,
					ciHigh: d.ciHigh,
					...test
				};
			}
			return { sectionId: sec.id, shortTitle: sec.shortTitle, result };
		})
	};
}

/** The gaps shown on one page are one family: Benjamini–Hochberg over all their sections at once. */
export function correctGaps(gaps: readonly (PerceptionGap | null)[], q = defaultClaims.fdr): void {
	correctFamily(
		gaps.flatMap((g) => g?.sections.flatMap((s) => (s.result.suppressed ? [] : [s.result])) ?? []),
		q
	);
}

export interface GroupDiff {
	group: GroupDef;
	n: number;
	/** Group level (recoded), the rest of the network's, and group − rest. */
	mean: number;
	restMean: number;
	restN: number;
	diff: number;
	/** Uncorrected p; `significant` after Benjamini–Hochberg over every (item, group) candidate. */
	p: number;
	significant: boolean;
}

/**
 * Per item, the group that differs most from the rest of the network among those whose
 * difference survives Benjamini–Hochberg over all items × groups: the agenda's candidates are one
 * family, and picking each item's largest gap first and testing only that would hide how many
 * comparisons were looked at. A group needs k answers (privacy) and `rules.groupMinN` (claim),
 * and so does the rest.
 */
export function groupDifferences(
	items: readonly ItemSummary[],
	groups: readonly GroupDef[],
	whole: CellTally | null,
	k: number,
	rules: ClaimRules = defaultClaims
): (GroupDiff | null)[] {
	const candidates: { i: number; d: GroupDiff; key: string; test: Tested }[] = [];
	items.forEach((it, i) => {
		if (it.result.suppressed || !whole) return;
		const all = releasedOr(whole.items[i])?.moments ?? null;
		for (const g of groups) {
			const t = releasedOr(g.tally.items[i]);
			if (!t || t.moments.n < k) continue;
			// Hundreds of small-group tests on single statements: conservative degrees of freedom.
			const r = againstRest(t.moments, all, rules, true);
			// The rest's level is quoted on the agenda: it needs k as well (the audit at close makes
			// sure whole − group is never 1..k−1, but this does not lean on that alone).
			if (!r || r.test.p === null || r.restN < k) continue;
			const mean = t.moments.sum / t.moments.n;
			candidates.push({
				i,
				key: `${i}:${r.key}`,
				test: r.test,
				d: {
					group: g,
					n: t.moments.n,
					mean,
					restMean: r.restMean,
					restN: r.restN,
					diff: mean - r.restMean,
					p: r.test.p,
					significant: false
				}
			});
		}
	});
	correctDistinct(candidates, rules.fdr);
	const out: (GroupDiff | null)[] = items.map(() => null);
	for (const c of candidates) {
		if (!c.test.significant) continue;
		c.d.significant = true;
		const best = out[c.i];
		if (best === null || Math.abs(c.d.diff) > Math.abs(best.diff)) out[c.i] = c.d;
	}
	return out;
}
