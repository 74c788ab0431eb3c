/**
 * Whether answer counts give evidence of two camps rather than one peak, calibrated so that the
 * dashboard rarely cries "twee kampen" over a single-peaked item.
 *
 * Why a test and not only the shape: a sample of 20 from a single-peaked item (say 40% at one end
 * and the rest spread evenly) shows a dip with a quarter of the answers beyond it in about half
 * of the samples, so any rule that reads the shape of the sample alone raises false alarms (the
 * old rule: 14% at n = 5, 28% at n = 8 for an item with 58% agreeing and 20% disagreeing).
 *
 * The test is the likelihood ratio G² = 2 Σ cᵢ ln(p̂ᵢ / q̂ᵢ) of the observed shares p̂ against
 * the best-fitting single-peaked distribution q̂ whose peak holds at least CAMPS_PEAK_SHARE of the
 * answers: frequencies that never rise again away from one mode (the null family of issue 14). The
 * fit is the order-restricted maximum likelihood estimate (Robertson, Wright & Dykstra 1988):
 * pool-adjacent-violators on each side of the mode, and when the peak would fall below the share,
 * the peak fixed at that share and the rest fitted the same way. The critical value per scale
 * length is the worst case over that family: computed exactly by enumerating every outcome for
 * five points (n ≤ 60, see two-camps.spec.ts), by seeded simulation for other scales, with a
 * margin. The test's size approaches its chi-bar-squared limit from below as n grows, so one value
 * per scale length holds for every n.
 */

/** The null family: single-peaked with the mode holding at least this share (issue 14). */
export const CAMPS_PEAK_SHARE = 0.4;

/**
 * Critical value of G² per number of scale points. Worst 95% quantiles over the family found:
 * 3 points 4.2, 5 points 7.14 (exact, at n = 20, mode 40% at one end and the rest flat), 7 points
 * 10.8, 9 points 13.8, 11 points 16.8; the values below sit about half a point above.
 */
const CRITICAL: Readonly<Record<number, number>> = {
	3: 4.5,
	4: 6,
	5: 7.5,
	6: 9.5,
	7: 11.5,
	8: 13,
	9: 14.5,
	10: 16,
	11: 17.5
};

export function campsCriticalValue(points: number): number {
	return CRITICAL[points] ?? 1.75 * (points - 1) + 0.5;
}

/**
 * Fewer answers never show two camps: at five answers no outcome reaches the critical value, and
 * at six only a clean 3 against 3 at both ends does (G² = 6 ln 4 ≈ 8.3).
 */
export const CAMPS_MIN_N = 6;

/** Pool-adjacent-violators with unit weights: the monotone least-squares (and multinomial ML) fit. */
function monotoneFit(values: readonly number[], increasing: boolean): number[] {
	const sums: number[] = [];
	const sizes: number[] = [];
	const k = values.length;
	for (let t = 0; t < k; t++) {
		sums.push(values[increasing ? t : k - 1 - t]);
		sizes.push(1);
		while (sums.length > 1) {
			const b = sums.length - 1;
			if (sums[b - 1] / sizes[b - 1] <= sums[b] / sizes[b]) break;
			sums[b - 1] += sums[b];
			sizes[b - 1] += sizes[b];
			sums.pop();
			sizes.pop();
		}
	}
	const out: number[] = [];
	for (let b = 0; b < sums.length; b++) for (let t = 0; t < sizes[b]; t++) out.push(sums[b] / sizes[b]);
	if (!increasing) out.reverse();
	return out;
}

const xlogy = (x: number, y: number): number => (x > 0 ? x * Math.log(y) : 0);

/** Σ cᵢ ln qᵢ of the best single-peaked q with a peak of at least `peakShare`; −∞ if none found. */
function singlePeakedLogLik(counts: readonly number[], n: number, peakShare: number): number {
	const A = counts.length;
	let best = -Infinity;
	// Unrestricted single-peaked fit: rising up to a split, falling after it.
	for (let s = 0; s <= A; s++) {
		const q = [...monotoneFit(counts.slice(0, s), true), ...monotoneFit(counts.slice(s), false)];
		let ll = 0;
		let top = 0;
		for (let j = 0; j < A; j++) {
			ll += xlogy(counts[j], q[j] / n);
			top = Math.max(top, q[j] / n);
		}
		if (top >= peakShare - 1e-12 && ll > best) best = ll;
	}
	// The peak on the family's boundary: mode m holds exactly peakShare, the rest fitted in shape.
	for (let m = 0; m < A; m++) {
		const rest = n - counts[m];
		if (rest <= 0) continue;
		const q = [...monotoneFit(counts.slice(0, m), true), 0, ...monotoneFit(counts.slice(m + 1), false)];
		let ll = xlogy(counts[m], peakShare);
		let feasible = true;
		for (let j = 0; j < A; j++) {
			if (j === m) continue;
			const share = ((1 - peakShare) * q[j]) / rest;
			if (share > peakShare + 1e-12) feasible = false;
			ll += xlogy(counts[j], share);
		}
		if (feasible && ll > best) best = ll;
	}
	return best;
}

/**
 * G² of the counts (index 0 is answer 1) against the single-peaked family; 0 when the counts
 * themselves fit it. Large values mean no single peak with CAMPS_PEAK_SHARE explains the answers.
 */
export function campsStatistic(counts: readonly number[], peakShare = CAMPS_PEAK_SHARE): number {
	let n = 0;
	for (const c of counts) n += c;
	if (n === 0) return 0;
	let full = 0;
	for (const c of counts) full += xlogy(c, c / n);
	const fit = singlePeakedLogLik(counts, n, peakShare);
	// No fit found would read as infinite evidence; say nothing instead (never seen in practice).
	if (fit === -Infinity) return 0;
	const g2 = 2 * (full - fit);
	return g2 < 1e-9 ? 0 : g2;
}

/** Whether the counts reject a single peak at the calibrated critical value for their scale. */
export function notSinglePeaked(counts: readonly number[]): boolean {
	return campsStatistic(counts) >= campsCriticalValue(counts.length);
}
