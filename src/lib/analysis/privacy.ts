/**
 * The k rule (DESIGN.md §6): no figure describes fewer than k respondents, including groups that
 * follow from adding, subtracting and intersecting what is published. The audit that enforces it
 * runs once per round, at close (published-set.ts); every page reads its result.
 */

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

/**
 * A round's k: the one frozen on it when it opened (what its respondents were promised), else
 * the network's current setting (a draft, or a round from before k was frozen).
 */
export function roundK(round: { k?: number }, networkK?: number | null): number {
	return resolveK(round.k ?? networkK);
}
