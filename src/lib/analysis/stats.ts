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

/**
 * Mean, SD and a 95% t-interval; null below two values, where no interval exists. With `points`,
 * the interval is clamped to the scale 1..points: a mean of answers on that scale cannot lie
 * outside it, and an interval reaching 0,7 or 5,4 only confuses a reader.
 */
export function estimate(m: Moments, points?: number): Estimate | null {
	if (m.n < 2) return null;
	const mean = m.sum / m.n;
	const sd = Math.sqrt(sampleVariance(m));
	const half = t975(m.n - 1) * (sd / Math.sqrt(m.n));
	let ciLow = mean - half;
	let ciHigh = mean + half;
	if (points !== undefined) {
		ciLow = Math.max(1, ciLow);
		ciHigh = Math.min(points, ciHigh);
	}
	return { n: m.n, mean, sd, ciLow, ciHigh };
}

/**
 * The false discovery rate every family of claims on a page is held to. Under Benjamini–Hochberg
 * the chance that a family with no true difference calls anything out equals q itself (for
 * independent tests), so q = 5% would put the limit of "at most 5% of rounds" right on
 * the edge; 3% keeps it under 5% with room for small-sample t tails (false-alarms.spec.ts).
 */
export const FDR = 0.03;

/** Moments of `whole` without `part`; only meaningful when every respondent of `part` is in `whole`. */
export function without(whole: Moments, part: Moments): Moments {
	return { n: whole.n - part.n, sum: whole.sum - part.sum, sumSq: whole.sumSq - part.sumSq };
}

export interface Difference {
	diff: number;
	ciLow: number;
	ciHigh: number;
	df: number;
	/**
	 * Two-sided Welch p-value, uncorrected; null when no test is possible because neither sample
	 * varies (SE = 0): two groups that all answered 4 and 5 are different, but a t-test cannot say
	 * how surely, and calling it significant would be a claim without evidence.
	 */
	p: number | null;
	/** p < .05 for this one comparison alone; a page that shows several must correct (`benjaminiHochberg`). */
	significant: boolean;
}

/**
 * `b.mean − a.mean` with Welch's interval: the two samples are different people (rounds are not
 * linked, groups differ in size and spread), so neither paired nor pooled-variance tests fit.
 * `conservativeDf` takes min(n) − 1 degrees of freedom instead of Welch–Satterthwaite: for a
 * group of ten answering on five points the t tail at the tiny p-values a large family needs is
 * too thin, and the agenda's candidates (items × groups, hundreds) then raise false alarms.
 */
export function welchDifference(a: Moments, b: Moments, conservativeDf = false): Difference | null {
	if (a.n < 2 || b.n < 2) return null;
	const va = sampleVariance(a) / a.n;
	const vb = sampleVariance(b) / b.n;
	const diff = b.sum / b.n - a.sum / a.n;
	const se = Math.sqrt(va + vb);
	if (se === 0) return { diff, ciLow: diff, ciHigh: diff, df: a.n + b.n - 2, p: null, significant: false };
	const df = conservativeDf ? Math.min(a.n, b.n) - 1 : (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
	const half = tQuantile(0.975, df) * se;
	const ciLow = diff - half;
	const ciHigh = diff + half;
	const p = tTwoSidedP(diff / se, df);
	return { diff, ciLow, ciHigh, df, p, significant: p < 0.05 };
}

/**
 * The difference between two rounds in the mean over the same J statements (each statement's
 * mean, then their average), for a section whose set of statements changed between the rounds.
 * The published tallies hold each statement's answers but not which answers came from one
 * person, so the covariance between statements is unknown; |cov(i, j)| ≤ sd_i·sd_j bounds the
 * standard error of an average of J means by the average of their standard errors. The interval
 * is therefore never too narrow (the test keeps its false-alarm rate, at the cost of power), and
 * the degrees of freedom come from the smallest statement on either side.
 */
export function sharedItemsDifference(previous: readonly Moments[], current: readonly Moments[]): Difference | null {
	if (previous.length === 0 || previous.length !== current.length) return null;
	if (previous.some((m) => m.n < 2) || current.some((m) => m.n < 2)) return null;
	const side = (ms: readonly Moments[]) => {
		let mean = 0;
		let se = 0;
		let n = Infinity;
		for (const m of ms) {
			mean += m.sum / m.n;
			se += Math.sqrt(sampleVariance(m) / m.n);
			n = Math.min(n, m.n);
		}
		return { mean: mean / ms.length, se: se / ms.length, n };
	};
	const a = side(previous);
	const b = side(current);
	const diff = b.mean - a.mean;
	const va = a.se * a.se;
	const vb = b.se * b.se;
	const se = Math.sqrt(va + vb);
	if (se === 0) return { diff, ciLow: diff, ciHigh: diff, df: a.n + b.n - 2, p: null, significant: false };
	const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
	const half = tQuantile(0.975, df) * se;
	const p = tTwoSidedP(diff / se, df);
	return { diff, ciLow: diff - half, ciHigh: diff + half, df, p, significant: p < 0.05 };
}

/**
 * Benjamini–Hochberg step-up: which of a family of tests are discoveries at false discovery rate
 * `q`. A null is no test (no variance, too small a group): never a discovery, and not counted in
 * the family size either, since no claim could have been made about it. Chosen over Bonferroni
 * because a page shows 10 to 200 comparisons and the team wants to find the real ones, accepting
 * that on average at most 5% of what is called out is chance; with no true effect at all it
 * controls the chance of any call-out at q.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[], q = FDR): boolean[] {
	const tested = pValues
		.map((p, i) => ({ p, i }))
		.filter((x): x is { p: number; i: number } => x.p !== null && Number.isFinite(x.p))
		.sort((a, b) => a.p - b.p);
	const m = tested.length;
	let cut = -1;
	for (let r = m; r >= 1; r--)
		if (tested[r - 1].p <= (r / m) * q) {
			cut = r;
			break;
		}
	const out = pValues.map(() => false);
	for (let r = 0; r < cut; r++) out[tested[r].i] = true;
	return out;
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

/**
 * P(|T| ≥ |t|) for Student's t with `df` degrees of freedom, straight from the incomplete beta
 * (not 1 − cdf, which loses the small p-values to rounding).
 */
export function tTwoSidedP(t: number, df: number): number {
	if (!Number.isFinite(t)) return 0;
	return Math.min(1, regularisedBeta(df / (df + t * t), df / 2, 0.5));
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
