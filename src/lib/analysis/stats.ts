/**
 * Descriptive statistics on running sums, so that callers can tally 10,000 respondents in one
 * pass without keeping arrays of values around.
 */
import type { Estimate } from './types';

export interface Moments {
	n: number;
	sum: number;
	sumSq: number;
}

/** Critically worded items are flipped so that a higher level always means better collaboration. */
export const recode = (answer: number, points: number, reversed: boolean): number =>
	reversed ? points + 1 - answer : answer;

/** Sample variance (n − 1); NaN below two values. Clamped at 0 against rounding. */
export function sampleVariance(m: Moments): number {
	if (m.n < 2) return NaN;
	const v = (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1);
	return v > 0 ? v : 0;
}

/** Mean, SD and a 95% t-interval; null below two values, where no interval exists. */
export function estimate(m: Moments): Estimate | null {
	if (m.n < 2) return null;
	const mean = m.sum / m.n;
	const sd = Math.sqrt(sampleVariance(m));
	const half = t975(m.n - 1) * (sd / Math.sqrt(m.n));
	return { n: m.n, mean, sd, ciLow: mean - half, ciHigh: mean + half };
}

export interface Difference {
	diff: number;
	ciLow: number;
	ciHigh: number;
	df: number;
	significant: boolean;
}

/**
 * `b.mean − a.mean` with Welch's interval: the two samples are different people (rounds are not
 * linked, groups differ in size and spread), so neither paired nor pooled-variance tests fit.
 */
export function welchDifference(a: Moments, b: Moments): Difference | null {
	if (a.n < 2 || b.n < 2) return null;
	const va = sampleVariance(a) / a.n;
	const vb = sampleVariance(b) / b.n;
	const diff = b.sum / b.n - a.sum / a.n;
	const se = Math.sqrt(va + vb);
	if (se === 0) return { diff, ciLow: diff, ciHigh: diff, df: a.n + b.n - 2, significant: diff !== 0 };
	const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
	const half = tQuantile(0.975, df) * se;
	const ciLow = diff - half;
	const ciHigh = diff + half;
	return { diff, ciLow, ciHigh, df, significant: ciLow > 0 || ciHigh < 0 };
}

// --- Student's t quantile -------------------------------------------------------------------
// An exact inverse (bisection on the regularised incomplete beta) instead of a table, because
// Welch's degrees of freedom are not integers.

const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
	12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];

function lnGamma(x: number): number {
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
	x -= 1;
	let a = LANCZOS[0];
	const t = x + 7.5;
	for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta (Lentz), as in Numerical Recipes. */
function betaContinuedFraction(a: number, b: number, x: number): number {
	const tiny = 1e-300;
	const qab = a + b;
	const qap = a + 1;
	const qam = a - 1;
	let c = 1;
	let d = 1 - (qab * x) / qap;
	if (Math.abs(d) < tiny) d = tiny;
	d = 1 / d;
	let h = d;
	for (let m = 1; m <= 500; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const del = d * c;
		h *= del;
		if (Math.abs(del - 1) < 1e-15) break;
	}
	return h;
}

function regularisedBeta(x: number, a: number, b: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
	return x < (a + 1) / (a + b + 2)
		? (front * betaContinuedFraction(a, b, x)) / a
		: 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

export function tCdf(t: number, df: number): number {
	const tail = 0.5 * regularisedBeta(df / (df + t * t), df / 2, 0.5);
	return t >= 0 ? 1 - tail : tail;
}

export function tQuantile(p: number, df: number): number {
	if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
	if (p === 0.5) return 0;
	if (p < 0.5) return -tQuantile(1 - p, df);
	let hi = 2;
	while (tCdf(hi, df) < p && hi < 1e12) hi *= 2;
	let lo = 0;
	for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
		const mid = (lo + hi) / 2;
		if (tCdf(mid, df) < p) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

const t975Cache = new Map<number, number>();
/** Two-sided 95% critical value; cached because every estimate asks for one. */
export function t975(df: number): number {
	let v = t975Cache.get(df);
	if (v === undefined) {
		v = tQuantile(0.975, df);
		if (Number.isInteger(df) && t975Cache.size < 10_000) t975Cache.set(df, v);
	}
	return v;
}
