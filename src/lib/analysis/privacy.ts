/**
 * Small-group protection (DESIGN.md §6), enforced here so that no UI, export or API can show
 * what the analysis did not release. Withheld values are returned as `{ suppressed: true }`
 * without numbers.
 *
 * Rules, per statistic (headcount, each section, each item), since "weet niet" makes the
 * answering group smaller than the group itself:
 *
 * 1. The selection (network, or the filtered part of it) needs ≥ k answers.
 * 2. Filter differencing: a reader can also open the neighbouring selections — the whole
 *    network, the filter with one dimension dropped, the filter with one chosen value dropped.
 *    The difference between this selection and each neighbour must be 0 or ≥ k, for the
 *    selection and for every shown group within it. Neighbours differ by one step, and any two
 *    filters are linked by such steps whose differences are each 0 or ≥ k.
 * 3. A group needs ≥ k answers.
 * 4. Within the page, no set of 1..k−1 respondents may follow from any combination of shown
 *    numbers (complement, the rest of a breakdown, nested groups, across families): checked
 *    exactly by `disclosure.ts`, hiding the smallest involved group until nothing leaks.
 *
 * Limits, on purpose: rule 4 covers one page (one selection) and rule 2 compares it with its
 * neighbours one group at a time; combinations of several groups across several selections are
 * not searched. Participation counts (who took part, not what they answered) are shown per
 * partner type only from k respondents on, but are not differencing-checked.
 */
import type { Partner } from '$lib/model/network';
import type { Profile } from '$lib/model/response';
import { suppressUntilSafe } from './disclosure';
import { itemStat, sectionStat, type RoundTally } from './tabulate';
import type { DashboardFilter, SuppressionReason } from './types';

export const DEFAULT_K = 5;
export const MIN_K = 3;

/**
 * The k to use: 5 when absent, never below 3 (a lower setting is raised, not obeyed), whole
 * numbers upwards. Nonsense is a programming error and throws rather than silently showing data.
 */
export function resolveK(k?: number | null): number {
	if (k === undefined || k === null) return DEFAULT_K;
	if (typeof k !== 'number' || !Number.isFinite(k))
		throw new RangeError(`k moet een eindig getal zijn, niet ${String(k)}`);
	return Math.max(MIN_K, Math.ceil(k));
}

/** A difference of zero reveals nobody; one of k or more is itself an allowed group. */
export const isSafeDifference = (d: number, k: number): boolean => d === 0 || d >= k;

const dims = ['partnerTypes', 'helices', 'roles', 'bodyIds'] as const;
type Dim = (typeof dims)[number];

/** Sorted, de-duplicated, empty dimensions dropped: equal filters compare equal. */
export function normaliseFilter(f?: DashboardFilter | null): DashboardFilter {
	const out: DashboardFilter = {};
	if (!f) return out;
	for (const d of dims) {
		const values = f[d];
		if (values && values.length > 0) (out as Record<Dim, string[]>)[d] = [...new Set<string>(values)].sort();
	}
	return out;
}

export const isFilterActive = (f: DashboardFilter): boolean => dims.some((d) => (f[d]?.length ?? 0) > 0);

/**
 * An unknown partner (deleted since) matches no partner-type or helix filter: we cannot vouch
 * for it, and leaving it out cannot reveal it because it still counts in the network.
 */
export function matchesFilter(profile: Profile, partner: Partner | undefined, f: DashboardFilter): boolean {
	if (f.partnerTypes && (!partner || !f.partnerTypes.includes(partner.type))) return false;
	if (f.helices && (!partner || !f.helices.includes(partner.helix))) return false;
	if (f.roles && !f.roles.includes(profile.role)) return false;
	if (f.bodyIds && !profile.bodyIds.some((b) => f.bodyIds!.includes(b))) return false;
	return true;
}

/** The selections one step away from `f`; empty when no filter is active. */
export function neighbourFilters(filter: DashboardFilter): DashboardFilter[] {
	const f = normaliseFilter(filter);
	if (!isFilterActive(f)) return [];
	const seen = new Set<string>();
	const out: DashboardFilter[] = [];
	const push = (g: DashboardFilter) => {
		const n = normaliseFilter(g);
		const key = JSON.stringify(n);
		if (key === JSON.stringify(f) || seen.has(key)) return;
		seen.add(key);
		out.push(n);
	};
	push({});
	for (const d of dims) {
		const values = f[d];
		if (!values?.length) continue;
		push({ ...f, [d]: undefined });
		if (values.length > 1) for (const v of values) push({ ...f, [d]: (values as string[]).filter((x) => x !== v) });
	}
	return out;
}

