/**
 * The agreement indices of agreement.ts computed from tallied answer counts, so the dashboard can
 * work on distributions instead of arrays of 10,000 answers. `counts[offset + j]` holds the
 * number of answers j + 1 on a 1..points scale.
 */

/** σ²EU: variance of the discrete uniform on 1..A, the "no agreement at all" reference. */
export const uniformVariance = (scalePoints: number): number => (scalePoints * scalePoints - 1) / 12;

/** Sample variance (n − 1) of the answers; NaN below two. */
export function varianceFromCounts(counts: ArrayLike<number>, offset: number, points: number): number {
	let n = 0;
	let sum = 0;
	for (let j = 0; j < points; j++) {
		n += counts[offset + j];
		sum += counts[offset + j] * (j + 1);
	}
	if (n < 2) return NaN;
	const mean = sum / n;
	let ss = 0;
	for (let j = 0; j < points; j++) {
		const d = j + 1 - mean;
		ss += counts[offset + j] * d * d;
	}
	return ss / (n - 1);
}

export function rwgFromVariance(variance: number, scalePoints: number): number {
	if (Number.isNaN(variance)) return NaN;
	const r = 1 - variance / uniformVariance(scalePoints);
	return r < 0 ? 0 : r > 1 ? 1 : r;
}

export function rwgFromCounts(counts: ArrayLike<number>, offset: number, points: number): number {
	return rwgFromVariance(varianceFromCounts(counts, offset, points), points);
}

/**
 * James, Demaree & Wolf (1984): J(1 − s̄²/σ²) / (J(1 − s̄²/σ²) + s̄²/σ²), 0 once s̄² ≥ σ². J counts
 * only items that have a variance (2+ answers): an item nobody could answer says nothing about
 * agreement and should not inflate the Spearman–Brown-like J term.
 */
export function rwgJFromMeanVariance(meanVariance: number, items: number, scalePoints: number): number {
	if (items === 0 || Number.isNaN(meanVariance)) return NaN;
	const ratio = meanVariance / uniformVariance(scalePoints);
	if (ratio >= 1) return 0;
	const num = items * (1 - ratio);
	return num / (num + ratio);
}

/** Tastle & Wierman (2007): 1 + Σ pᵢ log₂(1 − |i − μ| / (A − 1)). */
export function consensusFromCounts(counts: ArrayLike<number>, offset: number, points: number): number {
	let n = 0;
	let sum = 0;
	for (let j = 0; j < points; j++) {
		n += counts[offset + j];
		sum += counts[offset + j] * (j + 1);
	}
	if (n === 0) return NaN;
	const mean = sum / n;
	let s = 0;
	for (let j = 0; j < points; j++) {
		const c = counts[offset + j];
		if (c === 0) continue;
		s += (c / n) * Math.log2(1 - Math.abs(j + 1 - mean) / (points - 1));
	}
	// Rounding can leave -1e-17 for two exact camps; the index is defined on [0, 1].
	const r = 1 + s;
	return r < 0 ? 0 : r > 1 ? 1 : r;
}

/** Leik (1966): Σ over the first A − 1 cumulative proportions of min(F, 1 − F), over (A − 1)/2. */
export function leikDFromCounts(counts: ArrayLike<number>, offset: number, points: number): number {
	let n = 0;
	for (let j = 0; j < points; j++) n += counts[offset + j];
	if (n === 0) return NaN;
	let cum = 0;
	let d = 0;
	for (let j = 0; j < points - 1; j++) {
		cum += counts[offset + j];
		const f = cum / n;
		d += f <= 0.5 ? f : 1 - f;
	}
	return d / ((points - 1) / 2);
}
