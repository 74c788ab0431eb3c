/**
 * When a page may say "duidelijk verschil". Each family of comparisons shown together (the
 * perception gaps on a page, the item changes between two rounds, the section changes, the
 * heatmap's cells, the agenda's group candidates) is corrected with Benjamini–Hochberg, so that
 * with no true difference anywhere a page calls something out in about 5% of rounds rather than
 * in nearly all of them (issue 14; figures in `false-alarms.spec.ts`).
 */
import { benjaminiHochberg, FDR, type Difference, type Moments } from './stats';
import type { ClaimRules, Tested } from './types';

/**
 * A group-difference claim needs this many answers in the group and in what it is compared
 * with, besides k. k protects privacy; this protects the claim: below ten people one or two
 * outspoken answers make a "group view". Configurable through `DashboardInput.groupClaimMinN`.
 */
export const GROUP_CLAIM_MIN_N = 10;

export const defaultClaims: ClaimRules = { fdr: FDR, groupMinN: GROUP_CLAIM_MIN_N };

/** A difference's test before correction; `bigEnough` false for a group below the claim minimum. */
export function testOf(d: Difference, bigEnough = true): Tested {
	if (!bigEnough) return { p: null, untested: 'small-group', significant: false };
	if (d.p === null) return { p: null, untested: 'no-variance', significant: false };
	return { p: d.p, untested: null, significant: false };
}

/** Benjamini–Hochberg over one family, in place: `significant` becomes the corrected claim. */
export function correctFamily<T extends Tested>(family: T[], q = FDR): T[] {
	const hits = benjaminiHochberg(
		family.map((t) => t.p),
		q
	);
	family.forEach((t, i) => (t.significant = hits[i]));
	return family;
}

/**
 * Which comparison two samples make, whichever side is which: "centrumgemeente against the rest"
 * and "overige partners against the rest" are one comparison, and so are two cells that happen
 * to hold the same people. Counting it twice would give chance two tickets in the correction.
 */
export function comparisonKey(a: Moments, b: Moments): string {
	const k = (m: Moments) => `${m.n}/${m.sum}/${m.sumSq}`;
	return [k(a), k(b)].sort().join('|');
}

/**
 * Benjamini–Hochberg over a family in which some members are the same comparison (same `key`):
 * each distinct comparison counts once, and every member shares its outcome.
 */
export function correctDistinct<T extends Tested>(family: { key: string; test: T }[], q = FDR): void {
	const first = new Map<string, T>();
	for (const m of family) if (!first.has(m.key)) first.set(m.key, m.test);
	correctFamily([...first.values()], q);
	for (const m of family) m.test.significant = first.get(m.key)!.significant;
}
