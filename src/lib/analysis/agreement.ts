/**
 * Within-group agreement indices (contract: DESIGN.md §5). Answers are integers 1..A with
 * "weet niet" already removed. Only these four are exported; the dashboard uses the same
 * formulas on tallied counts (agreement-tallies.ts), and the spec checks both routes agree.
 *
 * Why four indices: rwg (James, Demaree & Wolf) is the convention in organisational research and
 * has a well-known reading (≥ .70 strong agreement), but it compares against a uniform spread and
 * so scores "two camps" and "all over the place" the same (both 0). Tastle & Wierman's consensus
 * and Leik's D are ordinal and tell those apart: two opposite camps give consensus 0 and D = 1,
 * a uniform spread gives roughly consensus .43 and D = .6 on five points.
 */

import {
	consensusFromCounts,
	leikDFromCounts,
	rwgFromCounts,
	rwgJFromMeanVariance,
	varianceFromCounts
} from './agreement-tallies';

function checkScale(scalePoints: number): void {
	if (!Number.isInteger(scalePoints) || scalePoints < 2)
		throw new RangeError(`scalePoints moet een geheel getal ≥ 2 zijn, niet ${scalePoints}`);
}

/** Category counts; anything outside 1..A is a caller's bug (often a stray 0 = weet niet). */
function countsOf(answers: readonly number[], scalePoints: number): number[] {
	checkScale(scalePoints);
	const counts = new Array<number>(scalePoints).fill(0);
	for (const a of answers) {
		if (!Number.isInteger(a) || a < 1 || a > scalePoints)
			throw new RangeError(`Antwoord ${a} ligt buiten 1..${scalePoints}`);
		counts[a - 1]++;
	}
	return counts;
}

/** 1 − s²/σ²EU with the sample variance, clamped to [0, 1]; NaN below two answers. */
export function rwg(answers: number[], scalePoints: number): number {
	return rwgFromCounts(countsOf(answers, scalePoints), 0, scalePoints);
}

/** James, Demaree & Wolf (1984) over several items; 0 when the mean item variance reaches σ²EU. */
export function rwgJ(itemAnswers: number[][], scalePoints: number): number {
	let total = 0;
	let items = 0;
	for (const answers of itemAnswers) {
		const v = varianceFromCounts(countsOf(answers, scalePoints), 0, scalePoints);
		if (Number.isNaN(v)) continue;
		total += v;
		items++;
	}
	return items === 0 ? NaN : rwgJFromMeanVariance(total / items, items, scalePoints);
}

/** Tastle & Wierman (2007) consensus; NaN without answers. */
export function consensus(answers: number[], scalePoints: number): number {
	return consensusFromCounts(countsOf(answers, scalePoints), 0, scalePoints);
}

/** Leik's ordinal dispersion D; NaN without answers. */
export function leikD(answers: number[], scalePoints: number): number {
	return leikDFromCounts(countsOf(answers, scalePoints), 0, scalePoints);
}