/** Rules 1 and 2 for the selection as a whole, for one statistic. */
export function selectionReason(tally: RoundTally, stat: number, k: number): SuppressionReason | null {
	if (tally.popN[stat] < k) return 'small';
	const stride = tally.layout.stride;
	for (let j = 0; j < tally.neighbourCount; j++)
		if (!isSafeDifference(tally.neighbourN[j * stride + stat], k)) return 'filter';
	return null;
}

export interface BreakdownRelease {
	/** Per group: null when the group may appear at all (headcount). */
	rows: (SuppressionReason | null)[];
	/** Per section, per group: null when the group's section figures may be shown. */
	sections: (SuppressionReason | null)[][];
}

function releaseStat(
	tally: RoundTally,
	stat: number,
	k: number,
	base: readonly (SuppressionReason | null)[] | null
): (SuppressionReason | null)[] {
	const G = tally.groupCount;
	const stride = tally.layout.stride;
	const whole = selectionReason(tally, stat, k);
	if (whole !== null) return new Array<SuppressionReason | null>(G).fill('population');
	const reasons: (SuppressionReason | null)[] = new Array(G).fill(null);
	for (let g = 0; g < G; g++) {
		if (base && base[g] !== null) {
			reasons[g] = base[g];
			continue;
		}
		if (tally.groupN[g * stride + stat] < k) {
			reasons[g] = 'small';
			continue;
		}
		for (let j = 0; j < tally.neighbourCount; j++)
			if (!isSafeDifference(tally.neighbourGroupN[(j * G + g) * stride + stat], k)) {
				reasons[g] = 'filter';
				break;
			}
	}
	// Usually nearly everyone who is there has a level for every section: then the table is the
	// same as the headcount table already audited, and the audit would only repeat itself.
	if (base && sameAsBase(tally, stat, k) && reasons.every((r, g) => (r === null) === (base[g] === null)))
		return reasons;
	suppressUntilSafe(tally.atoms, stat, k, reasons, (g) => tally.groupN[g * stride + stat], 'derivable');
	return reasons;
}

/** Every atom has the same count as for the headcount, or is k or larger in both. */
function sameAsBase(tally: RoundTally, stat: number, k: number): boolean {
	const { counts, stride, groups } = tally.atoms;
	for (let a = 0; a < groups.length; a++) {
		const x = counts[a * stride + stat];
		const y = counts[a * stride];
		if (x !== y && (x < k || y < k)) return false;
	}
	return true;
}

/** Which groups, and which of their section cells, one breakdown page may show. */
export function releaseBreakdown(tally: RoundTally, k: number): BreakdownRelease {
	const rows = releaseStat(tally, 0, k, null);
	const sections = tally.layout.sections.map((_, s) => releaseStat(tally, sectionStat(s), k, rows));
	return { rows, sections };
}

/**
 * One group's figure for one item, shown on its own next to the selection's (the agenda quotes
 * at most one group per item): the group, its complement and its filter differences must be
 * 0 or ≥ k.
 */
export function groupItemReason(
	tally: RoundTally,
	k: number,
	g: number,
	i: number,
	rowReason: SuppressionReason | null
): SuppressionReason | null {
	if (rowReason !== null) return rowReason;
	const stat = itemStat(tally.layout, i);
	if (selectionReason(tally, stat, k) !== null) return 'population';
	const stride = tally.layout.stride;
	const n = tally.groupN[g * stride + stat];
	if (n < k) return 'small';
	if (!isSafeDifference(tally.popN[stat] - n, k)) return 'derivable';
	for (let j = 0; j < tally.neighbourCount; j++)
		if (!isSafeDifference(tally.neighbourGroupN[(j * tally.groupCount + g) * stride + stat], k)) return 'filter';
	return null;
}

/**
 * Open comments of a section, only when the section's figures may be shown for this selection.
 * They are sorted so that their order does not mirror the order of submission, and carry no
 * profile: not even the group a comment came from.
 */
export function releaseComments(tally: RoundTally, s: number, k: number): string[] | null {
	if (selectionReason(tally, 0, k) !== null) return null;
	if (selectionReason(tally, sectionStat(s), k) !== null) return null;
	return [...tally.comments[s]].sort();
}
